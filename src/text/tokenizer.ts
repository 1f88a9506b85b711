/**
 * Japanese word analysis on top of kuromoji (IPADIC): tokens, the content words worth indexing,
 * and their katakana readings. The dictionary is loaded once per process and shared.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { IpadicFeatures, Tokenizer } from 'kuromoji';
import { cacheDirectory } from './cache-directory.js';
import { isHiraganaCode, isLongVowelMarkCode, toKatakana } from './kana.js';
import { loadIpadicTokenizer } from './kuromoji-dictionary.js';
import { normalizeForMatch } from './normalize.js';

/**
 * Longest input handed to kuromoji. Its lattice grows with the input, and a pasted 5,000-character
 * message must not stall the bot; the question is always in the first few hundred characters.
 * Counted in UTF-16 units, and the cut never splits a surrogate pair.
 */
export const MAX_TOKENIZE_CHARS = 1_000;

/** One morpheme as kuromoji cut it. */
export interface Token {
  /** The text as it appeared (after NFKC). */
  readonly surface: string;
  /** Dictionary form (出せ → 出せる); the surface when kuromoji has none. */
  readonly base: string;
  /** Katakana reading; the surface in katakana when the word is not in the dictionary. */
  readonly reading: string;
  /** Part of speech, e.g. 名詞, 動詞, 助詞. */
  readonly pos: string;
  /** First POS subdivision, e.g. 一般, 非自立, 接尾. */
  readonly posDetail: string;
  /** Second POS subdivision, e.g. 地域 for 佐賀 and for the 市 of 佐賀市. */
  readonly posDetail2: string;
}

/** A place a text names: 佐賀市 (a municipality, by its 市・町・村) or 指宿 (a place alone). */
export interface PlaceMention {
  /** The name as written, with its suffix when it has one. */
  name: string;
  /** True when the name ends in 市, 町 or 村: a municipality. */
  municipal: boolean;
}

/** Parts of speech that carry content; 助詞, 助動詞, 記号, 接続詞, フィラー, 副詞 and the rest do not. */
const CONTENT_POS = new Set(['名詞', '動詞', '形容詞']);

/**
 * Subdivisions that never carry content even under a content POS: 非自立 (こと, ため, ている,
 * やすい), 代名詞 (何, これ) and 特殊 (the そう of ～そうだ).
 */
const NON_CONTENT_DETAILS = new Set(['非自立', '代名詞', '特殊']);

/**
 * Base forms too common to help ranking: the question word 何 (kuromoji sometimes tags it as a
 * number), formal nouns and suffixes (方 in 出し方, 等 in 対策等) and the light verbs and adjectives every question uses (できますか, してほしい, ない).
 */
const STOP_WORDS = new Set([
  '何',
  'こと',
  'もの',
  'ため',
  'よう',
  '方',
  '等',
  'する',
  'ある',
  'いる',
  'なる',
  'できる',
  'おる',
  'くださる',
  'いう',
  'ない',
  'いい',
  'よい',
]);

/** Latin letters or digits: DX, BPR, 2025 are always content, whatever POS kuromoji guessed. */
const ALPHANUMERIC = /[a-z0-9]/i;
const HAS_LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const WHITESPACE_OR_PUNCTUATION = /[\s\p{P}\p{S}]+/u;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

/**
 * How many recent inputs keep their analysis. A question, its rewrites and the phrases of its
 * focus are each asked for terms, readings and key terms in turn; with too few remembered the
 * alternation re-runs kuromoji on texts it cut a moment ago.
 */
const REMEMBERED_ANALYSES = 16;

/** One input's tokens and, once asked for, the term lists derived from them. */
interface Analysis {
  readonly input: string;
  readonly tokens: readonly Token[];
  contentTerms?: readonly string[];
  keyTerms?: readonly string[];
  readingTerms?: readonly string[];
}

/** kuromoji's IPADIC tokenizer wrapped with the project's notion of a content word. */
export class JapaneseTokenizer {
  /** Most recent first. */
  private readonly recent: Analysis[] = [];

  /** Wraps a kuromoji tokenizer built from the IPADIC dictionary. */
  constructor(private readonly kuromojiTokenizer: Tokenizer<IpadicFeatures>) {}

  /** Morphemes of the first MAX_TOKENIZE_CHARS characters of `text`, as kuromoji saw them (NFKC). */
  tokenize(text: string): Token[] {
    return [...this.analyse(text).tokens];
  }

  /**
   * The words worth indexing or searching, normalised for matching: nouns, verbs and adjectives
   * in base form, unknown words and alphanumerics; particles, auxiliaries, symbols and stop words
   * go. Repeats are kept, as term frequency.
   */
  contentTerms(text: string): string[] {
    const analysis = this.analyse(text);
    analysis.contentTerms ??= this.contentTermsOf(analysis.tokens);
    return [...analysis.contentTerms];
  }

  private contentTermsOf(tokens: readonly Token[]): string[] {
    const terms: string[] = [];
    for (const token of tokens) {
      if (!isContentToken(token)) continue;
      const term = normalizeForMatch(token.base);
      if (isSearchableTerm(term)) terms.push(term);
    }
    return terms;
  }

  /**
   * The things a question is about: the content terms that are nouns, unknown words or
   * alphanumerics. Verbs and adjectives (聞く, やる, 高い) say what is asked, not about what, so
   * they do not count when judging whether an entry answers the question.
   */
  keyTerms(text: string): string[] {
    const analysis = this.analyse(text);
    analysis.keyTerms ??= this.keyTermsOf(analysis.tokens);
    return [...analysis.keyTerms];
  }

  private keyTermsOf(tokens: readonly Token[]): string[] {
    const terms: string[] = [];
    for (const token of tokens) {
      if (!isContentToken(token)) continue;
      if (!ALPHANUMERIC.test(token.surface) && token.pos !== '名詞') continue;
      const term = normalizeForMatch(token.base);
      if (isSearchableTerm(term)) terms.push(term);
    }
    return terms;
  }

  /**
   * Katakana readings of the content words, normalised, so kana-only input meets kanji entries.
   * Adds each compound noun's joined reading (罹災証明書 → リサイショウメイショ) and each hiragana-only
   * chunk of the input read as a whole, because kuromoji cuts unspaced hiragana (りさいしょうめいしょ)
   * into nonsense but a resident typing kana usually types exactly that one word.
   */
  readingTerms(text: string): string[] {
    const analysis = this.analyse(text);
    analysis.readingTerms ??= this.readingTermsOf(text, analysis.tokens);
    return [...analysis.readingTerms];
  }

  private readingTermsOf(text: string, tokens: readonly Token[]): string[] {
    const readings: string[] = [];
    let compound: string[] = [];
    const closeCompound = (): void => {
      const joined = normalizeForMatch(compound.join(''));
      if (compound.length >= 2 && isSearchableTerm(joined)) readings.push(joined);
      compound = [];
    };
    for (const token of tokens) {
      if (!isContentToken(token)) {
        closeCompound();
        continue;
      }
      const reading = normalizeForMatch(token.reading);
      if (!isSearchableTerm(reading)) continue;
      readings.push(reading);
      if (token.pos === '名詞') compound.push(token.reading);
      else closeCompound();
    }
    closeCompound();
    const seen = new Set(readings);
    for (const chunk of hiraganaChunks(kuromojiInput(text))) {
      const reading = normalizeForMatch(chunk);
      if (isSearchableTerm(reading) && !seen.has(reading)) {
        seen.add(reading);
        readings.push(reading);
      }
    }
    return readings;
  }

  /**
   * The text as read aloud: every morpheme's reading (particles too) joined, in matching form.
   * Residents type a term in kana as they hear it (じどうてあて, しえいじゅうたく), so this is the
   * form in which a kanji name meets them.
   */
  spokenForm(text: string): string {
    return normalizeForMatch(this.analyse(text).tokens.map((token) => token.reading).join(''));
  }

  /** The places a text names, in order: runs of region names, with the 市・町・村 that follows them. */
  places(text: string): PlaceMention[] {
    const places: PlaceMention[] = [];
    let name = '';
    for (const token of this.analyse(text).tokens) {
      if (token.posDetail === '固有名詞' && token.posDetail2 === '地域') {
        name += token.surface;
        continue;
      }
      if (name !== '') {
        const municipal = token.posDetail === '接尾' && /^[市町村]$/u.test(token.surface);
        places.push({ name: municipal ? name + token.surface : name, municipal });
        name = '';
      }
    }
    if (name !== '') places.push({ name, municipal: false });
    return places;
  }

  private analyse(text: string): Analysis {
    const at = this.recent.findIndex((analysis) => analysis.input === text);
    const analysis = at >= 0 ? this.recent.splice(at, 1)[0]! : { input: text, tokens: this.kuromojiTokenizer.tokenize(kuromojiInput(text)).map(toToken) };
    this.recent.unshift(analysis);
    if (this.recent.length > REMEMBERED_ANALYSES) this.recent.pop();
    return analysis;
  }
}

/**
 * What kuromoji sees: the first MAX_TOKENIZE_CHARS characters, cut on a code-point boundary so no
 * surrogate is orphaned, in NFKC so full-width ＢＰＲ and half-width ｶﾅ reach the dictionary in the
 * form it knows, with ASCII punctuation put back to full width because IPADIC only knows ？ and （
 * as symbols: an ASCII ? is read as an unknown noun and drags 何 into being a number.
 */
// kuromoji throws on characters its dictionary has no class for (NUL, bidi overrides, lone
// surrogates); they carry no meaning for search, so they become spaces first.
const UNTOKENIZABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu;

function kuromojiInput(text: string): string {
  const nfkc = cutAtCodePoint(cutAtCodePoint(text, MAX_TOKENIZE_CHARS).normalize('NFKC'), MAX_TOKENIZE_CHARS);
  return nfkc
    .replace(UNTOKENIZABLE, ' ')
    .replace(ASCII_PUNCTUATION, (char) => String.fromCharCode(char.charCodeAt(0) + FULL_WIDTH_OFFSET));
}

function cutAtCodePoint(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  const last = text.charCodeAt(maxUnits - 1);
  const endsOnHighSurrogate = last >= 0xd800 && last <= 0xdbff;
  return text.slice(0, endsOnHighSurrogate ? maxUnits - 1 : maxUnits);
}

function toToken(features: IpadicFeatures): Token {
  const surface = features.surface_form;
  const base = features.basic_form && features.basic_form !== '*' ? features.basic_form : surface;
  const reading = features.reading && features.reading !== '*' ? features.reading : toKatakana(surface);
  return { surface, base, reading, pos: features.pos, posDetail: features.pos_detail_1, posDetail2: features.pos_detail_2 };
}

function isContentToken(token: Token): boolean {
  if (ALPHANUMERIC.test(token.surface)) return true;
  if (!CONTENT_POS.has(token.pos)) return false;
  if (NON_CONTENT_DETAILS.has(token.posDetail)) return false;
  // A noun suffix carries meaning (届 in 現況届, 書 in 証明書); a verb or adjective suffix
  // (れる, させる, っぽい) only inflects.
  if (token.posDetail === '接尾' && token.pos !== '名詞') return false;
  return !STOP_WORDS.has(token.base);
}

function isSearchableTerm(term: string): boolean {
  return term !== '' && HAS_LETTER_OR_NUMBER.test(term);
}

/**
 * Pieces of the input between spaces and punctuation written in hiragana alone (ー allowed). Mixed
 * kana chunks are left out: マイナンバーカードでできる is a phrase kuromoji already parsed well.
 */
function hiraganaChunks(text: string): string[] {
  return text.split(WHITESPACE_OR_PUNCTUATION).filter((chunk) => {
    if (chunk.length < 2) return false;
    for (let index = 0; index < chunk.length; index += 1) {
      const code = chunk.charCodeAt(index);
      if (!isHiraganaCode(code) && !isLongVowelMarkCode(code)) return false;
    }
    return true;
  });
}

/** Builds a memoised dictionary loader: every call shares one load, and a failed load is retried. */
export function createTokenizerLoader(dictionaryPath?: string): () => Promise<JapaneseTokenizer> {
  let pending: Promise<JapaneseTokenizer> | undefined;
  return () => {
    if (pending === undefined) {
      const attempt = buildTokenizer(dictionaryPath).catch((error: unknown) => {
        // Forget the failure so a transient error (a busy disk at boot) does not poison the process.
        if (pending === attempt) pending = undefined;
        throw error;
      });
      pending = attempt;
    }
    return pending;
  };
}

function buildTokenizer(dictionaryPath: string | undefined): Promise<JapaneseTokenizer> {
  return new Promise((resolve, reject) => {
    // On the next turn, so work the caller starts alongside (reading knowledge/) is under way
    // while the dictionary loads; a broken install rejects instead of throwing at the caller.
    setImmediate(() => {
      try {
        const dicPath = dictionaryPath ?? installedDictionaryPath();
        resolve(new JapaneseTokenizer(loadIpadicTokenizer(dicPath, cacheDirectory())));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/** From the installed package rather than process.cwd(), so tests, the CLI and the server all find it. */
function installedDictionaryPath(): string {
  const packageJson = createRequire(import.meta.url).resolve('kuromoji/package.json');
  return path.join(path.dirname(packageJson), 'dict');
}

const loadSharedTokenizer = createTokenizerLoader();

/** The process-wide tokenizer: loads the dictionary on first call and returns the same promise after. */
export function loadTokenizer(): Promise<JapaneseTokenizer> {
  return loadSharedTokenizer();
}
