/**
 * Which staff FAQ, if any, answers a message. FAQs have an index of their own (the plans' index
 * and its statistics stay as they are), and an FAQ answers only when the message and one of its
 * wordings say the same thing both ways: the message's content is in the FAQ's wordings, and
 * a wording's content is in the message. 「マイナポータルとは」 shares a word with
 * 「マイナポータルの問い合わせ先」 but asks something else, and stays the glossary's question.
 */
import { FAQ_COMMON, type Faq, type Municipality } from '../knowledge/schema.js';
import { documentsFromFaqs } from '../search/documents-from-faqs.js';
import { SearchIndex, type SearchHit } from '../search/search-index.js';
import type { TextAnalyzer } from '../search/text-analyzer.js';

/** Share of the message's content that must be in the FAQ's wordings. */
export const FAQ_MIN_COVERAGE = 0.7;
/** Share of a wording's key terms that must be in the message. */
export const FAQ_MIN_WORDING_SHARE = 0.75;
const CANDIDATES = 8;

/** What the FAQs say about a message. */
export type FaqDecision =
  | { kind: 'answer'; faq: Faq; hit: SearchHit; others: Faq[] }
  /** FAQs of several cities match and the person has neither named nor chosen one. */
  | { kind: 'which-city'; cities: Municipality[]; hits: SearchHit[] };

/** The message as the engine has prepared it. */
export interface FaqQuery {
  /** The message without city names and question ending. */
  text: string;
  /** The same with everyday words replaced by the plans' words. */
  variants: readonly string[];
  synonymsOf: (term: string) => readonly string[];
  /** The city named in the message, else the one the person chose. */
  municipality: Municipality | null;
  /** What the message asks about (its focus phrases, see question-focus): a story before it must not hide a match. */
  focus?: ReadonlyArray<readonly string[]>;
}

/** Matches messages against the FAQs of one knowledge base. */
export class FaqMatcher {
  private readonly index: SearchIndex | null;
  private readonly byId: ReadonlyMap<string, Faq>;
  /** FAQ id → the key terms of each of its wordings. */
  private readonly wordingTerms = new Map<string, string[][]>();

  /** Indexes the FAQs; `buildAnalyzer` may remember analyses between starts, `analyzer` cuts the messages. */
  constructor(
    faqs: readonly Faq[],
    private readonly analyzer: TextAnalyzer,
    buildAnalyzer: TextAnalyzer = analyzer,
  ) {
    this.byId = new Map(faqs.map((faq) => [faq.id, faq]));
    this.index = faqs.length > 0 ? new SearchIndex(documentsFromFaqs(faqs), analyzer, buildAnalyzer) : null;
    for (const faq of faqs) {
      this.wordingTerms.set(faq.id, [faq.question, ...faq.wordings].map((wording) => buildAnalyzer.keyTerms(wording)));
    }
  }

  /** The FAQ that answers the message, a question back when the city decides it, or null. */
  decide(query: FaqQuery): FaqDecision | null {
    if (!this.index) return null;
    // An FAQ answers only when one of its wordings is in the message: when none is, there is
    // nothing to search for (most messages, and every one while staff have written few FAQs).
    const pieces = this.piecesOf([query.text, ...query.variants]);
    if (![...this.byId.values()].some((faq) => this.wordingShare(faq, pieces) >= FAQ_MIN_WORDING_SHARE)) return null;
    const hits = this.index.search({ text: query.text, variants: query.variants, synonymsOf: query.synonymsOf, limit: CANDIDATES, ...(query.focus ? { focus: query.focus } : {}) });
    const city = query.municipality;
    const matching = hits.filter((hit) => {
      const faq = this.byId.get(hit.document.id);
      if (!faq) return false;
      // Another city's FAQ (粗大ごみの申込先) is never an answer for this person's city.
      if (city && faq.municipality !== FAQ_COMMON && faq.municipality !== city) return false;
      // The whole message, or what it asks about, is in the FAQ's wordings, and a wording in it.
      return hit.exactName || (Math.max(hit.coverage, hit.focusCoverage) >= FAQ_MIN_COVERAGE && this.wordingShare(faq, pieces) >= FAQ_MIN_WORDING_SHARE);
    });
    if (matching.length === 0) return null;
    // The wording itself first; then the person's own city's answer before the shared one, or,
    // for someone whose city is unknown, the shared answer before any one city's.
    const shared = (hit: SearchHit) => hit.document.municipality === null;
    const rank = (hit: SearchHit) => (hit.exactName ? 0 : 2) + (shared(hit) === (city !== null) ? 1 : 0);
    const ordered = [...matching].sort((a, b) => rank(a) - rank(b) || b.score - a.score);
    const best = ordered[0]!;
    if (!city && best.document.municipality !== null) {
      const cities = [...new Set(ordered.map((hit) => hit.document.municipality).filter((scope): scope is Municipality => scope !== null && scope !== 'national'))];
      if (cities.length > 1) return { kind: 'which-city', cities, hits: ordered };
    }
    const others = ordered.slice(1).map((hit) => this.byId.get(hit.document.id)!).filter((faq) => faq.question !== this.byId.get(best.document.id)!.question);
    return { kind: 'answer', faq: this.byId.get(best.document.id)!, hit: best, others };
  }

  /** The best share, over the FAQ's wordings, of a wording's key terms found in the message. */
  private wordingShare(faq: Faq, pieces: ReadonlySet<string>): number {
    let best = 0;
    for (const terms of this.wordingTerms.get(faq.id) ?? []) {
      if (terms.length === 0) continue;
      const found = terms.reduce((sum, term) => sum + this.presence(term, pieces), 0);
      best = Math.max(best, found / terms.length);
    }
    return best;
  }

  /** How much of one term is in the message: an ASCII word whole or not at all, Japanese by its bigrams. */
  private presence(term: string, pieces: ReadonlySet<string>): number {
    if (/^[\x21-\x7e]+$/.test(term)) return pieces.has(term) ? 1 : 0;
    const grams = this.analyzer.bigrams(term);
    if (grams.length === 0) return pieces.has(term) ? 1 : 0;
    return grams.filter((gram) => pieces.has(gram)).length / grams.length;
  }

  private piecesOf(texts: readonly string[]): Set<string> {
    const pieces = new Set<string>();
    for (const text of texts) {
      for (const term of this.analyzer.terms(text)) pieces.add(term);
      for (const gram of this.analyzer.bigrams(text)) pieces.add(gram);
    }
    return pieces;
  }
}
