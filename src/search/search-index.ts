import { FieldIndex, type ScoredDocument } from './field-index.js';
import { CoverageIndex } from './coverage.js';
import { SpokenNames } from './spoken-names.js';
import { withoutFrameTail } from '../text/question-frame.js';
import type { SearchDocument } from './search-document.js';
import type { TextAnalyzer } from './text-analyzer.js';

/** One ranked document, with the evidence the composer and the staff panel need. */
export interface SearchHit {
  document: SearchDocument;
  score: number;
  /** Share of the query's content (terms and their bigrams) found in the document, 0…1. */
  coverage: number;
  /** The query contains one of the document's names whole (車庫証明 in 「車庫証明をネットで」). */
  containsName: boolean;
  /** The query names the document exactly (its title or an alias). */
  exactName: boolean;
  /** Share of the question's focus (what it asks about, without story or chat) found in the document, 0…1. */
  focusCoverage: number;
  /** How much evidence that share is: the summed rarity (IDF) of the focus words found. */
  focusMass: number;
  /** A thing the question is about ends in one of the document's names (「DX推進本部」 of 「鹿屋のDX推進本部」). */
  namedInFocus: boolean;
  /** The head noun of a thing asked about is in the document's name, not only its body (消防 in 「消防法令における申請・届出等」). */
  headInName: boolean;
  /**
   * The document holds the head noun of a thing asked about (免除 of 「国民年金の保険料の免除」);
   * true when the question has no such head.
   */
  holdsHead: boolean;
}

/** What to look for, already analysed by the caller. */
export interface SearchQuery {
  text: string;
  /** Other phrasings of the same question (everyday words replaced by the plans' words). */
  variants?: readonly string[];
  /** Words that stand for a query term (the synonym map); a match on one counts as the term. */
  synonymsOf?: (term: string) => readonly string[];
  /** Multiplies a document's score; lets intent and municipality shape the ranking. */
  weight?: (document: SearchDocument) => number;
  limit?: number;
  /** `bodies` when the question describes a thing rather than names it: match definitions, not titles. */
  emphasis?: 'names' | 'bodies';
  /**
   * What the question asks about, one phrase per question (each perhaps with other phrasings):
   * a document's focus coverage is its best over them. Defaults to the whole text and its variants.
   */
  focus?: ReadonlyArray<readonly string[]>;
  /** The things the question is about (「児童手当」 of 「じどうてあての申請って」): a document named by one of them is the one asked about. */
  heads?: readonly string[];
}

/** Field boosts tuned on the dev set: names matter most, bigrams catch what tokens miss. */
export const FIELD_BOOSTS = { name: 4, reading: 2, body: 1, nameGram: 1.5, bodyGram: 0.25 } as const;
/** For a described thing the words are in the definition, not the name. */
export const DESCRIPTION_BOOSTS = { name: 0.5, reading: 0.5, body: 3, nameGram: 0.2, bodyGram: 1 } as const;
const SPACE = /\s+/;
const TRAILING_NOTE = /\s*[（(][^（）()]*[）)]\s*$/u;
const LEADING_COUNT = /^[0-9０-９一二三四五六七八九十]+つの/u;
const MIN_CONTAINED_NAME_CHARS = 3;
const COVERAGE_CANDIDATES = 80;
/** An entry named after the thing asked about outranks one that mentions it in passing. */
const HEAD_IN_NAME_FACTOR = 1.6;
/** How strongly coverage shapes the ranking: BM25 rewards repeated words, coverage the whole question. */
const COVERAGE_FACTOR = (coverage: number) => (0.25 + coverage) ** 2;

interface IndexedFields {
  name: string;
  reading: string;
  body: string;
  nameGram: string;
  bodyGram: string;
}

const FIELDS = ['name', 'reading', 'body', 'nameGram', 'bodyGram'] as const;

/**
 * A BM25 index over search documents. Fields hold pre-analysed terms joined by spaces, because
 * kuromoji runs once per document here rather than inside a search library's tokenize callback.
 */
export class SearchIndex {
  readonly documents: ReadonlyMap<string, SearchDocument>;
  private readonly index: FieldIndex<keyof IndexedFields>;
  /** Documents by their position in the BM25 index. */
  private readonly ordered: readonly SearchDocument[];
  private readonly names = new Map<string, string[]>();
  /** Names without their frame words (「児童手当 申請」 → 児童手当), matching form → document ids. */
  private readonly headNames = new Map<string, string[]>();
  /** Each document's name words and their bigrams: where a question's head noun should be. */
  private readonly nameCoverage: CoverageIndex;
  /** Names long enough to be recognised inside a question, by their first two UTF-16 units. */
  private containableNames: Map<string, Array<[string, string[]]>> | undefined;
  /** Synonym → its matching form; synonyms come from a fixed map, so this stays small. */
  private readonly normalizedSynonyms = new Map<string, string>();
  private readonly coverage: CoverageIndex;
  private readonly spokenNames: SpokenNames;

  /** Indexes the documents; `buildAnalyzer` (the same analysis, perhaps remembered) cuts the documents, `analyzer` the queries. */
  constructor(
    documents: readonly SearchDocument[],
    private readonly analyzer: TextAnalyzer,
    private readonly buildAnalyzer: TextAnalyzer = analyzer,
  ) {
    const byId = new Map<string, SearchDocument>();
    for (const document of documents) {
      // Two documents under one id would leave one of them unreachable by id.
      if (byId.has(document.id)) throw new Error(`SearchIndex: duplicate document id ${document.id}`);
      byId.set(document.id, document);
    }
    this.documents = byId;
    this.ordered = documents;
    const vocabularies: Array<Set<string>> = [];
    const nameVocabularies: Array<Set<string>> = [];
    this.index = new FieldIndex(
      FIELDS,
      documents.map((document) => {
        const { fields, vocabulary, nameVocabulary } = this.analyse(document);
        vocabularies.push(vocabulary);
        nameVocabularies.push(nameVocabulary);
        return fields;
      }),
    );
    this.coverage = new CoverageIndex(vocabularies, analyzer);
    this.nameCoverage = new CoverageIndex(nameVocabularies, analyzer);
    this.spokenNames = new SpokenNames(
      // A name's head too: 「児童手当 申請」 is how 児童手当 is written, whatever is asked of it.
      documents.flatMap((document) => [document.title, ...document.names].flatMap((name) => [name, nameHead(name)])),
      (name) => this.buildAnalyzer.spoken(name),
    );
  }

  /** True when some entry uses the word: a place the plans never mention is not theirs to answer about. */
  knows(word: string): boolean {
    return this.coverage.knows(this.analyzer.normalize(word));
  }

  /** The text with kana that sound like an entry's name written as that name (じどうてあて → 児童手当); null when none. */
  spokenAsNames(text: string): string | null {
    return this.spokenNames.rewrite(text);
  }

  /** Ranks documents for a query; an empty list when nothing matches at all. */
  search(query: SearchQuery): SearchHit[] {
    const phrasings = unique([query.text, ...(query.variants ?? [])]);
    const withSynonyms = (words: readonly string[]) =>
      words.map((word) => unique([word, ...(query.synonymsOf?.(word) ?? []).map((synonym) => this.normalizedSynonym(synonym))]));
    const terms = unique(phrasings.flatMap((text) => withSynonyms(this.analyzer.terms(text)).flat()));
    const readings = unique(phrasings.flatMap((text) => this.analyzer.readings(text)));
    const grams = unique(phrasings.flatMap((text) => this.analyzer.bigrams(text)));
    if (terms.length + grams.length === 0) return [];

    const boosts = query.emphasis === 'bodies' ? DESCRIPTION_BOOSTS : FIELD_BOOSTS;
    const results = this.index.search([
      { terms, boosts: { name: boosts.name, body: boosts.body } },
      { terms: readings, boosts: { reading: boosts.reading } },
      { terms: grams, boosts: { nameGram: boosts.nameGram, bodyGram: boosts.bodyGram } },
    ]);

    const normalizedPhrasings = phrasings.map((text) => this.analyzer.normalize(text));
    // 「水道の使い始め」 names the entry 「水道 使い始め」: the の between two nouns is not part of either.
    const withoutNo = normalizedPhrasings.map((text) => text.replace(/(?<=[\p{Script=Han}\p{Script=Katakana}])ノ(?=[\p{Script=Han}\p{Script=Katakana}])/gu, ''));
    const exactIds = new Set(normalizedPhrasings.flatMap((text) => this.names.get(text) ?? []));
    const containedIds = this.idsOfNamesWithin(unique([...normalizedPhrasings, ...withoutNo]));
    const messageTerms = phrasings.map((text) => withSynonyms(this.analyzer.keyTerms(text)));
    const focusPhrasings = query.focus ? unique(query.focus.flat()) : phrasings;
    // A focus typed in kana (さーす, ぶーか) is one word that kuromoji cuts into nonsense.
    // kuromoji's pieces of such a word are dropped in favour of the word.
    const focusTerms = (text: string) => {
      const words = kanaWords(this.analyzer.normalize(text));
      return unique([...words, ...this.analyzer.keyTerms(text).filter((term) => !words.some((word) => word.includes(term)))]);
    };
    const focusTermLists = query.focus ? focusPhrasings.map((text) => withSynonyms(focusTerms(text))) : messageTerms;
    // In Japanese the last noun of a phrase is what it is about: 保険料の免除 is a 免除.
    const headNouns = unique((query.heads ?? []).map((head) => this.analyzer.keyTerms(head).at(-1) ?? ''));
    const headPhrasings = headNouns.map((noun) => withSynonyms([noun]));
    // The whole message, its focus and its head nouns, measured in one pass.
    const question = this.coverage.question([...messageTerms, ...focusTermLists, ...headPhrasings]);
    // The bigram query matches most documents weakly: only the strongest candidates by BM25 and
    // weight are worth measuring for coverage.
    const weighed: Candidate[] = [];
    results.forEach((result, matched) => {
      const document = this.ordered[result.index];
      if (!document) return;
      const weight = query.weight?.(document) ?? 1;
      weighed.push({ result, document, weight, weighted: result.score * weight, matched });
    });
    // Ties fall back to the BM25 score, then to the order of matching: the order ranking by
    // score first and by weighted score second (both stable) produced.
    weighed.sort((a, b) => b.weighted - a.weighted || b.result.score - a.result.score || a.matched - b.matched);
    const candidates = weighed.filter(
      (candidate, rank) => rank < COVERAGE_CANDIDATES || exactIds.has(candidate.document.id) || containedIds.has(candidate.document.id),
    );
    const candidateIndexes = candidates.map(({ result }) => result.index);
    const [messageMeasures, focusMeasures, headGroup] = question.measureGroups(candidateIndexes, [messageTerms.length, focusTermLists.length, headPhrasings.length]);
    const coverages = messageMeasures!.map((measured) => measured.coverage);
    const headMeasures = headNouns.length > 0 ? headGroup!.map((measured) => measured.coverage) : null;
    const headIds = this.idsNamingHeads(query.heads ?? []);
    const headInNameMeasures = headNouns.length > 0 ? this.nameCoverage.question(headPhrasings).measure(candidateIndexes) : null;
    const hits = candidates.map(({ result, document, weight }, rank): SearchHit => {
      const exactName = exactIds.has(document.id);
      const namedInFocus = headIds.has(document.id);
      const focusCoverage = focusMeasures![rank]?.coverage ?? 0;
      const focusMass = focusMeasures![rank]?.mass ?? 0;
      const holdsHead = headMeasures === null || (headMeasures[rank] ?? 0) >= 0.5;
      const headInName = headInNameMeasures !== null && (headInNameMeasures[rank] ?? 0) >= 0.99;
      const coverage = coverages[rank] ?? 0;
      // An exact name is the strongest evidence there is; coverage rewards documents that contain
      // the whole question rather than one frequent word of it.
      const containsName = containedIds.has(document.id);
      // The thing a question is about, named (「ナッジという言葉」), outranks entries that share its story's words.
      const score =
        result.score * weight * COVERAGE_FACTOR(coverage) * (exactName ? 3 : namedInFocus || containsName ? 2 : 1) * (headInName && !exactName ? HEAD_IN_NAME_FACTOR : 1);
      return { document, score, coverage, exactName, containsName, focusCoverage, focusMass, namedInFocus, holdsHead, headInName };
    });
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, query.limit ?? 10);
  }

  // Names shorter than MIN_CONTAINED_NAME_CHARS occur inside unrelated words too often (AI in
  // 「AI議事録」 is fine, but ICT in 「ICTリテラシー」 is not the question). Names are looked up from
  // each position of the text rather than searched for one by one: for a pasted paragraph the
  // thousands of `includes` scans were a tenth of the query time.
  private idsOfNamesWithin(texts: readonly string[]): Set<string> {
    const ids = new Set<string>();
    this.containableNames ??= namesByLead([...this.names].filter(([name]) => [...name].length >= MIN_CONTAINED_NAME_CHARS));
    for (const text of texts) {
      for (let at = 0; at + 1 < text.length; at += 1) {
        const names = this.containableNames.get(text.slice(at, at + 2));
        if (!names) continue;
        for (const [name, owners] of names) {
          if (text.length > name.length && text.startsWith(name, at)) for (const id of owners) ids.add(id);
        }
      }
    }
    return ids;
  }

  /** Documents one of whose names ends a head: the head names that thing, perhaps with a qualifier before it. */
  private idsNamingHeads(heads: readonly string[]): Set<string> {
    const ids = new Set<string>();
    for (const head of heads) {
      const normalized = this.analyzer.normalize(head);
      for (let at = 0; at + 1 < normalized.length; at += 1) {
        for (const id of this.names.get(normalized.slice(at)) ?? []) ids.add(id);
        for (const id of this.headNames.get(normalized.slice(at)) ?? []) ids.add(id);
      }
    }
    return ids;
  }

  private normalizedSynonym(synonym: string): string {
    let normalized = this.normalizedSynonyms.get(synonym);
    if (normalized === undefined) {
      normalized = this.analyzer.normalize(synonym);
      this.normalizedSynonyms.set(synonym, normalized);
    }
    return normalized;
  }

  /** The document's indexed fields, and the terms and bigrams coverage looks for in it. */
  private analyse(document: SearchDocument): { fields: IndexedFields; vocabulary: Set<string>; nameVocabulary: Set<string> } {
    const nameText = [document.title, ...document.names].join('\n');
    for (const name of [document.title, ...document.names]) {
      const key = this.analyzer.normalize(name);
      if (key.length === 0) continue;
      const ids = this.names.get(key) ?? [];
      ids.push(document.id);
      this.names.set(key, ids);
      const head = this.analyzer.normalize(nameHead(name));
      // A head shorter than two characters names nothing in particular.
      if (head.length >= 2 && head !== key) {
        const owners = this.headNames.get(head) ?? [];
        if (!owners.includes(document.id)) owners.push(document.id);
        this.headNames.set(head, owners);
      }
    }
    const nameTerms = [...this.buildAnalyzer.terms(nameText), ...[document.title, ...document.names].map((name) => this.analyzer.normalize(name).replace(SPACE, ''))];
    const bodyTerms = this.buildAnalyzer.terms(document.body);
    const nameGrams = this.buildAnalyzer.bigrams(nameText);
    const bodyGrams = this.buildAnalyzer.bigrams(document.body);
    const fields = {
      name: nameTerms.join(' '),
      reading: this.buildAnalyzer.readings(nameText).join(' '),
      body: bodyTerms.join(' '),
      nameGram: nameGrams.join(' '),
      bodyGram: bodyGrams.join(' '),
    };
    return { fields, vocabulary: new Set([...nameTerms, ...bodyTerms, ...nameGrams, ...bodyGrams]), nameVocabulary: new Set([...nameTerms, ...nameGrams]) };
  }
}

interface Candidate {
  result: ScoredDocument;
  document: SearchDocument;
  weight: number;
  weighted: number;
  /** Position in first-match order, the last tie-breaker. */
  matched: number;
}

/**
 * What a name names without its frame: 「児童手当 申請」 → 児童手当, 「オンライン手続数（主な活動指標：…）」
 * → オンライン手続数 (the note in brackets is not its name), 「４つの基本方針」 → 基本方針 (nor is the count).
 */
function nameHead(name: string): string {
  return withoutFrameTail(name.replace(TRAILING_NOTE, '')).replace(LEADING_COUNT, '');
}

function namesByLead(names: ReadonlyArray<[string, string[]]>): Map<string, Array<[string, string[]]>> {
  const byLead = new Map<string, Array<[string, string[]]>>();
  for (const entry of names) {
    const lead = entry[0].slice(0, 2);
    const list = byLead.get(lead);
    if (list) list.push(entry);
    else byLead.set(lead, [entry]);
  }
  return byLead;
}

/** Runs of katakana (hiragana is folded to katakana by normalising) two or more characters long. */
function kanaWords(normalized: string): string[] {
  return normalized.match(/[\u30a1-\u30fa\u30fc]{2,}/gu) ?? [];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => value.length > 0))];
}
