/**
 * The dictionary cache: built once, read after, rebuilt when damaged or foreign, shared safely by
 * processes building it at once. A few representative kinds of damage run here; all of them in
 * kuromoji-cache-damage.test.ts. Both are in npm run test:faults: they start processes and
 * rebuild the dictionary for half a minute, too long for the suite people run often.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIpadicTokenizer } from '../../src/text/kuromoji-dictionary.js';
import { CACHE_DIR_NAME, useStockKuromoji, DAMAGES, describeCacheDamage, DIC_PATH, digests, expectSameTokensAsStock, identity, pristineCache, projectRoot, SAMPLE, scratch, stockOutcome, cacheDirIn } from '../text/kuromoji-harness.js';

useStockKuromoji();

/** The damages checked on every npm test: a data file, the target map, the manifest's lengths. */
export const REPRESENTATIVE_DAMAGES = ['a truncated data file', 'one flipped bit in the compact target map', 'a manifest with a buffer length off by one'];

describeCacheDamage(DAMAGES.filter(([what]) => REPRESENTATIVE_DAMAGES.includes(what)));

describe('cache', () => {
  const cache = pristineCache();
  const { freshRoot } = cache;
  let dirName: string;
  let reference: Record<string, string>;
  let rootCount = 0;
  beforeAll(() => {
    dirName = cache.dirName();
    reference = cache.reference();
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

