/**
 * MiniSearch queried one term at a time. A single OR query of many terms makes MiniSearch merge
 * a result object per document per term and de-duplicate each document's matched terms with
 * `Array#includes`, which grows with the square of the number of terms: a pasted paragraph (a few
 * hundred bigrams) cost tens of milliseconds. Asking MiniSearch for each term on its own and
 * summing here gives the scores of the single OR query (per field BM25 × boost, summed over the
 * terms, times the number of distinct query terms a document matched) at a cost linear in the
 * number of postings.
 */
import MiniSearch from 'minisearch';

/** Terms to look up in some fields, each field with its boost. */
export interface FieldQuery<Field extends string> {
  /** Query strings; each is split at white space, as MiniSearch tokenizes a query string. */
  terms: readonly string[];
  boosts: Readonly<Partial<Record<Field, number>>>;
}

/** A matched document by its position in the indexed list, with its score. */
export interface ScoredDocument {
  index: number;
  score: number;
}

const SPACE = /\s+/;
const splitTerms = (text: string): string[] => text.split(SPACE).filter(Boolean);

interface Accumulated {
  score: number;
  /** Distinct query terms matched: MiniSearch's "quality" multiplier. */
  terms: Set<string>;
}

/** A MiniSearch index over documents whose fields are already analysed into space-separated terms. */
export class FieldIndex<Field extends string> {
  private readonly miniSearch: MiniSearch<Record<string, string | number>>;

  /** Indexes documents given as space-separated terms per field; their order is their index. */
  constructor(
    private readonly fields: readonly Field[],
    documents: ReadonlyArray<Readonly<Record<Field, string>>>,
  ) {
    this.miniSearch = new MiniSearch<Record<string, string | number>>({
      idField: 'position',
      fields: [...fields],
      // Fields hold terms already analysed by kuromoji: MiniSearch only splits them.
      tokenize: splitTerms,
      processTerm: (term) => term,
      searchOptions: { tokenize: splitTerms, processTerm: (term) => term },
    });
    this.miniSearch.addAll(documents.map((document, position) => ({ ...document, position })));
  }

  /**
   * Documents matching any term of any group, in the order they were first matched; the caller
   * ranks them, usually after weighting, so sorting here would be wasted.
   */
  search(groups: ReadonlyArray<FieldQuery<Field>>): ScoredDocument[] {
    const matched = new Map<number, Accumulated>();
    for (const group of groups) {
      const fields = this.fields.filter((field) => Object.hasOwn(group.boosts, field));
      if (fields.length === 0) continue;
      const options = { fields, boost: { ...group.boosts } as Record<string, number>, combineWith: 'OR' as const };
      // Summed per group first, then into the total, in MiniSearch's order, so the floating-point
      // sums, and with them the ties, come out exactly as the single OR query's.
      const groupScores = new Map<number, number>();
      for (const text of group.terms) {
        for (const term of splitTerms(text)) {
          for (const result of this.miniSearch.search(term, options)) {
            const position = result.id as number;
            groupScores.set(position, (groupScores.get(position) ?? 0) + result.score);
            const entry = matched.get(position);
            if (entry) entry.terms.add(term);
            else matched.set(position, { score: 0, terms: new Set([term]) });
          }
        }
      }
      // 0 + x is exactly x, so a document's first group sum is taken as is, as in MiniSearch.
      for (const [position, score] of groupScores) matched.get(position)!.score += score;
    }
    return [...matched].map(([index, { score, terms }]) => ({ index, score: score * terms.size }));
  }
}
