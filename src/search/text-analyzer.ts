/**
 * The analysis the index and the queries share. Keeping it behind one interface guarantees the
 * index and the query are cut the same way, and lets a test build an index without kuromoji.
 */
export interface TextAnalyzer {
  /** Content words (base forms, normalised): what a person would underline in the text. */
  terms(text: string): string[];
  /** The nouns and alphanumerics among the terms: what a question is about (for coverage). */
  keyTerms(text: string): string[];
  /** Katakana readings of the content words, so kana-only input finds kanji entries. */
  readings(text: string): string[];
  /** Character bigrams of the normalised text, so parts of compounds match. */
  bigrams(text: string): string[];
  /** The matching form of a whole string (NFKC, case and kana folded, 長音 and ・ unified). */
  normalize(text: string): string;
}
