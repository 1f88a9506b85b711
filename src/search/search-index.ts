import MiniSearch, { type SearchResult } from 'minisearch';
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
}

/** Field boosts tuned on the dev set: names matter most, bigrams catch what tokens miss. */
export const FIELD_BOOSTS = { name: 4, reading: 2, body: 1, nameGram: 1.5, bodyGram: 0.25 } as const;
/** For a described thing the words are in the definition, not the name. */
export const DESCRIPTION_BOOSTS = { name: 0.5, reading: 0.5, body: 3, nameGram: 0.2, bodyGram: 1 } as const;
const SPACE = /\s+/;
const MIN_CONTAINED_NAME_CHARS = 3;
const COVERAGE_CANDIDATES = 80;
/** How strongly coverage shapes the ranking: BM25 rewards repeated words, coverage the whole question. */
const COVERAGE_FACTOR = (coverage: number) => (0.25 + coverage) ** 2;

interface IndexedFields {
  id: string;
  name: string;
  reading: string;
  body: string;
  nameGram: string;
  bodyGram: string;
}

/**
 * A MiniSearch index over search documents. Fields hold pre-analysed terms joined by spaces,
 * because kuromoji is too slow to run inside MiniSearch's per-field tokenize callback twice.
 */
export class SearchIndex {
  readonly documents: ReadonlyMap<string, SearchDocument>;
  private readonly index: MiniSearch<IndexedFields>;
  private readonly names = new Map<string, string[]>();
  private containableNames: Array<[string, string[]]> | undefined;
  private readonly vocabulary = new Map<string, Set<string>>();
  /** How many documents contain each term or bigram: rare pieces weigh more in coverage. */
  private readonly documentFrequency = new Map<string, number>();

  constructor(
    documents: readonly SearchDocument[],
    private readonly analyzer: TextAnalyzer,
  ) {
    this.documents = new Map(documents.map((document) => [document.id, document]));
    this.index = new MiniSearch<IndexedFields>({
      fields: ['name', 'reading', 'body', 'nameGram', 'bodyGram'],
      tokenize: (text) => text.split(SPACE).filter(Boolean),
      processTerm: (term) => term,
      searchOptions: { tokenize: (text) => text.split(SPACE).filter(Boolean), processTerm: (term) => term },
    });
    this.index.addAll(documents.map((document) => this.fieldsOf(document)));
    for (const pieces of this.vocabulary.values()) {
      for (const piece of pieces) this.documentFrequency.set(piece, (this.documentFrequency.get(piece) ?? 0) + 1);
    }
  }

  /** Ranks documents for a query; an empty list when nothing matches at all. */
  search(query: SearchQuery): SearchHit[] {
    const phrasings = unique([query.text, ...(query.variants ?? [])]);
    const withSynonyms = (words: readonly string[]) =>
      words.map((word) => unique([word, ...(query.synonymsOf?.(word) ?? []).map((synonym) => this.analyzer.normalize(synonym))]));
    const terms = unique(phrasings.flatMap((text) => withSynonyms(this.analyzer.terms(text)).flat()));
    const readings = unique(phrasings.flatMap((text) => this.analyzer.readings(text)));
    const grams = unique(phrasings.flatMap((text) => this.analyzer.bigrams(text)));
    if (terms.length + grams.length === 0) return [];

    const boosts = query.emphasis === 'bodies' ? DESCRIPTION_BOOSTS : FIELD_BOOSTS;
    const results: SearchResult[] = this.index.search({
      combineWith: 'OR',
      queries: [
        { queries: terms, fields: ['name', 'body'], boost: { name: boosts.name, body: boosts.body } },
        { queries: readings, fields: ['reading'], boost: { reading: boosts.reading } },
        { queries: grams, fields: ['nameGram', 'bodyGram'], boost: { nameGram: boosts.nameGram, bodyGram: boosts.bodyGram } },
      ],
    });

    const normalizedPhrasings = phrasings.map((text) => this.analyzer.normalize(text));
    const exactIds = new Set(normalizedPhrasings.flatMap((text) => this.names.get(text) ?? []));
    const containedIds = this.idsOfNamesWithin(normalizedPhrasings);
    const plans = phrasings.map((text) => this.coveragePlan(withSynonyms(this.analyzer.keyTerms(text))));
    // Coverage is the costly part; the bigram query matches most documents weakly, so only the
    // strongest candidates by BM25 and weight are worth measuring.
    const candidates = results
      .flatMap((result) => {
        const document = this.documents.get(String(result.id));
        return document ? [{ result, document, weight: query.weight?.(document) ?? 1 }] : [];
      })
      .sort((a, b) => b.result.score * b.weight - a.result.score * a.weight)
      .filter((candidate, rank) => rank < COVERAGE_CANDIDATES || exactIds.has(candidate.document.id) || containedIds.has(candidate.document.id));
    const hits = candidates.map(({ result, document, weight }): SearchHit => {
      const exactName = exactIds.has(document.id);
      const coverage = Math.max(...plans.map((plan) => this.coverage(document.id, plan)));
      // An exact name is the strongest evidence there is; coverage rewards documents that contain
      // the whole question rather than one frequent word of it.
      const containsName = containedIds.has(document.id);
      const score = result.score * weight * COVERAGE_FACTOR(coverage) * (exactName ? 3 : containsName ? 2 : 1);
      return { document, score, coverage, exactName, containsName };
    });
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, query.limit ?? 10);
  }

  // Names shorter than this occur inside unrelated words too often (AI in 「AI議事録」 is fine,
  // but ICT in 「ICTリテラシー」 is not the question).
  private idsOfNamesWithin(texts: readonly string[]): Set<string> {
    const ids = new Set<string>();
    this.containableNames ??= [...this.names].filter(([name]) => [...name].length >= MIN_CONTAINED_NAME_CHARS);
    for (const [name, owners] of this.containableNames) {
      if (texts.some((text) => text.length > name.length && text.includes(name))) for (const id of owners) ids.add(id);
    }
    return ids;
  }

  private fieldsOf(document: SearchDocument): IndexedFields {
    const nameText = [document.title, ...document.names].join('\n');
    for (const name of [document.title, ...document.names]) {
      const key = this.analyzer.normalize(name);
      if (key.length === 0) continue;
      const ids = this.names.get(key) ?? [];
      ids.push(document.id);
      this.names.set(key, ids);
    }
    const nameTerms = [...this.analyzer.terms(nameText), ...[document.title, ...document.names].map((name) => this.analyzer.normalize(name).replace(SPACE, ''))];
    const bodyTerms = this.analyzer.terms(document.body);
    const nameGrams = this.analyzer.bigrams(nameText);
    const bodyGrams = this.analyzer.bigrams(document.body);
    this.vocabulary.set(document.id, new Set([...nameTerms, ...bodyTerms, ...nameGrams, ...bodyGrams]));
    return {
      id: document.id,
      name: nameTerms.join(' '),
      reading: this.analyzer.readings(nameText).join(' '),
      body: bodyTerms.join(' '),
      nameGram: nameGrams.join(' '),
      bodyGram: bodyGrams.join(' '),
    };
  }

  /**
   * Weights for measuring coverage, computed once per query: each key term counts by how rare its
   * pieces are, so "円周率を100桁" is not covered by a document that merely has 率 and 100; a term
   * may be covered by any of its alternatives (itself or a synonym).
   */
  private coveragePlan(alternativesPerTerm: readonly string[][]): CoveragePlan {
    const terms = alternativesPerTerm.map((alternatives) => {
      const options = alternatives.map((word) => {
        const pieces = coverageUnits(word, this.analyzer).map((piece) => ({ piece, idf: this.idf(piece) }));
        return { pieces, total: pieces.reduce((sum, { idf }) => sum + idf, 0) };
      });
      const own = options[0];
      const weight = own && own.pieces.length > 0 ? own.total / own.pieces.length : 0;
      return { weight, options };
    });
    return { terms, total: terms.reduce((sum, term) => sum + term.weight, 0) };
  }

  /** The IDF-weighted share of the question found in the document, 0…1. */
  private coverage(id: string, plan: CoveragePlan): number {
    const vocabulary = this.vocabulary.get(id);
    if (!vocabulary || plan.total === 0) return 0;
    let covered = 0;
    for (const term of plan.terms) {
      let best = 0;
      for (const option of term.options) {
        if (option.total === 0) continue;
        let found = 0;
        for (const { piece, idf } of option.pieces) if (vocabulary.has(piece)) found += idf;
        best = Math.max(best, found / option.total);
      }
      covered += term.weight * best;
    }
    return covered / plan.total;
  }

  private idf(piece: string): number {
    return Math.log(1 + this.vocabulary.size / ((this.documentFrequency.get(piece) ?? 0) + 0.5));
  }
}

interface CoveragePlan {
  terms: Array<{ weight: number; options: Array<{ pieces: Array<{ piece: string; idf: number }>; total: number }> }>;
  total: number;
}

/**
 * The pieces coverage is measured on: an ASCII word must be present whole ("qwerty" must not
 * count as covered because "er" occurs somewhere), a Japanese word by its bigrams.
 */
function coverageUnits(term: string, analyzer: TextAnalyzer): string[] {
  if (/^[\x21-\x7e]+$/.test(term)) return [term];
  const grams = analyzer.bigrams(term);
  return grams.length > 0 ? grams : [term];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => value.length > 0))];
}
