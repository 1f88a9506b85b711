/**
 * Coverage: the IDF-weighted share of a question's key terms found in a document. Each key term
 * counts by how rare its pieces are, so "円周率を100桁" is not covered by a document that merely
 * has 率 and 100, and a term may be covered by any of its alternatives (itself or a synonym).
 *
 * Measuring it asked every candidate document "do you contain this piece?" for every piece of the
 * question, a string-set lookup each: a pasted paragraph has hundreds of pieces and a query has
 * ~80 candidates. Here each distinct piece's document list is walked once per question to mark
 * the candidates that contain it, and the per-candidate sums only read those marks.
 */
import type { TextAnalyzer } from './text-analyzer.js';

/** Words whose pieces are remembered before the memory starts afresh: questions bring new words. */
const REMEMBERED_WORDS = 10_000;

interface PlannedPiece {
  /** Column of the piece in the question's presence table. */
  column: number;
  idf: number;
}

interface CoveragePlan {
  terms: Array<{ weight: number; options: Array<{ pieces: PlannedPiece[]; total: number }> }>;
  total: number;
}

export class CoverageIndex {
  /** Piece → the documents (by position) that contain it, ascending. */
  private readonly documentsWithPiece = new Map<string, Int32Array>();
  private readonly documentCount: number;
  /** Document position → its row in the presence table of the question being measured, or -1. */
  private readonly rowOf: Int32Array;
  /** Word → its pieces and their IDF: the same key terms and synonyms recur in question after question. */
  private readonly unitsOfWord = new Map<string, ReadonlyArray<{ piece: string; idf: number }>>();

  /** Indexes the pieces (terms and bigrams) of each document; a document's position is its index. */
  constructor(
    piecesPerDocument: ReadonlyArray<ReadonlySet<string>>,
    private readonly analyzer: TextAnalyzer,
  ) {
    const lists = new Map<string, number[]>();
    piecesPerDocument.forEach((pieces, index) => {
      for (const piece of pieces) {
        const list = lists.get(piece);
        if (list) list.push(index);
        else lists.set(piece, [index]);
      }
    });
    for (const [piece, list] of lists) this.documentsWithPiece.set(piece, Int32Array.from(list));
    this.documentCount = piecesPerDocument.length;
    this.rowOf = new Int32Array(this.documentCount).fill(-1);
  }

  /**
   * Prepares one question, asked in one or more phrasings, each given as its key terms with their
   * alternatives; a document's coverage is its best over the phrasings.
   */
  question(phrasings: ReadonlyArray<ReadonlyArray<readonly string[]>>): CoverageQuestion {
    const columns = new Map<string, number>();
    const plans = phrasings.map((alternativesPerTerm) => this.plan(alternativesPerTerm, columns));
    return new CoverageQuestion(plans, [...columns.keys()], this.documentsWithPiece, this.rowOf);
  }

  /** True when some document holds the word (whole for ASCII, every bigram for Japanese). */
  knows(word: string): boolean {
    const units = coverageUnits(word, this.analyzer);
    return units.length > 0 && units.every((unit) => this.documentsWithPiece.has(unit));
  }

  private plan(alternativesPerTerm: ReadonlyArray<readonly string[]>, columns: Map<string, number>): CoveragePlan {
    const terms = alternativesPerTerm.map((alternatives) => {
      const options = alternatives.map((word) => {
        const pieces = this.unitsOf(word).map(({ piece, idf }): PlannedPiece => {
          let column = columns.get(piece);
          if (column === undefined) {
            column = columns.size;
            columns.set(piece, column);
          }
          return { column, idf };
        });
        return { pieces, total: pieces.reduce((sum, { idf }) => sum + idf, 0) };
      });
      const own = options[0];
      const weight = own && own.pieces.length > 0 ? own.total / own.pieces.length : 0;
      return { weight, options };
    });
    return { terms, total: terms.reduce((sum, term) => sum + term.weight, 0) };
  }

  private unitsOf(word: string): ReadonlyArray<{ piece: string; idf: number }> {
    let units = this.unitsOfWord.get(word);
    if (units === undefined) {
      if (this.unitsOfWord.size >= REMEMBERED_WORDS) this.unitsOfWord.clear();
      units = coverageUnits(word, this.analyzer).map((piece) => ({ piece, idf: this.idf(piece) }));
      this.unitsOfWord.set(word, units);
    }
    return units;
  }

  private idf(piece: string): number {
    return Math.log(1 + this.documentCount / ((this.documentsWithPiece.get(piece)?.length ?? 0) + 0.5));
  }
}

/** One question's coverage plans, ready to measure documents against. */
export class CoverageQuestion {
  /** @internal Built by CoverageIndex.question. */
  constructor(
    private readonly plans: readonly CoveragePlan[],
    private readonly pieces: readonly string[],
    private readonly documentsWithPiece: ReadonlyMap<string, Int32Array>,
    private readonly rowOf: Int32Array,
  ) {}

  /** The coverage of each of the given distinct documents (by position), 0…1, in the order given. */
  measure(documents: readonly number[]): number[] {
    return this.measureGroups(documents, [this.plans.length])[0]!.map(({ coverage }) => coverage);
  }

  /**
   * The same for groups of the phrasings at once (the first `sizes[0]` phrasings, the next
   * `sizes[1]`, …): one presence table serves them all, so asking about the whole message, its
   * focus and its heads costs one pass over the documents instead of three. Result: per group,
   * per document, the best over that group's phrasings.
   */
  measureGroups(documents: readonly number[], sizes: readonly number[]): Array<Array<{ coverage: number; mass: number }>> {
    const width = this.pieces.length;
    const present = new Uint8Array(documents.length * width);
    documents.forEach((document, row) => {
      this.rowOf[document] = row;
    });
    this.pieces.forEach((piece, column) => {
      const containing = this.documentsWithPiece.get(piece);
      if (!containing) return;
      for (const document of containing) {
        const row = this.rowOf[document] ?? -1;
        if (row >= 0) present[row * width + column] = 1;
      }
    });
    for (const document of documents) this.rowOf[document] = -1;
    let start = 0;
    return sizes.map((size) => {
      const plans = this.plans.slice(start, start + size);
      start += size;
      return documents.map((_, row) => {
        let best = { coverage: plans.length === 0 ? 0 : -Infinity, mass: 0 };
        for (const plan of plans) {
          const measured = coverageOf(plan, present, row * width);
          if (measured.coverage > best.coverage || (measured.coverage === best.coverage && measured.mass > best.mass)) best = measured;
        }
        return best;
      });
    });
  }
}

function coverageOf(plan: CoveragePlan, present: Uint8Array, offset: number): { coverage: number; mass: number } {
  if (plan.total === 0) return { coverage: 0, mass: 0 };
  let covered = 0;
  for (const term of plan.terms) {
    let best = 0;
    for (const option of term.options) {
      if (option.total === 0) continue;
      let found = 0;
      for (const { column, idf } of option.pieces) if (present[offset + column] === 1) found += idf;
      best = Math.max(best, found / option.total);
    }
    covered += term.weight * best;
  }
  return { coverage: covered / plan.total, mass: covered };
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
