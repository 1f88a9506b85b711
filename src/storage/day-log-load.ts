import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CorruptJsonFileError } from './atomic-json-file.js';
import { dayFileName, legacyDayFileName } from './day-key.js';
import { emptyDayLog, parseLegacyDayLog } from './day-log-data.js';
import { DayLogFile, removeFile } from './day-log-file.js';
import type { DayFileState } from './day-log-file.js';
import { parseDayLogText } from './day-log-lines.js';
import { keepCopyAside, quarantineFile } from './quarantine-file.js';
import type { RecordLists } from './record-archive.js';
import { UnrecognisedStoreDataError } from './store-data.js';
import { syncDirectory } from './sync-directory.js';

/** What a day's files held, read without changing anything. */
export interface DayRead {
  lists: RecordLists;
  /** The file read: the `.jsonl`, else a version-1 `.json`, else (none) the `.jsonl` it would be. */
  file: string;
  source: 'jsonl' | 'legacy' | 'none';
  /** Bytes read from a `.jsonl`. */
  size: number;
  /** False for a `.jsonl` holding no complete header line (empty, or cut short while created). */
  headed: boolean;
  /** Complete lines of the `.jsonl` that could not be read, skipped. */
  unreadable: number;
  /** The `.jsonl` ends in a line cut short: by a crash, or by an append still being written. */
  torn: boolean;
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The file `readDayLog` reads for the day: its `.jsonl` when there is one, else its version-1 `.json`. */
export async function dayFileIn(dir: string, day: string): Promise<string> {
  const file = path.join(dir, dayFileName(day));
  return access(file).then(
    () => file,
    () => path.join(dir, legacyDayFileName(day)),
  );
}

/**
 * Reads one day from `dir`, never writing. The `.jsonl` wins when both it and a version-1 `.json`
 * exist: the `.json` is then what a conversion cut short by a crash had not yet removed, and every
 * entry of it is in the `.jsonl`. Throws CorruptJsonFileError or UnrecognisedStoreDataError when
 * the file is no day file at all, UnsupportedStoreVersionError when a newer program wrote it.
 */
export async function readDayLog(dir: string, day: string): Promise<DayRead> {
  const file = path.join(dir, dayFileName(day));
  const text = await readText(file);
  if (text !== null) {
    const parsed = parseDayLogText(text);
    return { lists: parsed.lists, file, source: 'jsonl', size: Buffer.byteLength(text, 'utf8'), headed: parsed.headed, unreadable: parsed.unreadable, torn: parsed.torn };
  }
  const legacyFile = path.join(dir, legacyDayFileName(day));
  const legacyText = await readText(legacyFile);
  const none = { file, source: 'none' as const, size: 0, headed: false, unreadable: 0, torn: false };
  if (legacyText === null) return { ...none, lists: emptyDayLog() };
  let raw: unknown;
  try {
    raw = JSON.parse(legacyText);
  } catch (error) {
    throw new CorruptJsonFileError(legacyFile, error);
  }
  return { ...none, lists: parseLegacyDayLog(raw), file: legacyFile, source: 'legacy' };
}

/** A day ready for its writer. */
export interface LoadedDay {
  lists: RecordLists;
  /** What is on disk, for the DayLogFile that goes on writing it. */
  state: DayFileState;
  /** The next write must replace the file whole: the day is still a version-1 `.json`. */
  rewrite: boolean;
}

/**
 * Loads a day for writing, leaving its file ready for appends. A version-1 `.json` is read as it
 * is and converted by the day's next write. A `.jsonl` the reader skipped part of is repaired at
 * once, keeping every readable entry, so the next append starts on a clean line: a line cut short
 * by a crash was never acknowledged and is dropped with a warning; damaged complete lines are
 * dropped with a warning too, but the file as it was is first kept beside it as
 * `<file>.corrupt-<time>`. A file that is no day file at all is moved aside like that, with a
 * warning, and the day read again as if it were missing (never overwritten); a newer version is
 * refused (it throws). A version-1 `.json` left beside a `.jsonl` is removed.
 */
export async function loadDayLog(dir: string, day: string, warn: (message: string) => void): Promise<LoadedDay> {
  for (;;) {
    let read: DayRead;
    try {
      read = await readDayLog(dir, day);
    } catch (error) {
      if (!(error instanceof CorruptJsonFileError || error instanceof UnrecognisedStoreDataError)) throw error;
      const file = await dayFileIn(dir, day);
      const aside = await quarantineFile(file);
      warn(`storage: ${error.message} (${file}); moved it to ${aside} and read that day without it`);
      continue;
    }
    if (read.source === 'legacy') return { lists: read.lists, state: { exists: false, size: 0 }, rewrite: true };
    if (read.source === 'none') return { lists: read.lists, state: { exists: false, size: 0 }, rewrite: false };
    if (await removeFile(path.join(dir, legacyDayFileName(day)))) await syncDirectory(dir);
    if (read.headed && read.unreadable === 0 && !read.torn) return { lists: read.lists, state: { exists: true, size: read.size }, rewrite: false };
    const writer = new DayLogFile(dir, day, { exists: true, size: read.size });
    const aside = read.unreadable > 0 ? await keepCopyAside(read.file) : null;
    await writer.replace(read.lists);
    const skipped = [read.unreadable > 0 ? `${read.unreadable} unreadable line(s), the file as it was kept as ${aside}` : '', read.torn ? 'a last line cut short by a crash (never acknowledged)' : ''].filter(Boolean).join(' and ');
    if (skipped) warn(`storage: ${read.file}: skipped ${skipped}; rewrote the day with the ${read.lists.logs.length + read.lists.feedback.length} readable entries`);
    return { lists: read.lists, state: writer.state, rewrite: false };
  }
}
