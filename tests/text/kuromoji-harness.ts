/**
 * What the kuromoji dictionary tests share: stock kuromoji to compare with (built once per test
 * file), the texts compared, and a pristine cache to copy and damage. Split out so that the
 * token comparison, the cache behaviour and the long damage matrix (npm run test:faults) run as
 * separate files, in parallel.
 */
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import kuromoji from 'kuromoji';
import type { IpadicFeatures, Tokenizer } from 'kuromoji';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadIpadicTokenizer } from '../../src/text/kuromoji-dictionary.js';

const require = createRequire(import.meta.url);
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const DIC_PATH = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
export const CACHE_DIR_NAME = /^kuromoji-[0-9a-f]{16}$/;

export type Outcome = { tokens: IpadicFeatures[] } | { threw: true };

/** Thrown errors count as an outcome: the stock builder throws on some input, and so must the replacement. */
export function outcome(tokenizer: Tokenizer<IpadicFeatures>, text: string): Outcome {
  try {
    return { tokens: tokenizer.tokenize(text) };
  } catch {
    return { threw: true };
  }
}

export let stock: Tokenizer<IpadicFeatures>;
export let scratch: string;

/**
 * Builds stock kuromoji and a scratch directory before the calling file's tests, and removes the
 * directory after. Called by each test file (not run on import: with isolate off a module is
 * imported once per worker, and its hooks would register in the first file only).
 */
export function useStockKuromoji(): void {
  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'dx-navi-kuromoji-'));
    stock ??= await new Promise<Tokenizer<IpadicFeatures>>((resolve, reject) => {
      kuromoji.builder({ dicPath: DIC_PATH }).build((error, tokenizer) => (error ? reject(error) : resolve(tokenizer)));
    });
  });
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });
}

const stockOutcomes = new Map<string, Outcome>();
export function stockOutcome(text: string): Outcome {
  let result = stockOutcomes.get(text);
  if (result === undefined) {
    result = outcome(stock, text);
    stockOutcomes.set(text, result);
  }
  return result;
}

/**
 * Compares with isDeepStrictEqual (vitest's matchers are ~10x slower over 100k tokens) and
 * reports only the first differing text, whole, so a failure shows what broke.
 */
export function expectSameTokensAsStock(tokenizer: Tokenizer<IpadicFeatures>, texts: readonly string[]): void {
  for (const text of texts) {
    const actual = outcome(tokenizer, text);
    const expected = stockOutcome(text);
    if (!isDeepStrictEqual(actual, expected)) expect({ text, outcome: actual }).toStrictEqual({ text, outcome: expected });
  }
}

// --- Texts ----------------------------------------------------------------------------------------

/** Every string in knowledge/: section bodies, titles, glossary entries, synonyms, ids and paths. */
function knowledgeStrings(): string[] {
  const strings: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  const dir = path.join(projectRoot, 'knowledge');
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.yaml')) collect(parse(readFileSync(path.join(entry.parentPath, entry.name), 'utf8')));
  }
  return strings;
}

export const KNOWLEDGE = knowledgeStrings();
export const PROSE = KNOWLEDGE.filter((text) => /[ぁ-ん]/.test(text)).join('\n');

export const TRICKY = [
  '',
  ' ',
  '   ',
  '\u3000',
  '\t\n\r\n',
  ' \u3000 \t ',
  // Katakana words IPADIC does not know: the unknown-word grouping path.
  'ギガスクールパソコンポータルシステム',
  'マイナポータルアプリでオンライン申請',
  'ｷｬｯｼｭﾚｽ決済とﾃﾞｼﾞﾀﾙﾄﾗﾝｽﾌｫｰﾒｰｼｮﾝ',
  'ｶﾞｯｺｳ',
  'ﾊﾟﾊﾟﾏﾏ',
  // 長音, alone and stretched.
  'ラーメン',
  'ラーメンーーー',
  'すごーーーい',
  'ーーー',
  'コンピューターとサーバー・ネットワーク',
  'えーと、あのー。',
  'ｰｰｰ',
  // Surrogate pairs: the stock builder counts an ungrouped one as one character and a grouped run in UTF-16 units.
  '😀',
  '😀😀😀',
  '👨‍👩‍👧‍👦',
  '𠮷野家で𩸽を食べた',
  'DX推進🚀2025年度',
  '👍🏽いいね',
  '🇯🇵日本',
  'あ😀い😀😀う',
  // Latin and digits.
  'DX推進計画2025年度',
  'BPR・RPA・AI-OCR',
  'version 1.2.3 of e-Tax',
  '１２３４５ＡＢＣ',
  'https://www.city.example.lg.jp/dx/plan.html?id=42&lang=ja',
  'R7.4.1から3,000円',
  // Control and format characters; NUL and a lone high surrogate make stock kuromoji throw.
  '\u0001\u0007\u001b\u007f',
  'a\u0000b',
  '\u0000',
  '\u200b\u200c\u200d',
  '\u200e\u202eabc\u202c',
  '\ufeff先頭BOM',
  '\udc00あ',
  '\ud800',
  'x\ud83d',
  'あ\ud83dい',
  '\ud83d\ud83d\ude00',
  '改行\nのある\r\n文章\n',
  '、、。。、',
  '。',
];

/** Stock kuromoji throws on these (checked below), so the replacement must too. */
export const STOCK_THROWS = ['a\u0000b', '\u0000', '\ud800', 'x\ud83d', 'あ\ud83dい', '\ud83d\ud83d\ude00'];

export const LONG = [
  PROSE.slice(0, 5_000),
  // One sentence: kuromoji splits only at 、 and 。, so this is one 5,000-character lattice.
  PROSE.replace(/[、。\n]/g, '').slice(0, 5_000),
  // A long unknown-word group; the stock builder is quadratic here, so it stays at 1,500.
  'デジタルトランスフォーメーション'.repeat(100).slice(0, 1_500),
  'ー'.repeat(1_000),
  'DX2025'.repeat(300),
  '😀'.repeat(500),
];

/** Seeded, so a failure reproduces; runs of one character exercise the unknown-word grouping. */
function fuzzTexts(count: number): string[] {
  const pool = [
    ...'あいうかがきくさしすたちつなにのはばぱまみむやゆよらりるわをんーアイウカガキクサシスタチツナニノハバパマミムヤユヨラリルワヲンヴ・日本市役所手続届出証明書住民票児童手当電子申請一二三十百千万',
    ...'abcxyzABCXYZ0123456789０１２ＡＢＣａｂｃｱｲｳｶﾞｯﾟｰ､｡ 　\t\n.,!?()「」（）、。…～〜-_/@#%&*+=:;\'"<>[]{}|\\^`~αβАб가한ÀéüßÉ€¥©°×',
    '😀',
    '𠮷',
    '👍🏽',
    '\u200d',
    '\ufe0f',
    '\u00ad',
    '\u0301',
    '\u3099',
    '\udc00',
    '\u0001',
    '\u007f',
    '\u0085',
    '\u2028',
    '\ufeff',
    '\uffff',
  ];
  let seed = 20_250_401;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const texts: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const length = 1 + Math.floor(random() * 60);
    let text = '';
    while (text.length < length) {
      const char = pool[Math.floor(random() * pool.length)] ?? '';
      text += random() < 0.2 ? char.repeat(1 + Math.floor(random() * 6)) : char;
    }
    texts.push(text);
  }
  return texts;
}

export const FUZZ = fuzzTexts(1_500);

/** Enough to catch a damaged dictionary without re-running the whole corpus for every cache test. */
export const SAMPLE = [...TRICKY, ...KNOWLEDGE.filter((_, index) => index % 25 === 0), LONG[1] ?? ''];

// --- Token output ---------------------------------------------------------------------------------

/** The dictionary's directory under a cache root (there is exactly one). */
export function cacheDirIn(root: string): string {
  const dirs = readdirSync(root).filter((entry) => CACHE_DIR_NAME.test(entry));
  expect(dirs).toHaveLength(1);
  return path.join(root, dirs[0] ?? '');
}

export function digests(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) result[name] = createHash('sha256').update(readFileSync(path.join(dir, name))).digest('hex');
  return result;
}

/** Inode and mtime of the directory and every file: any rewrite or replacement changes one of them. */
export function identity(dir: string): Record<string, string> {
  const result: Record<string, string> = { '.': String(statSync(dir).ino) };
  for (const name of readdirSync(dir).sort()) {
    const stat = statSync(path.join(dir, name));
    result[name] = `${stat.ino}:${stat.mtimeMs}`;
  }
  return result;
}

export const flipByte = (file: string, at: (size: number) => number): void => {
  const bytes = readFileSync(file);
  const index = at(bytes.length);
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  writeFileSync(file, bytes);
};
export const editManifest = (dir: string, edit: (text: string) => string): void => {
  const file = path.join(dir, 'manifest.json');
  const text = readFileSync(file, 'utf8');
  const edited = edit(text);
  // A no-op edit would make the test pass without testing anything.
  expect(edited).not.toBe(text);
  writeFileSync(file, edited);
};


/** A cache built once per describe block, copied for each test rather than rebuilt (a build takes ~1 s). */
export interface PristineCache {
  /** An unused cache root under the scratch directory. */
  freshRoot(): string;
  /** A fresh root holding a copy of the pristine cache. */
  copy(): string;
  /** The cache directory's name (kuromoji-<key>). */
  dirName(): string;
  /** sha256 of each file of the pristine cache. */
  reference(): Record<string, string>;
}

let rootCount = 0;

/** Builds the pristine cache in a beforeAll of the calling describe block. */
export function pristineCache(): PristineCache {
  let pristine = '';
  let reference: Record<string, string> = {};
  let dirName = '';
  const freshRoot = (): string => path.join(scratch, `root-${(rootCount += 1)}`);
  beforeAll(() => {
    pristine = path.join(scratch, `pristine-${(rootCount += 1)}`);
    loadIpadicTokenizer(DIC_PATH, pristine);
    const dir = cacheDirIn(pristine);
    dirName = path.basename(dir);
    reference = digests(dir);
  });
  return {
    freshRoot,
    copy: () => {
      const root = freshRoot();
      cpSync(pristine, root, { recursive: true });
      return root;
    },
    dirName: () => dirName,
    reference: () => reference,
  };
}

/** One way of damaging a cache directory. */
export type Damage = [string, (dir: string) => void];

/** Every damage the loader must detect, rebuilding the cache. */
export const DAMAGES: Damage[] = [
    ['a truncated data file', (dir) => truncateSync(path.join(dir, 'tid_pos.dat'), statSync(path.join(dir, 'tid_pos.dat')).size >> 1)],
    ['one flipped bit in a data file', (dir) => flipByte(path.join(dir, 'tid.dat'), (size) => size >> 1)],
    ['one flipped bit in the compact target map', (dir) => flipByte(path.join(dir, 'target_map.dat'), (size) => size - 5)],
    ['a flipped last byte before the zero tail', (dir) => flipByte(path.join(dir, 'unk.dat'), (size) => size - 1)],
    ['zeros appended to a trimmed file', (dir) => appendFileSync(path.join(dir, 'unk_pos.dat'), Buffer.alloc(8))],
    ['a missing data file', (dir) => rmSync(path.join(dir, 'check.dat'))],
    ['a missing manifest', (dir) => rmSync(path.join(dir, 'manifest.json'))],
    ['a manifest cut short', (dir) => editManifest(dir, (text) => text.slice(0, text.length >> 1))],
    ['a manifest that is JSON null', (dir) => editManifest(dir, () => 'null')],
    // Only the manifest records fullLength, and no file checksum covers it: an odd length used to
    // reach new Int32Array and throw, and one off by four would have changed the buffers silently.
    ['a manifest with a buffer length off by one', (dir) => editManifest(dir, (text) => text.replace(/"fullLength":(\d+)/, (_, n: string) => `"fullLength":${Number(n) + 1}`))],
    ['a manifest written by an earlier cache format', (dir) => editManifest(dir, (text) => {
      const { crc32: _checksum, ...rest } = JSON.parse(text) as { crc32?: number; format: number };
      return JSON.stringify({ ...rest, format: 1 });
    })],
];

/** Registers one test per damage: detected, rebuilt to the reference bytes, and the rebuilt cache used as is. */
export function describeCacheDamage(damages: readonly Damage[]): void {
  describe('a damaged cache', () => {
    const cache = pristineCache();
    it.each(damages)('detects %s and rebuilds the cache', (_, damage) => {
    const root = cache.copy();
    const dir = cacheDirIn(root);
    damage(dir);
    const damagedInode = statSync(dir).ino;

    const tokenizer = loadIpadicTokenizer(DIC_PATH, root);

    expect(statSync(dir).ino).not.toBe(damagedInode);
    expect(digests(dir)).toEqual(cache.reference());
    expect(readdirSync(root)).toEqual([cache.dirName()]);
    expectSameTokensAsStock(tokenizer, SAMPLE);
    // And the rebuilt cache is good enough to be used as is.
    const rebuilt = identity(dir);
    loadIpadicTokenizer(DIC_PATH, root);
    expect(identity(dir)).toEqual(rebuilt);
    });
  });
}
