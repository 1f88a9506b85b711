import { beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_TOKENIZE_CHARS,
  createTokenizerLoader,
  loadTokenizer,
  type JapaneseTokenizer,
} from '../../src/text/tokenizer.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const PARTICLES_AND_AUXILIARIES = ['の', 'は', 'で', 'ます', 'か', 'ノ', 'ハ', 'デ', 'マス', 'カ', 'を', 'ヲ'];

let tokenizer: JapaneseTokenizer;

beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

describe('loadTokenizer', () => {
  it('returns the same promise and the same tokenizer on every call', async () => {
    const first = loadTokenizer();
    const second = loadTokenizer();
    expect(second).toBe(first);
    expect(await second).toBe(tokenizer);
  });
});

describe('createTokenizerLoader', () => {
  it('does not cache a failed load: the next call tries again', async () => {
    const load = createTokenizerLoader('/nonexistent/kuromoji/dict');
    const first = load();
    expect(load()).toBe(first);
    await expect(first).rejects.toThrow();
    const retry = load();
    expect(retry).not.toBe(first);
    await expect(retry).rejects.toThrow();
  });
});

describe('tokenize', () => {
  it('gives surface, base form, katakana reading and part of speech', () => {
    const tokens = tokenizer.tokenize('児童手当の現況届はオンラインで出せますか');
    expect(tokens.map((token) => token.surface).join('')).toBe('児童手当の現況届はオンラインで出せますか');
    expect(tokens).toContainEqual({ surface: '出せ', base: '出せる', reading: 'ダセ', pos: '動詞', posDetail: '自立', posDetail2: '*' });
    expect(tokens).toContainEqual({ surface: 'の', base: 'の', reading: 'ノ', pos: '助詞', posDetail: '連体化', posDetail2: '*' });
  });

  it('names the places a text mentions, with the 市・町・村 that makes them a municipality', () => {
    expect(tokenizer.places('佐賀市に住んでいて、指宿の温泉に行きました')).toEqual([
      { name: '佐賀市', municipal: true },
      { name: '指宿', municipal: false },
    ]);
    expect(tokenizer.places('オンライン申請の目標')).toEqual([]);
  });

  it('falls back to the surface for base and reading of unknown words', () => {
    const bpr = tokenizer.tokenize('BPRの推進').find((token) => token.surface === 'BPR');
    expect(bpr).toMatchObject({ base: 'BPR', reading: 'BPR' });
  });

  it('tokenises the NFKC form, so full-width letters and half-width kana reach the dictionary', () => {
    expect(tokenizer.tokenize('ＢＰＲ')[0]?.surface).toBe('BPR');
    expect(tokenizer.tokenize('ﾃﾞｼﾞﾀﾙ').map((token) => token.surface)).toEqual(['デジタル']);
  });

  it('tokenises at most MAX_TOKENIZE_CHARS characters of a 5,000-character message', () => {
    const sentence = '児童手当の現況届はオンラインで提出できます。';
    const long = sentence.repeat(Math.ceil(5_000 / sentence.length)).slice(0, 5_000);
    expect(long).toHaveLength(5_000);
    const tokens = tokenizer.tokenize(long);
    expect(tokens.map((token) => token.surface).join('')).toBe(long.slice(0, MAX_TOKENIZE_CHARS));
    expect(tokens.length).toBeLessThan(MAX_TOKENIZE_CHARS);
    expect(tokens.length).toBe(tokenizer.tokenize(long.slice(0, MAX_TOKENIZE_CHARS)).length);
  });

  it('does not cut a surrogate pair at the bound', () => {
    const text = `${'あ'.repeat(MAX_TOKENIZE_CHARS - 1)}𠮷𠮷`;
    const surfaces = tokenizer.tokenize(text).map((token) => token.surface).join('');
    expect(surfaces).not.toMatch(LONE_SURROGATE);
    expect(surfaces).toBe('あ'.repeat(MAX_TOKENIZE_CHARS - 1));
  });

  it('returns nothing for empty input', () => {
    expect(tokenizer.tokenize('')).toEqual([]);
  });
});

describe('contentTerms', () => {
  it('keeps the nouns of 児童手当の現況届はオンラインで出せますか and drops the particles', () => {
    const terms = tokenizer.contentTerms('児童手当の現況届はオンラインで出せますか');
    const hasChildAllowance = terms.includes('児童手当') || (terms.includes('児童') && terms.includes('手当'));
    expect(hasChildAllowance).toBe(true);
    expect(terms).toContain('現況');
    expect(terms).toContain('オンライン');
    for (const particle of PARTICLES_AND_AUXILIARIES) expect(terms).not.toContain(particle);
  });

  it('gives verbs in base form, normalised like everything else', () => {
    expect(tokenizer.contentTerms('ごみの出し方を教えてください')).toEqual(['ゴミ', '出ス', '教エル']);
  });

  it('drops stop nouns and light verbs: こと, ため, 方, 等, できる, する', () => {
    const terms = tokenizer.contentTerms('デジタルデバイド対策等のためにできることをする方法');
    expect(terms).toEqual(['デジタルデバイド', '対策', '方法']);
  });

  it('keeps alphanumerics with case folded and drops the question word', () => {
    expect(tokenizer.contentTerms('ＢＰＲって何？')).toEqual(['bpr']);
    expect(tokenizer.contentTerms('BPRって何?')).toEqual(['bpr']);
    expect(tokenizer.contentTerms('e-Taxで2025年に申請')).toEqual(['e', 'tax', '2025', '年', '申請']);
  });

  it('keeps unknown katakana words whole and folds their long vowel', () => {
    expect(tokenizer.contentTerms('マイナンバーカードでできること')).toEqual(['マイナンバーカード']);
    expect(tokenizer.contentTerms('サーバーの移行')).toEqual(tokenizer.contentTerms('サーバの移行'));
  });

  it('never returns a term with whitespace or without a letter or digit', () => {
    for (const term of tokenizer.contentTerms('（仮称）デジタル推進室 — 2025/04 😀 ※注意')) {
      expect(term).toMatch(/^[^\s]*[\p{L}\p{N}][^\s]*$/u);
    }
  });
});

describe('readingTerms', () => {
  it('lets りさいしょうめいしょ meet 罹災証明書', () => {
    const kanji = tokenizer.readingTerms('罹災証明書');
    const kana = tokenizer.readingTerms('りさいしょうめいしょ');
    expect(kanji.filter((reading) => kana.includes(reading)).length).toBeGreaterThan(0);
    expect(kanji).toContain('リサイショウメイショ');
    expect(kana).toContain('リサイショウメイショ');
  });

  it('joins compound nouns and reads hiragana chunks whole: げんきょうとどけ meets 現況届', () => {
    expect(tokenizer.readingTerms('児童手当の現況届')).toContain('ゲンキョウトドケ');
    expect(tokenizer.readingTerms('児童手当 げんきょうとどけ')).toContain('ゲンキョウトドケ');
  });

  it('reads only content words', () => {
    const readings = tokenizer.readingTerms('児童手当の現況届はオンラインで出せますか');
    expect(readings).toContain('ジドウ');
    expect(readings).toContain('オンライン');
    for (const particle of PARTICLES_AND_AUXILIARIES) expect(readings).not.toContain(particle);
  });

  it('reads がばめんとくらうど as ガバメントクラウド', () => {
    expect(tokenizer.readingTerms('がばめんとくらうど')).toContain('ガバメントクラウド');
    expect(tokenizer.readingTerms('ガバメントクラウド')).toContain('ガバメントクラウド');
  });

  it('falls back to the normalised surface for unknown words', () => {
    expect(tokenizer.readingTerms('ＢＰＲ')).toEqual(['bpr']);
  });
});

describe('hostile characters', () => {
  it('tokenises text with NUL, bell, bidi overrides and lone surrogates without throwing', async () => {
    const tokenizer = await loadTokenizer();
    const terms = tokenizer.contentTerms('\u0000\u0007RPA\u202eとは\ud800𠮷');
    expect(terms).toContain('rpa');
    expect(() => tokenizer.readingTerms('\u2066窓口\u2069\uffff')).not.toThrow();
  });
});

describe('remembered analyses', () => {
  it('answers texts asked for in turn, past what it remembers, as it answers one text at a time', async () => {
    const other = await createTokenizerLoader()();
    const texts = ['住民税の申告をオンラインで', '地方税の申告をオンラインで', 'りさいしょうめいしょ', 'BPRって何?', 'サーバーの移行', 'ごみの出し方を教えてください'];
    const analysis = (of: JapaneseTokenizer, text: string) => ({ terms: of.contentTerms(text), readings: of.readingTerms(text), keys: of.keyTerms(text), tokens: of.tokenize(text) });
    const oneAtATime = texts.map((text) => analysis(other, text));
    const inTurn = texts.map(() => ({}) as Record<string, unknown>);
    for (const [kind, ask] of [
      ['terms', (text: string) => tokenizer.contentTerms(text)],
      ['readings', (text: string) => tokenizer.readingTerms(text)],
      ['keys', (text: string) => tokenizer.keyTerms(text)],
      ['tokens', (text: string) => tokenizer.tokenize(text)],
    ] as const) {
      texts.forEach((text, at) => {
        inTurn[at]![kind] = ask(text);
      });
    }
    expect(inTurn).toEqual(oneAtATime);
  });

  it('hands out copies, so a caller changing a list does not change the next answer', () => {
    const text = '児童手当の現況届はオンラインで出せますか';
    const expected = { terms: tokenizer.contentTerms(text), keys: tokenizer.keyTerms(text), readings: tokenizer.readingTerms(text) };
    tokenizer.contentTerms(text).length = 0;
    tokenizer.keyTerms(text).push('余計');
    tokenizer.readingTerms(text).pop();
    expect({ terms: tokenizer.contentTerms(text), keys: tokenizer.keyTerms(text), readings: tokenizer.readingTerms(text) }).toEqual(expected);
  });
});
