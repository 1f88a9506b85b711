import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { gunzipSync } from 'node:zlib';
import kuromoji from 'kuromoji';
import type { IpadicFeatures, Tokenizer } from 'kuromoji';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { cacheDirectory } from '../../src/text/cache-directory.js';
import { loadIpadicTokenizer } from '../../src/text/kuromoji-dictionary.js';

const require = createRequire(import.meta.url);
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const DIC_PATH = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
const CACHE_DIR_NAME = /^kuromoji-[0-9a-f]{16}$/;

type Outcome = { tokens: IpadicFeatures[] } | { threw: true };

/** Thrown errors count as an outcome: the stock builder throws on some input, and so must the replacement. */
function outcome(tokenizer: Tokenizer<IpadicFeatures>, text: string): Outcome {
  try {
    return { tokens: tokenizer.tokenize(text) };
  } catch {
    return { threw: true };
  }
}

let stock: Tokenizer<IpadicFeatures>;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dx-navi-kuromoji-'));
  stock = await new Promise<Tokenizer<IpadicFeatures>>((resolve, reject) => {
    kuromoji.builder({ dicPath: DIC_PATH }).build((error, tokenizer) => (error ? reject(error) : resolve(tokenizer)));
  });
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const stockOutcomes = new Map<string, Outcome>();
function stockOutcome(text: string): Outcome {
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
function expectSameTokensAsStock(tokenizer: Tokenizer<IpadicFeatures>, texts: readonly string[]): void {
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

const KNOWLEDGE = knowledgeStrings();
const PROSE = KNOWLEDGE.filter((text) => /[ぁ-ん]/.test(text)).join('\n');

const TRICKY = [
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
const STOCK_THROWS = ['a\u0000b', '\u0000', '\ud800', 'x\ud83d', 'あ\ud83dい', '\ud83d\ud83d\ude00'];

const LONG = [
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

const FUZZ = fuzzTexts(1_500);

/** Enough to catch a damaged dictionary without re-running the whole corpus for every cache test. */
const SAMPLE = [...TRICKY, ...KNOWLEDGE.filter((_, index) => index % 25 === 0), LONG[1] ?? ''];

// --- Token output ---------------------------------------------------------------------------------

describe('token output', () => {
  let inMemory: Tokenizer<IpadicFeatures>;
  let fromCache: Tokenizer<IpadicFeatures>;

  beforeAll(() => {
    // What the server does with DX_NAVI_CACHE_DIR=off.
    const off = cacheDirectory({ DX_NAVI_CACHE_DIR: 'off' });
    expect(off).toBeNull();
    inMemory = loadIpadicTokenizer(DIC_PATH, off);
    const root = path.join(scratch, 'tokens');
    loadIpadicTokenizer(DIC_PATH, root);
    // The second load reads the files the first one wrote: trimmed, then padded back with zeros.
    fromCache = loadIpadicTokenizer(DIC_PATH, root);
  });

  it('draws on a real corpus', () => {
    expect(KNOWLEDGE.length).toBeGreaterThan(1_000);
    expect(PROSE.length).toBeGreaterThan(5_000);
    expect(LONG[0]).toHaveLength(5_000);
    expect(LONG[1]).toHaveLength(5_000);
    expect(LONG[1]).not.toMatch(/[、。]/);
  });

  it('stock kuromoji throws on NUL and lone high surrogates', () => {
    for (const text of STOCK_THROWS) expect(outcome(stock, text), JSON.stringify(text)).toEqual({ threw: true });
    expect(TRICKY.filter((text) => 'threw' in outcome(stock, text))).toEqual(STOCK_THROWS);
  });

  describe.each([
    ['built in memory', () => inMemory],
    ['read from the cache', () => fromCache],
  ])('with the dictionary %s', (_, tokenizer) => {
    it('matches stock kuromoji on every string in knowledge/', () => {
      expectSameTokensAsStock(tokenizer(), KNOWLEDGE);
    });

    it('matches stock kuromoji on edge cases', () => {
      expectSameTokensAsStock(tokenizer(), TRICKY);
    });

    it('matches stock kuromoji on long texts', () => {
      expectSameTokensAsStock(tokenizer(), LONG);
    });

    it('matches stock kuromoji on random mixed-script text', () => {
      expectSameTokensAsStock(tokenizer(), FUZZ);
    });

    it('matches stock kuromoji on many sentences in one input', () => {
      // word_position keeps counting across sentences.
      expectSameTokensAsStock(tokenizer(), [PROSE.slice(0, 30_000)]);
    });
  });
});

// --- Cache ----------------------------------------------------------------------------------------

/** The dictionary's directory under a cache root (there is exactly one). */
function cacheDirIn(root: string): string {
  const dirs = readdirSync(root).filter((entry) => CACHE_DIR_NAME.test(entry));
  expect(dirs).toHaveLength(1);
  return path.join(root, dirs[0] ?? '');
}

function digests(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) result[name] = createHash('sha256').update(readFileSync(path.join(dir, name))).digest('hex');
  return result;
}

/** Inode and mtime of the directory and every file: any rewrite or replacement changes one of them. */
function identity(dir: string): Record<string, string> {
  const result: Record<string, string> = { '.': String(statSync(dir).ino) };
  for (const name of readdirSync(dir).sort()) {
    const stat = statSync(path.join(dir, name));
    result[name] = `${stat.ino}:${stat.mtimeMs}`;
  }
  return result;
}

describe('cache', () => {
  /** A cache built once, copied for each test rather than rebuilt (a build takes ~1 s). */
  let pristine: string;
  let reference: Record<string, string>;
  let dirName: string;
  let rootCount = 0;

  const freshRoot = (): string => path.join(scratch, `root-${(rootCount += 1)}`);
  const copyOfPristine = (): string => {
    const root = freshRoot();
    cpSync(pristine, root, { recursive: true });
    return root;
  };

  beforeAll(() => {
    pristine = path.join(scratch, 'pristine');
    loadIpadicTokenizer(DIC_PATH, pristine);
    const dir = cacheDirIn(pristine);
    dirName = path.basename(dir);
    reference = digests(dir);
  });

  it('is built on the first load and read, not rewritten, on the second', () => {
    const root = freshRoot();
    expect(existsSync(root)).toBe(false);
    const first = loadIpadicTokenizer(DIC_PATH, root);
    expect(readdirSync(root)).toEqual([dirName]);
    const dir = cacheDirIn(root);
    expect(Object.keys(reference)).toEqual([
      'base.dat',
      'cc.dat',
      'check.dat',
      'manifest.json',
      'target_map.dat',
      'tid.dat',
      'tid_pos.dat',
      'unk.dat',
      'unk_char.dat',
      'unk_compat.dat',
      'unk_invoke.dat',
      'unk_map.dat',
      'unk_pos.dat',
    ]);
    // The build is deterministic: every process writes the same bytes, which is what makes a
    // concurrent replacement harmless.
    expect(digests(dir)).toEqual(reference);
    // unk.dat.gz holds 398 bytes padded to 10 MB; the cache keeps only the bytes.
    expect(statSync(path.join(dir, 'unk.dat')).size).toBeLessThan(gunzipSync(readFileSync(path.join(DIC_PATH, 'unk.dat.gz'))).length / 1_000);
    const before = identity(dir);

    const second = loadIpadicTokenizer(DIC_PATH, root);
    expect(identity(dir)).toEqual(before);
    expect(readdirSync(root)).toEqual([dirName]);
    expectSameTokensAsStock(first, SAMPLE);
    expectSameTokensAsStock(second, SAMPLE);
  });

  const flipByte = (file: string, at: (size: number) => number): void => {
    const bytes = readFileSync(file);
    const index = at(bytes.length);
    bytes[index] = (bytes[index] ?? 0) ^ 0x01;
    writeFileSync(file, bytes);
  };
  const editManifest = (dir: string, edit: (text: string) => string): void => {
    const file = path.join(dir, 'manifest.json');
    const text = readFileSync(file, 'utf8');
    const edited = edit(text);
    // A no-op edit would make the test pass without testing anything.
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
  };

  it.each<[string, (dir: string) => void]>([
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
  ])('detects %s and rebuilds the cache', (_, damage) => {
    const root = copyOfPristine();
    const dir = cacheDirIn(root);
    damage(dir);
    const damagedInode = statSync(dir).ino;

    const tokenizer = loadIpadicTokenizer(DIC_PATH, root);

    expect(statSync(dir).ino).not.toBe(damagedInode);
    expect(digests(dir)).toEqual(reference);
    expect(readdirSync(root)).toEqual([dirName]);
    expectSameTokensAsStock(tokenizer, SAMPLE);
    // And the rebuilt cache is good enough to be used as is.
    const rebuilt = identity(dir);
    loadIpadicTokenizer(DIC_PATH, root);
    expect(identity(dir)).toEqual(rebuilt);
  });

  /** The installed dictionary's files under a directory with no package.json: a different cache key. */
  const otherInstall = (): string => {
    const dicPath = path.join(scratch, `other-install-${(rootCount += 1)}`, 'dict');
    mkdirSync(dicPath, { recursive: true });
    for (const name of readdirSync(DIC_PATH)) symlinkSync(path.join(DIC_PATH, name), path.join(dicPath, name));
    return dicPath;
  };

  it('does not use a complete, self-consistent cache of another dictionary found under its name', () => {
    const root = freshRoot();
    loadIpadicTokenizer(otherInstall(), root);
    const [otherName] = readdirSync(root);
    expect(otherName).toMatch(CACHE_DIR_NAME);
    expect(otherName).not.toBe(dirName);
    renameSync(path.join(root, otherName ?? ''), path.join(root, dirName));
    const foreignInode = statSync(path.join(root, dirName)).ino;

    const tokenizer = loadIpadicTokenizer(DIC_PATH, root);

    expect(statSync(path.join(root, dirName)).ino).not.toBe(foreignInode);
    expect(digests(path.join(root, dirName))).toEqual(reference);
    expectSameTokensAsStock(tokenizer, SAMPLE);
  });

  it('removes the dictionaries of other installs and abandoned builds, and nothing else', () => {
    const root = freshRoot();
    const otherDicPath = otherInstall();
    loadIpadicTokenizer(otherDicPath, root);
    const [otherName] = readdirSync(root);
    expect(otherName).toMatch(CACHE_DIR_NAME);
    expect(otherName).not.toBe(dirName);
    const abandoned = `${dirName}.tmp-999999-deadbeef`;
    const running = `${dirName}.tmp-999998-0badf00d`;
    const movedAside = `${dirName}.old-999997-cafebabe`;
    for (const entry of [abandoned, running, movedAside, 'other-cache']) {
      mkdirSync(path.join(root, entry));
      writeFileSync(path.join(root, entry, 'base.dat'), 'partial');
    }
    writeFileSync(path.join(root, 'notes.txt'), 'not ours');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(path.join(root, abandoned), twoHoursAgo, twoHoursAgo);

    loadIpadicTokenizer(DIC_PATH, root);

    expect(readdirSync(root).sort()).toEqual([dirName, running, 'notes.txt', 'other-cache'].sort());
  });

  it('loads in memory when the cache root is a file', () => {
    const file = path.join(scratch, 'not-a-directory');
    writeFileSync(file, 'occupied');
    for (const root of [file, path.join(file, 'below')]) {
      const tokenizer = loadIpadicTokenizer(DIC_PATH, root);
      expectSameTokensAsStock(tokenizer, SAMPLE);
    }
    expect(readFileSync(file, 'utf8')).toBe('occupied');
    expect(readdirSync(scratch).filter((entry) => entry.startsWith('not-a-directory'))).toEqual(['not-a-directory']);
  });

  // root ignores permissions, so this only means something for other users (CI runners, developers).
  it.runIf(process.getuid?.() !== 0)('loads in memory when the cache root is read-only', () => {
    const root = freshRoot();
    mkdirSync(root, { mode: 0o555 });
    try {
      expectSameTokensAsStock(loadIpadicTokenizer(DIC_PATH, root), SAMPLE);
      expect(readdirSync(root)).toEqual([]);
    } finally {
      chmodSync(root, 0o755);
    }
  });

  it('survives several processes building it at the same moment', async () => {
    const root = freshRoot();
    const sampleFile = path.join(scratch, 'sample.json');
    writeFileSync(sampleFile, JSON.stringify(SAMPLE));
    // Each child imports everything, reports ready and waits, so that both find the cache missing
    // and build and rename their copies at the same time rather than one after another.
    const child = `
      import { readFileSync } from 'node:fs';
      import { cacheDirectory } from ${JSON.stringify(new URL('../../src/text/cache-directory.ts', import.meta.url).href)};
      import { loadIpadicTokenizer } from ${JSON.stringify(new URL('../../src/text/kuromoji-dictionary.ts', import.meta.url).href)};
      const [dicPath, sampleFile] = process.argv.slice(1);
      const texts = JSON.parse(readFileSync(sampleFile, 'utf8'));
      process.stdout.write('ready\\n');
      process.stdin.once('data', () => {
        const tokenizer = loadIpadicTokenizer(dicPath, cacheDirectory());
        const outcomes = texts.map((text) => { try { return { tokens: tokenizer.tokenize(text) }; } catch { return { threw: true }; } });
        // No process.exit: it could cut a pipe write short. The parent ends stdin, so the child ends.
        process.stdout.write(JSON.stringify(outcomes));
      });
    `;
    const children = Array.from({ length: 2 }, () => {
      const process_ = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child, DIC_PATH, sampleFile], {
        cwd: projectRoot,
        env: { ...process.env, DX_NAVI_CACHE_DIR: root },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      process_.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      process_.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const ready = new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (stdout.startsWith('ready\n')) resolve();
        };
        process_.stdout.on('data', check);
        process_.on('exit', (code) => reject(new Error(`child exited (${code}) before ready: ${stderr}`)));
      });
      const exited = new Promise<number | null>((resolve) => process_.on('exit', resolve));
      return { process: process_, ready, exited, output: () => ({ stdout, stderr }) };
    });
    await Promise.all(children.map((entry) => entry.ready));
    for (const entry of children) entry.process.stdin.end('go\n');

    const expected = JSON.parse(JSON.stringify(SAMPLE.map(stockOutcome))) as unknown;
    for (const entry of children) {
      const code = await entry.exited;
      const { stdout, stderr } = entry.output();
      expect(code, stderr).toBe(0);
      expect(JSON.parse(stdout.slice('ready\n'.length))).toStrictEqual(expected);
    }
    expect(readdirSync(root)).toEqual([dirName]);
    const dir = path.join(root, dirName);
    expect(digests(dir)).toEqual(reference);
    const settled = identity(dir);
    expectSameTokensAsStock(loadIpadicTokenizer(DIC_PATH, root), SAMPLE);
    expect(identity(dir)).toEqual(settled);
  }, 60_000);
});

// --- cacheDirectory -------------------------------------------------------------------------------

describe('cacheDirectory', () => {
  const defaultDir = path.join(projectRoot, 'node_modules', '.cache', 'dx-navi');

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('defaults to node_modules/.cache/dx-navi under the project, wherever the process runs', () => {
    expect(cacheDirectory({})).toBe(defaultDir);
    expect(path.isAbsolute(defaultDir)).toBe(true);
  });

  it.each(['', '   ', '\t\n'])('treats a blank DX_NAVI_CACHE_DIR (%j) as unset', (value) => {
    expect(cacheDirectory({ DX_NAVI_CACHE_DIR: value })).toBe(defaultDir);
  });

  it.each(['off', 'OFF', 'Off', ' off ', 'off\n'])('turns caching off for DX_NAVI_CACHE_DIR=%j', (value) => {
    expect(cacheDirectory({ DX_NAVI_CACHE_DIR: value })).toBeNull();
  });

  it('uses an absolute DX_NAVI_CACHE_DIR, normalised and trimmed', () => {
    expect(cacheDirectory({ DX_NAVI_CACHE_DIR: '/var/cache/dx-navi' })).toBe('/var/cache/dx-navi');
    expect(cacheDirectory({ DX_NAVI_CACHE_DIR: ' /var/cache/x/../dx-navi/ ' })).toBe('/var/cache/dx-navi');
  });

  it('resolves a relative DX_NAVI_CACHE_DIR against the working directory', () => {
    expect(cacheDirectory({ DX_NAVI_CACHE_DIR: '.cache/dx' })).toBe(path.resolve(process.cwd(), '.cache/dx'));
    // A directory merely named like the switch is still a directory.
    expect(cacheDirectory({ DX_NAVI_CACHE_DIR: './off' })).toBe(path.resolve(process.cwd(), 'off'));
    expect(cacheDirectory({ DX_NAVI_CACHE_DIR: 'offline' })).toBe(path.resolve(process.cwd(), 'offline'));
  });

  it('reads process.env when given no environment', () => {
    vi.stubEnv('DX_NAVI_CACHE_DIR', 'off');
    expect(cacheDirectory()).toBeNull();
    vi.stubEnv('DX_NAVI_CACHE_DIR', '/tmp/dx-navi-cache');
    expect(cacheDirectory()).toBe('/tmp/dx-navi-cache');
    vi.stubEnv('DX_NAVI_CACHE_DIR', undefined);
    expect(cacheDirectory()).toBe(defaultDir);
  });
});
