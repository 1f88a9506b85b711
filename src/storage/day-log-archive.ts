import { readdir } from 'node:fs/promises';
import { dayEndsBy, dayOf, dayOfFileName, dayOverlaps, dayStart, sortDays } from './day-key.js';
import { DayLogFile } from './day-log-file.js';
import { dayFileIn, loadDayLog, readDayLog } from './day-log-load.js';
import type { LoadedDay } from './day-log-load.js';
import { DayLog } from './day-log.js';
import { CorruptJsonFileError } from './atomic-json-file.js';
import { UnrecognisedStoreDataError } from './store-data.js';
import { inPeriod } from './record-archive.js';
import type { RecordArchive, RecordKind, RecordLists, RecordOf } from './record-archive.js';
import type { Period } from './store.js';

/** The directory, beside the main file, that holds one file per UTC day. */
export const DAY_LOG_DIR_NAME = 'dx-navi-log';

/** Today, yesterday (just after midnight UTC) and one more for a redelivered or pruned day. */
export const DEFAULT_DAYS_IN_MEMORY = 3;

/** How the archive is opened. */
export interface DayLogArchiveOptions {
  /** How many days stay in memory, least recently used dropped first. */
  daysInMemory?: number;
  /** Receives the warning when an unreadable day file, or unreadable lines of one, are set aside; console.warn by default. */
  warn?: (message: string) => void;
  /** For a reader beside the owning server: nothing is written, converted or moved aside; unreadable files and lines are reported. */
  readOnly?: boolean;
  /**
   * With readOnly: told about an unreadable day file, which then reads as empty, or about a file's
   * unreadable lines (UnreadableDayLinesError), which are left out while the rest is read; without
   * it, reading either throws. A last line cut short is not reported: beside a running server it
   * is usually an append still being written, and it was never acknowledged.
   */
  onUnreadable?: (file: string, error: Error) => void;
}

/** Some complete lines of a day file could not be read; the rest of the day was. */
export class UnreadableDayLinesError extends Error {
  /** Names the file and how many lines. */
  constructor(
    readonly file: string,
    readonly lines: number,
  ) {
    super(`${lines} unreadable line(s) in ${file} left out; the rest of that day is read`);
    this.name = 'UnreadableDayLinesError';
  }
}

/** The days that have a file (current or version-1) in `dir`, in calendar order; none when the directory is missing. */
export async function listDayFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return sortDays(new Set(names.map(dayOfFileName).filter((day): day is string => day !== null)));
}

/**
 * Logs and feedback in one append-only JSON Lines file per UTC day of the entry's time (see
 * day-log-file.ts), so that recording an entry appends only its line: the write cost is that of
 * the entry, neither of the day's volume nor of the retention period. A few recently used days
 * stay in memory; any other day is read from disk when asked for and, when written to, loaded
 * first. Days written by earlier versions (whole `.json` documents) are read as they are and
 * converted by their next write.
 *
 * Races are ruled out by construction: a day has at most one document in memory, changed only
 * synchronously right after it is looked up; a day dropped from memory is read again only after
 * its pending writes are done, so the new copy never misses an entry.
 */
export class DayLogArchive implements RecordArchive {
  readonly #dir: string;
  readonly #daysInMemory: number;
  readonly #warn: (message: string) => void;
  readonly #readOnly: boolean;
  readonly #onUnreadable: ((file: string, error: Error) => void) | undefined;
  // Map order is recency: the first key is the least recently used.
  readonly #open = new Map<string, DayLog>();
  readonly #loading = new Map<string, Promise<void>>();
  // One read per day at a time, so two readers never both move the same unreadable file aside.
  readonly #reads = new Map<string, Promise<LoadedDay>>();
  // Dropped from memory with writes still pending: the day is not read again until they finish.
  readonly #draining = new Map<string, Promise<void>>();

  /** The archive kept in `dir`, which is created on the first write. */
  constructor(dir: string, options: DayLogArchiveOptions = {}) {
    const daysInMemory = options.daysInMemory ?? DEFAULT_DAYS_IN_MEMORY;
    if (!Number.isInteger(daysInMemory) || daysInMemory < 1) throw new RangeError(`daysInMemory must be a whole number of at least 1, got ${daysInMemory}`);
    this.#dir = dir;
    this.#daysInMemory = daysInMemory;
    this.#warn = options.warn ?? console.warn;
    this.#readOnly = options.readOnly ?? false;
    this.#onUnreadable = options.onUnreadable;
  }

  /** Adds the entry to its day's file; resolves once a write containing it is on disk. */
  async append<K extends RecordKind>(kind: K, entry: RecordOf[K]): Promise<void> {
    this.#assertWritable();
    await this.#use(dayOf(entry.at), (log) => log.append(kind, entry));
  }

  /** Entries of one kind in the period: day by day, oldest day first, each day in the order appended. */
  async list<K extends RecordKind>(kind: K, period: Period): Promise<RecordOf[K][]> {
    const found: RecordOf[K][] = [];
    for (const day of await this.#days((day) => dayOverlaps(day, period))) {
      const lists = this.#open.get(day)?.lists ?? (await this.#read(day)).lists;
      for (const entry of lists[kind] as RecordOf[K][]) if (inPeriod(entry.at, period)) found.push(entry);
    }
    return found;
  }

  /** Removes entries of one kind before `olderThan`; a day left empty has its file deleted. */
  async prune(kind: RecordKind, olderThan: Date): Promise<number> {
    this.#assertWritable();
    const cutoff = olderThan.getTime();
    let removed = 0;
    for (const day of await this.#days((day) => dayStart(day) < cutoff)) {
      const pruned = await this.#use(day, (log) => log.prune(kind, cutoff));
      await pruned.written;
      removed += pruned.removed;
      // A day wholly before the cut-off will not be written again: no reason to keep it in memory.
      if (dayEndsBy(day, cutoff)) this.#evict(day);
    }
    return removed;
  }

  /** Waits for every day's writes and releases their files; the archive can still be used after (days are opened again). */
  async close(): Promise<void> {
    await this.idle();
    for (const day of [...this.#open.keys()]) this.#evict(day);
    await this.idle();
  }

  /** Resolves when no day has a write running or waiting. */
  async idle(): Promise<void> {
    do {
      await Promise.all([...this.#loading.values()].map((loading) => loading.catch(() => undefined)));
      await Promise.all([...this.#open.values()].map((log) => log.idle()));
      await Promise.all(this.#draining.values());
    } while (this.#loading.size > 0 || this.#draining.size > 0);
  }

  /** The days that may hold entries, oldest first, among those `wanted`. */
  async #days(wanted: (day: string) => boolean): Promise<string[]> {
    // Taken before reading the directory: a day whose first write is still pending has no file yet.
    const inMemory = [...this.#open.keys(), ...this.#draining.keys()];
    const onDisk = await listDayFiles(this.#dir);
    return sortDays(new Set([...onDisk, ...inMemory])).filter(wanted);
  }

  // `use` runs in the same synchronous stretch as the lookup, so it always changes the one live copy.
  async #use<T>(day: string, use: (log: DayLog) => T): Promise<T> {
    for (;;) {
      const open = this.#open.get(day);
      if (open) {
        this.#open.delete(day);
        this.#open.set(day, open);
        return use(open);
      }
      let loading = this.#loading.get(day);
      if (!loading) {
        loading = this.#read(day)
          .then((loaded) => this.#keep(day, new DayLog(new DayLogFile(this.#dir, day, loaded.state), loaded.lists, loaded.rewrite)))
          .finally(() => this.#loading.delete(day));
        this.#loading.set(day, loading);
      }
      // Loaded, the day may still be dropped before this resumes; the loop then loads it again.
      await loading;
    }
  }

  #read(day: string): Promise<LoadedDay> {
    let reading = this.#reads.get(day);
    if (!reading) {
      reading = (async () => {
        await this.#draining.get(day);
        if (!this.#readOnly) return loadDayLog(this.#dir, day, this.#warn);
        return { lists: await this.#readReported(day), state: { exists: false, size: 0 }, rewrite: false };
      })().finally(() => this.#reads.delete(day));
      this.#reads.set(day, reading);
    }
    return reading;
  }

  async #readReported(day: string): Promise<RecordLists> {
    try {
      const read = await readDayLog(this.#dir, day);
      if (read.unreadable > 0) {
        const error = new UnreadableDayLinesError(read.file, read.unreadable);
        if (!this.#onUnreadable) throw error;
        this.#onUnreadable(read.file, error);
      }
      return read.lists;
    } catch (error) {
      const unreadable = error instanceof CorruptJsonFileError || error instanceof UnrecognisedStoreDataError;
      if (!unreadable || !this.#onUnreadable) throw error;
      this.#onUnreadable(await dayFileIn(this.#dir, day), error);
      return { logs: [], feedback: [] };
    }
  }

  #keep(day: string, log: DayLog): void {
    this.#open.set(day, log);
    for (const oldest of this.#open.keys()) {
      if (this.#open.size <= this.#daysInMemory) break;
      this.#evict(oldest);
    }
  }

  #evict(day: string): void {
    const log = this.#open.get(day);
    if (!log) return;
    this.#open.delete(day);
    // A failed write has already rejected the calls that waited on it; a failed close loses nothing.
    const drained: Promise<void> = log
      .close()
      .catch(() => undefined)
      .then(() => {
        if (this.#draining.get(day) === drained) this.#draining.delete(day);
      });
    this.#draining.set(day, drained);
  }

  #assertWritable(): void {
    if (this.#readOnly) throw new Error('this day log archive is read-only');
  }
}
