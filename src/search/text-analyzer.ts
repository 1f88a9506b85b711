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
  /** The whole text as it is read aloud (児童手当の申請 → ジドウテアテノシンセイ), in matching form. */
  spoken(text: string): string;
  /** The places the text names (佐賀市, 指宿), so a question about a place the plans do not cover is known as such. */
  places(text: string): Array<{ name: string; municipal: boolean }>;
  /** Character bigrams of the normalised text, so parts of compounds match. */
  bigrams(text: string): string[];
  /** The matching form of a whole string (NFKC, case and kana folded, 長音 and ・ unified). */
  normalize(text: string): string;
}
