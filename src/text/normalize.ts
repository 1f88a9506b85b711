/**
 * The matching form of text, and the removal of the chatty question endings residents add.
 * Both are pure, linear-time and code-point safe (emoji and 𠮷 pass through whole).
 */
import {
  hiraganaCodeToKatakana,
  isHiraganaCode,
  isKanaCode,
  isKatakanaCode,
  isLongVowelMarkCode,
  toKatakana,
  LONG_VOWEL_MARK_CODE,
} from './kana.js';

const KATAKANA_MIDDLE_DOT = 0x30fb; // ・ (NFKC already turned the half-width ･ into this)
const LATIN_MIDDLE_DOT = 0x00b7; // · typed by some IMEs in place of ・
const WAVE_DASH = 0x301c; // 〜
const ASCII_TILDE = 0x7e;
const SPACE = 0x20;

/**
 * Dashes people (and PDF extraction) put where ー belongs: ‐ ‑ ‒ – — ― − ─. The ASCII hyphen is
 * left alone because it is a real hyphen in names such as e-Tax and Wi-Fi. The half-width ｰ
 * needs no entry: NFKC has already made it ー.
 */
const DASHES_THAT_MEAN_LONG_VOWEL = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2500]);

/** JIS Z 8301 lets words of three or more sounds drop the final ー, so サーバー and サーバ both occur. */
const MIN_RUN_FOR_FINAL_LONG_VOWEL_DROP = 3;

/**
 * The form used for matching and indexing. Rules, in order, and why:
 * 1. NFKC: full-width ＢＰＲ and half-width ｶﾀｶﾅ are the same words as BPR and カタカナ.
 * 2. Lower case: residents type dx, DX and Dx for the same thing.
 * 3. Dash variants right after kana become ー: ‐ ― − are common mis-typings of the long-vowel mark.
 * 4. A final ー is dropped from a kana run of three or more characters, so サーバー, サーバ and
 *    ｻｰﾊﾞｰ meet. Runs are cut by script before hiragana is folded, so サーバーが still ends its
 *    katakana run at ー.
 * 5. Hiragana is folded to katakana, because kuromoji's readings are katakana: がばめんとくらうど
 *    then equals ガバメントクラウド and the reading of a kanji word.
 * 6. 〜 becomes ~, which is what NFKC makes of the full-width ～, so both spellings of a range meet.
 * 7. ・ is dropped, and whitespace next to a Japanese character is dropped, because Japanese does
 *    not space words and デジタル・トランスフォーメーション is the same word as デジタルトランスフォーメーション.
 *    Other whitespace runs collapse to one space so ASCII words stay apart.
 */
export function normalizeForMatch(text: string): string {
  const codes = Array.from(text.normalize('NFKC').toLowerCase(), (char) => char.codePointAt(0) ?? 0);
  foldDashesAfterKana(codes);
  const kept = dropFinalLongVowels(codes);
  return joinWithJapaneseSpacing(kept);
}

function foldDashesAfterKana(codes: number[]): void {
  for (let index = 1; index < codes.length; index += 1) {
    const code = codes[index] ?? 0;
    if (DASHES_THAT_MEAN_LONG_VOWEL.has(code) && isKanaCode(codes[index - 1] ?? 0)) {
      codes[index] = LONG_VOWEL_MARK_CODE;
    }
  }
}

/**
 * Drops the final ー of long kana runs. A run is one script's letters plus any ー among or after
 * them, so the ー of サーバーが closes the katakana run even though が follows.
 */
function dropFinalLongVowels(codes: readonly number[]): number[] {
  const kept: number[] = [];
  let index = 0;
  while (index < codes.length) {
    const code = codes[index] ?? 0;
    const inScript = scriptOf(code);
    if (inScript === undefined) {
      kept.push(code);
      index += 1;
      continue;
    }
    let end = index + 1;
    while (end < codes.length) {
      const next = codes[end] ?? 0;
      if (!isLongVowelMarkCode(next) && !inScript(next)) break;
      end += 1;
    }
    let runEnd = end;
    while (runEnd - index >= MIN_RUN_FOR_FINAL_LONG_VOWEL_DROP && isLongVowelMarkCode(codes[runEnd - 1] ?? 0)) {
      runEnd -= 1;
    }
    for (let copy = index; copy < runEnd; copy += 1) kept.push(codes[copy] ?? 0);
    index = end;
  }
  return kept;
}

function scriptOf(code: number): ((code: number) => boolean) | undefined {
  if (isHiraganaCode(code)) return isHiraganaCode;
  if (isKatakanaCode(code)) return isKatakanaCode;
  return undefined;
}

function joinWithJapaneseSpacing(codes: readonly number[]): string {
  let result = '';
  let previous: number | undefined;
  let pendingSpace = false;
  for (let index = 0; index < codes.length; index += 1) {
    let code = codes[index] ?? 0;
    if (isWhitespaceCode(code)) {
      pendingSpace = true;
      continue;
    }
    if (code === KATAKANA_MIDDLE_DOT) continue;
    if (code === LATIN_MIDDLE_DOT && (isJapaneseCode(previous) || isJapaneseCode(codes[index + 1]))) continue;
    if (code === WAVE_DASH) code = ASCII_TILDE;
    if (pendingSpace && previous !== undefined && !isJapaneseCode(previous) && !isJapaneseCode(code)) {
      result += ' ';
    }
    pendingSpace = false;
    result += String.fromCodePoint(hiraganaCodeToKatakana(code));
    previous = code;
  }
  return result;
}

function isWhitespaceCode(code: number): boolean {
  // Only BMP code points are white space, so one UTF-16 unit is enough to test.
  return code <= 0xffff && /\s/u.test(String.fromCharCode(code));
}

/** Kana, CJK ideographs (including 𠮷 in plane 2), 々〆〇 and Japanese punctuation. */
function isJapaneseCode(code: number | undefined): boolean {
  if (code === undefined) return false;
  return (
    isKanaCode(code) ||
    code === KATAKANA_MIDDLE_DOT ||
    (code >= 0x3001 && code <= 0x303f) || // CJK symbols and punctuation: 、。「」々〆〇
    isIdeographCode(code)
  );
}

function isIdeographCode(code: number): boolean {
  return (
    code === 0x3005 || // 々
    (code >= 0x2e80 && code <= 0x2fdf) || // radicals
    (code >= 0x3400 && code <= 0x4dbf) || // extension A
    (code >= 0x4e00 && code <= 0x9fff) || // unified ideographs
    (code >= 0xf900 && code <= 0xfaff) || // compatibility ideographs
    (code >= 0x20000 && code <= 0x3134f) // extensions B–G
  );
}

/**
 * Question endings and politeness that carry no search content. Written naturally here; they are
 * folded the same way as the input at load time, so they match raw and normalised text alike.
 */
const QUESTION_WORDS = [
  '何',
  'なに',
  'なん',
  '何か',
  'なにか',
  '何のこと',
  'なんのこと',
  'どういう意味',
  'どういうこと',
];
const TOPIC_MARKERS = ['って', 'とは', 'は'];
const FIXED_ENDINGS = [
  'とは',
  'の意味を教えてください',
  'の意味を教えて下さい',
  'の意味を教えて',
  'の意味は',
  'の意味って',
  'の意味',
  '意味は',
  // Asking how a term is read asks for the term (the answer gives its reading).
  'の読み方を教えてください',
  'の読み方を教えて',
  'の読み方は',
  'の読み方',
  'の読みかた',
  'のよみかたは',
  'のよみかた',
  'ってなんてよむ',
  'はなんてよむ',
  'ってどうよむ',
  'の読み',
  'は何と読む',
  'はなんと読む',
  'はどう読む',
  'って何て読む',
  'ってなんて読む',
  'ってどう読む',
  '読み方は',
  'について教えてください',
  'について教えて下さい',
  'について教えて',
  'について知りたいです',
  'について知りたい',
  'について',
  'を教えてください',
  'を教えて下さい',
  'を教えて',
  '教えてください',
  '教えて下さい',
  '教えて',
  'を知りたいです',
  'を知りたい',
  'が知りたいです',
  'が知りたい',
  'はできますか',
  'できますか',
  'はできる',
  'でできる',
  'できる',
  'ですか',
  'ますか',
  'でしょうか',
  'とは?',
  'は?',
  'って?',
  'の?',
  '(笑)',
  '?',
  '!',
  '。',
  '.',
  '...',
  '…',
  '‥',
  '~',
];

/** Longest first, so って? wins over ? and the topic marker goes with its question mark. */
const ENDINGS: readonly string[] = [
  ...new Set(
    [...FIXED_ENDINGS, ...TOPIC_MARKERS.flatMap((marker) => QUESTION_WORDS.map((word) => marker + word))].map(
      foldForEndingMatch,
    ),
  ),
].sort((left, right) => right.length - left.length);

/**
 * Removes question endings and politeness from the end, repeatedly (BPRって何ですか？ → BPR),
 * for matching only: the caller keeps the original for display. Never strips down to nothing,
 * so とは alone comes back as とは. Accepts raw or normalised text.
 */
export function stripQuestionEnding(text: string): string {
  const folded = foldForEndingMatch(text);
  const contentStart = folded.length - folded.trimStart().length;
  const start = endBeforeWhitespace(folded, folded.length);
  let end = start;
  for (;;) {
    // An ending may take everything but the last character of content, never all of it.
    const cut = endingLengthBefore(text, folded, end, end - contentStart - 1);
    if (cut === 0) break;
    end = endBeforeWhitespace(folded, end - cut);
  }
  return end === start ? text : text.slice(0, end);
}

/**
 * A length-preserving fold (one UTF-16 unit in, one out) so positions in the folded copy are
 * positions in the original: kana to katakana, full-width ASCII to ASCII, ASCII to lower case.
 */
function foldForEndingMatch(text: string): string {
  let result = '';
  for (let index = 0; index < text.length; index += 1) {
    let code = text.charCodeAt(index);
    if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0; // full-width ！…～ to ASCII
    else if (code === 0x3000) code = SPACE;
    else if (code === 0xff61) code = 0x3002; // half-width ｡
    else if (code === WAVE_DASH) code = ASCII_TILDE;
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    result += String.fromCharCode(code);
  }
  return toKatakana(result);
}

function endBeforeWhitespace(folded: string, end: number): number {
  let index = end;
  while (index > 0 && /\s/u.test(folded[index - 1] ?? '')) index -= 1;
  return index;
}

/** How many UTF-16 units of ending, at most `maxLength`, sit right before `end`; 0 when none does. */
function endingLengthBefore(original: string, folded: string, end: number, maxLength: number): number {
  for (const ending of ENDINGS) {
    if (ending.length > maxLength || !folded.startsWith(ending, end - ending.length)) continue;
    if (splitsTopicMarker(original, folded, end - ending.length, ending)) continue;
    return ending.length;
  }
  const laughter = laughterLengthBefore(folded, end);
  if (laughter > 0) return laughter <= maxLength ? laughter : 0;
  const emoji = emojiLengthBefore(folded, end);
  return emoji <= maxLength ? emoji : 0;
}

const TO = foldForEndingMatch('と');
const HA = foldForEndingMatch('は');
const NOUNS_ENDING_IN_TO = ['こと', 'あと', 'もと'];

/**
 * True when taking this ending would cut the topic marker とは in the wrong place. こと, あと and
 * もと end in と, so in できることは only は is a particle (taking とは would leave できるこ);
 * anywhere else a と before は belongs to とは, so は? alone must not leave a stray と.
 */
function splitsTopicMarker(original: string, folded: string, index: number, ending: string): boolean {
  const toIndex = ending.startsWith(TO + HA) ? index : ending.startsWith(HA) ? index - 1 : -1;
  if (toIndex < 0 || folded[toIndex] !== TO) return false;
  const toBelongsToNoun = NOUNS_ENDING_IN_TO.some((noun) => original.startsWith(noun, toIndex - 1));
  return ending.startsWith(TO + HA) ? toBelongsToNoun : !toBelongsToNoun;
}

/**
 * A run of w or 笑 is laughter. w is kept when it ends an ASCII word (new), 笑 when it ends a
 * kanji word (微笑), so only the trailing laugh of a chat message goes.
 */
function laughterLengthBefore(folded: string, end: number): number {
  const mark = folded[end - 1];
  if (mark !== 'w' && mark !== '笑') return 0;
  let start = end;
  while (start > 0 && folded[start - 1] === mark) start -= 1;
  const before = codePointBefore(folded, start);
  if (before === '') return end - start;
  const partOfWord = mark === 'w' ? /[a-z0-9]/.test(before) : isIdeographCode(before.codePointAt(0) ?? 0);
  return partOfWord ? 0 : end - start;
}

/** LINE messages often close with an emoji; it carries no search content. */
const EMOJI_TAIL = /(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}|\u{200D})$/u;

function emojiLengthBefore(folded: string, end: number): number {
  const last = codePointBefore(folded, end);
  return last !== '' && EMOJI_TAIL.test(last) ? last.length : 0;
}

/** The last whole code point before `end` (a surrogate pair counts as one), or '' at the start. */
function codePointBefore(text: string, end: number): string {
  if (end <= 0) return '';
  const low = text.charCodeAt(end - 1);
  const high = end >= 2 ? text.charCodeAt(end - 2) : 0;
  const isPair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return text.slice(isPair ? end - 2 : end - 1, end);
}
