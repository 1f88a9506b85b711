import type { TextAnalyzer } from './text-analyzer.js';

/** What kuromoji made of one text: the part of building the index worth keeping between starts. */
export interface MemoEntry {
  terms?: string[];
  readings?: string[];
  spoken?: string[];
}

type MemoField = keyof MemoEntry;

/**
 * Terms and readings of the knowledge texts, remembered from an earlier build. Running kuromoji
 * over every entry is the largest part of building the index (~0.4 s of a ~1.4 s start), and the
 * texts rarely change between starts. Only what the build asks for is kept, so entries that were
 * edited or removed drop out the next time the memo is saved.
 */
export class AnalysisMemo {
  private readonly known: ReadonlyMap<string, MemoEntry>;
  private readonly used = new Map<string, MemoEntry>();
  private computed = 0;

  /** A memo holding earlier results (none by default). */
  constructor(entries: Iterable<readonly [string, MemoEntry]> = []) {
    this.known = new Map(entries);
  }

  /** The analyzer with terms and readings answered from the memo where it can, and remembered where not. */
  wrap(analyzer: TextAnalyzer): TextAnalyzer {
    return {
      terms: (text) => this.lookup(text, 'terms', () => analyzer.terms(text)),
      readings: (text) => this.lookup(text, 'readings', () => analyzer.readings(text)),
      spoken: (text) => this.lookup(text, 'spoken', () => [analyzer.spoken(text)])[0] ?? '',
      keyTerms: (text) => analyzer.keyTerms(text),
      places: (text) => analyzer.places(text),
      bigrams: (text) => analyzer.bigrams(text),
      normalize: (text) => analyzer.normalize(text),
    };
  }

  /** True when the build analysed a text the memo did not hold, or no longer needed one it held. */
  get changed(): boolean {
    return this.computed > 0 || this.used.size !== this.known.size;
  }

  /** The entries the last build used, to be saved for the next. */
  entries(): Array<[string, MemoEntry]> {
    return [...this.used];
  }

  private lookup(text: string, field: MemoField, analyse: () => string[]): string[] {
    let entry = this.used.get(text);
    if (!entry) {
      entry = { ...this.known.get(text) };
      this.used.set(text, entry);
    }
    let result = entry[field];
    if (result === undefined) {
      result = analyse();
      entry[field] = result;
      this.computed += 1;
    }
    // A copy: the caller may change the list it gets.
    return [...result];
  }
}
