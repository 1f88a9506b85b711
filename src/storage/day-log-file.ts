import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { AtomicJsonFile, CorruptJsonFileError } from './atomic-json-file.js';
import { isEmptyDayLog, parseDayLogData } from './day-log-data.js';
import type { DayLogData } from './day-log-data.js';
import { quarantineFile } from './quarantine-file.js';
import { UnrecognisedStoreDataError } from './store-data.js';
import { ensureDirectory, syncDirectory } from './sync-directory.js';

/**
 * A lowdb adapter for one day's file. Writes go through AtomicJsonFile (never torn); a day left
 * empty is deleted instead of written, so pruning removes whole files. The directory is created
 * on the first write, so opening a store creates nothing.
 */
export class DayLogFile implements Adapter<DayLogData> {
  readonly #file: string;
  readonly #json: AtomicJsonFile<DayLogData>;
  #directoryReady = false;

  /** Adapter for the day document at `file`. */
  constructor(file: string) {
    this.#file = path.resolve(file);
    this.#json = new AtomicJsonFile<DayLogData>(this.#file);
  }

  /** The raw parsed file, or null when it does not exist; CorruptJsonFileError when it is not JSON. */
  read(): Promise<DayLogData | null> {
    return this.#json.read();
  }

  /** Resolves once `data` is on disk, or the file is gone when `data` is empty. */
  async write(data: DayLogData): Promise<void> {
    const dir = path.dirname(this.#file);
    if (isEmptyDayLog(data)) {
      await rm(this.#file, { force: true });
      // Pruned records are personal data: their removal must not come back after a power cut.
      await syncDirectory(dir);
      return;
    }
    if (!this.#directoryReady) {
      await ensureDirectory(dir);
      this.#directoryReady = true;
    }
    await this.#json.write(data);
  }
}

/** The day document at `file`, checked, or null when there is none; throws when it is unreadable. */
export async function readDayLogFile(file: string): Promise<DayLogData | null> {
  const raw: unknown = await new DayLogFile(file).read();
  return raw === null ? null : parseDayLogData(raw);
}

/**
 * The day document at `file`, or null when there is none. An unreadable one is moved aside with a
 * warning and read as missing, never overwritten; a newer version is refused (it throws).
 */
export async function loadDayLogFile(file: string, warn: (message: string) => void): Promise<DayLogData | null> {
  try {
    return await readDayLogFile(file);
  } catch (error) {
    if (!(error instanceof CorruptJsonFileError || error instanceof UnrecognisedStoreDataError)) throw error;
    const aside = await quarantineFile(file);
    warn(`storage: ${error.message} (${file}); moved it to ${aside} and started that day empty`);
    return null;
  }
}
