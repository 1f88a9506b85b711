/**
 * The analysis memo on disk, in the start-up cache directory. The file name carries a fingerprint
 * of everything that decides what kuromoji analysis returns (the text and search code that does
 * it, the kuromoji version and its dictionary), so a changed program never reads a memo written by
 * another: it writes its own and removes the old one. An unreadable memo is ignored and rebuilt.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnalysisMemo, type MemoEntry } from './analysis-memo.js';

/** Bumped whenever the file layout changes. */
const MEMO_FORMAT = 1;
const PREFIX = 'analysis-';

let fingerprint: string | undefined;

/** A hash of the code and dictionary that produce the analysis: the running files, as they are. */
export function analysisFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const hash = createHash('sha256').update(`format ${MEMO_FORMAT}\n`);
  const require = createRequire(import.meta.url);
  const kuromojiPackage = require.resolve('kuromoji/package.json');
  hash.update(readFileSync(kuromojiPackage));
  for (const file of readdirSync(path.join(path.dirname(kuromojiPackage), 'dict')).sort()) hash.update(file);
  const searchDir = path.dirname(fileURLToPath(import.meta.url));
  const textDir = path.join(searchDir, '..', 'text');
  const sources = [
    ...readdirSync(textDir).map((name) => path.join(textDir, name)),
    ...readdirSync(searchDir).filter((name) => name.startsWith('japanese-analyzer.')).map((name) => path.join(searchDir, name)),
  ]
    .filter((file) => /\.(ts|js)$/.test(file))
    .sort();
  for (const file of sources) hash.update(path.basename(file)).update(readFileSync(file));
  fingerprint = hash.digest('hex').slice(0, 16);
  return fingerprint;
}

function memoFile(cacheDir: string): string {
  return path.join(cacheDir, `${PREFIX}${analysisFingerprint()}.json`);
}

/** The memo saved in `cacheDir`, or an empty one when there is none, it is unreadable, or caching is off. */
export function readAnalysisMemo(cacheDir: string | null): AnalysisMemo {
  if (cacheDir === null) return new AnalysisMemo();
  try {
    const data = JSON.parse(readFileSync(memoFile(cacheDir), 'utf8')) as { format?: unknown; entries?: unknown };
    if (data.format !== MEMO_FORMAT || !Array.isArray(data.entries)) return new AnalysisMemo();
    return new AnalysisMemo((data.entries as unknown[]).filter(isEntry));
  } catch {
    return new AnalysisMemo();
  }
}

/** Saves the memo when the build changed it (atomically: temp file, then rename); a failure only costs the next start time. */
export function writeAnalysisMemo(cacheDir: string | null, memo: AnalysisMemo): boolean {
  if (cacheDir === null || !memo.changed) return false;
  const target = memoFile(cacheDir);
  const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(temp, JSON.stringify({ format: MEMO_FORMAT, entries: memo.entries() }));
    renameSync(temp, target);
    for (const name of readdirSync(cacheDir)) {
      if (name.startsWith(PREFIX) && path.join(cacheDir, name) !== target && name.endsWith('.json')) rmSync(path.join(cacheDir, name), { force: true });
    }
    return true;
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing was written where nothing can be written.
    }
    return false;
  }
}

function isEntry(value: unknown): value is [string, MemoEntry] {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string') return false;
  const entry = value[1] as Record<string, unknown> | null;
  if (typeof entry !== 'object' || entry === null) return false;
  return (['terms', 'readings'] as const).every((field) => entry[field] === undefined || (Array.isArray(entry[field]) && (entry[field] as unknown[]).every((term) => typeof term === 'string')));
}
