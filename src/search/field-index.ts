/**
 * MiniSearch queried one term at a time. A single OR query of many terms makes MiniSearch merge
 * a result object per document per term and de-duplicate each document's matched terms with
 * `Array#includes`, which grows with the square of the number of terms: a pasted paragraph (a few
 * hundred bigrams) cost tens of milliseconds. Asking MiniSearch for each term on its own and
 * summing here gives the scores of the single OR query (per field BM25 × boost, summed over the
 * terms, times the number of distinct query terms a document matched) at a cost linear in the
 * number of postings.
 *
 * A term's postings for one set of fields and boosts never change while the index lives, and the
 * same words come back in question after question (申請, 手続き, the bigrams of 証明書), so each
 * term's scored postings are remembered, and so is a miss (a word the documents do not hold
 * costs MiniSearch a query too). A fixed bound on remembered terms keeps odd input from growing it.
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

/** One term's matches for one field set: document positions and scores, in MiniSearch's order. */
interface Postings {
  positions: Int32Array;
  scores: Float64Array;
}

/** Remembered (field set, term) pairs at most: a few times a knowledge base's query vocabulary. */
const MAX_REMEMBERED_TERMS = 100_000;
const NO_POSTINGS: Postings = { positions: new Int32Array(0), scores: new Float64Array(0) };

/** A MiniSearch index over documents whose fields are already analysed into space-separated terms. */
export class FieldIndex<Field extends string> {
  private readonly miniSearch: MiniSearch<Record<string, string | number>>;
  /** Scored postings by field set (fields and boosts), then by term. */
  private readonly postings = new Map<string, Map<string, Postings>>();
  private rememberedTerms = 0;
  /** Per-document scratch for one search, reused: a search runs to its end before the next starts. */
  private readonly total: Float64Array;
  private readonly groupScore: Float64Array;
  private readonly termCount: Int32Array;
  /** Which search (matched) and which group of which search (groupStamp) last touched a document. */
  private readonly matchedStamp: Int32Array;
  private readonly groupStamp: Int32Array;
  private stamp = 0;

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
    const count = documents.length;
    this.total = new Float64Array(count);
    this.groupScore = new Float64Array(count);
    this.termCount = new Int32Array(count);
    this.matchedStamp = new Int32Array(count);
    this.groupStamp = new Int32Array(count);
  }

  /**
   * Documents matching any term of any group, in the order they were first matched; the caller
   * ranks them, usually after weighting, so sorting here would be wasted.
   */
  search(groups: ReadonlyArray<FieldQuery<Field>>): ScoredDocument[] {
    const { total, groupScore, termCount, matchedStamp, groupStamp } = this;
    // The stamps start over (all zero) between searches, long before they would overflow.
    if (this.stamp > 0x7fff0000) {
      this.stamp = 0;
      matchedStamp.fill(0);
      groupStamp.fill(0);
    }
    const searchStamp = this.nextStamp();
    /** Documents in the order they were first matched. */
    const order: number[] = [];
    /** Each term's postings met so far: a term in two groups counts once per document. */
    const seenTerms = new Map<string, Int32Array[]>();
    for (const group of groups) {
      const fields = this.fields.filter((field) => Object.hasOwn(group.boosts, field));
      if (fields.length === 0) continue;
      const boost = { ...group.boosts } as Record<string, number>;
      const options = { fields, boost, combineWith: 'OR' as const };
      const memo = this.memoFor(fields.map((field) => `${field}=${boost[field]}`).join(' '));
      const thisGroup = this.nextStamp();
      const touched: number[] = [];
      // Summed per group first, then into the total, in MiniSearch's order, so the floating-point
      // sums, and with them the ties, come out exactly as the single OR query's.
      for (const text of group.terms) {
        for (const term of splitTerms(text)) {
          const { positions, scores } = this.postingsOf(memo, term, options);
          if (positions.length === 0) continue;
          const earlier = seenTerms.get(term);
          const counted = earlier ? new Set(earlier.flatMap((list) => [...list])) : null;
          if (earlier) earlier.push(positions);
          else seenTerms.set(term, [positions]);
          for (let at = 0; at < positions.length; at += 1) {
            const position = positions[at]!;
            // 0 + x is exactly x, so a document's first score in a group is taken as is, as in MiniSearch.
            if (groupStamp[position] === thisGroup) groupScore[position]! += scores[at]!;
            else {
              groupStamp[position] = thisGroup;
              groupScore[position] = scores[at]!;
              touched.push(position);
            }
            if (matchedStamp[position] !== searchStamp) {
              matchedStamp[position] = searchStamp;
              total[position] = 0;
              termCount[position] = 0;
              order.push(position);
            }
            if (!counted?.has(position)) termCount[position]! += 1;
          }
        }
      }
      for (const position of touched) total[position]! += groupScore[position]!;
    }
    return order.map((index) => ({ index, score: total[index]! * termCount[index]! }));
  }

  /** A number no document's stamp holds yet. */
  private nextStamp(): number {
    this.stamp += 1;
    return this.stamp;
  }

  private memoFor(fieldSet: string): Map<string, Postings> {
    let memo = this.postings.get(fieldSet);
    if (!memo) this.postings.set(fieldSet, (memo = new Map()));
    return memo;
  }

  /** A term's scored postings for a field set: from the memo, or asked of MiniSearch once. */
  private postingsOf(memo: Map<string, Postings>, term: string, options: Parameters<MiniSearch['search']>[1]): Postings {
    const known = memo.get(term);
    if (known) return known;
    const results = this.miniSearch.search(term, options);
    const found: Postings =
      results.length === 0 ? NO_POSTINGS : { positions: Int32Array.from(results, (result) => result.id as number), scores: Float64Array.from(results, (result) => result.score) };
    // Starting over when full is crude, but a full memo means unusual input, and it refills in seconds.
    if (this.rememberedTerms >= MAX_REMEMBERED_TERMS) {
      for (const terms of this.postings.values()) terms.clear();
      this.rememberedTerms = 0;
    }
    memo.set(term, found);
    this.rememberedTerms += 1;
    return found;
  }
}
