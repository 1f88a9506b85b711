/**
 * Hiragana and katakana: telling them apart and folding one into the other. Kept in one place
 * so the normaliser, the tokenizer's reading fallback and the question-ending matcher agree on
 * what counts as kana.
 */

// Hiragana ぁ…ゖ and katakana ァ…ヶ sit exactly 0x60 apart, so folding is a code-point shift.
const HIRAGANA_FIRST = 0x3041;
const HIRAGANA_LAST = 0x3096;
const HIRAGANA_ITERATION_FIRST = 0x309d; // ゝ ゞ fold to ヽ ヾ by the same shift.
const HIRAGANA_ITERATION_LAST = 0x309e;
const KANA_SHIFT = 0x60;

const KATAKANA_FIRST = 0x30a1; // ァ
const KATAKANA_LAST = 0x30fa; // ヺ
const KATAKANA_ITERATION_FIRST = 0x30fd; // ヽ
const KATAKANA_ITERATION_LAST = 0x30ff; // ヿ
const KATAKANA_PHONETIC_EXTENSION_FIRST = 0x31f0; // ㇰ (small kana used for Ainu)
const KATAKANA_PHONETIC_EXTENSION_LAST = 0x31ff;

/** The prolonged sound mark ー (U+30FC), shared by both scripts. */
export const LONG_VOWEL_MARK_CODE = 0x30fc;

/** True for a hiragana letter (ぁ…ゖ, ゝ, ゞ); the long-vowel mark is not counted. */
export function isHiraganaCode(code: number): boolean {
  return (
    (code >= HIRAGANA_FIRST && code <= HIRAGANA_LAST) ||
    (code >= HIRAGANA_ITERATION_FIRST && code <= HIRAGANA_ITERATION_LAST)
  );
}

/** True for a katakana letter (ァ…ヺ, ヽ, ヾ, ヿ, ㇰ…ㇿ); the long-vowel mark and ・ are not counted. */
export function isKatakanaCode(code: number): boolean {
  return (
    (code >= KATAKANA_FIRST && code <= KATAKANA_LAST) ||
    (code >= KATAKANA_ITERATION_FIRST && code <= KATAKANA_ITERATION_LAST) ||
    (code >= KATAKANA_PHONETIC_EXTENSION_FIRST && code <= KATAKANA_PHONETIC_EXTENSION_LAST)
  );
}

/** True for the long-vowel mark ー. */
export function isLongVowelMarkCode(code: number): boolean {
  return code === LONG_VOWEL_MARK_CODE;
}

/** True for a hiragana or katakana letter or the long-vowel mark. */
export function isKanaCode(code: number): boolean {
  return isHiraganaCode(code) || isKatakanaCode(code) || isLongVowelMarkCode(code);
}

/** The katakana for a hiragana code point; any other code point is returned unchanged. */
export function hiraganaCodeToKatakana(code: number): number {
  return isHiraganaCode(code) ? code + KANA_SHIFT : code;
}

/** Rewrites every hiragana letter as katakana, leaving everything else (and the length) as is. */
export function toKatakana(text: string): string {
  let result = '';
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    // Kana are all in the BMP, so a UTF-16 unit walk cannot split anything we change; surrogate
    // halves are copied through untouched and stay paired.
    result += isHiraganaCode(code) ? String.fromCharCode(code + KANA_SHIFT) : text[index];
  }
  return result;
}
