import { open, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from './atomic-write-file.js';
import { dayFileName, legacyDayFileName } from './day-key.js';
import { isEmptyDayLog } from './day-log-data.js';
import { dayLogHeader, dayLogText } from './day-log-lines.js';
import type { RecordLists } from './record-archive.js';
import { ensureDirectory, syncDirectory } from './sync-directory.js';

/** Where a day's records go: appended line by line, or replaced whole. */
export interface DayLogWriter {
  /** Adds lines (each ending in a newline) at the end; resolves once they are on disk. */
  append(text: string): Promise<void>;
  /** Replaces the day with `lists` (deleting it when they are empty); resolves once that is durable. */
  replace(lists: RecordLists): Promise<void>;
  /** Releases the file (the next write opens it again). */
  close(): Promise<void>;
}

/** What is on disk for a day when its writer is made. */
export interface DayFileState {
  /** The `.jsonl` file exists with a complete header and only complete lines. */
  exists: boolean;
  /** Its size in bytes (0 when it does not exist). */
  size: number;
}

/**
 * One day's file in `dir`: `YYYY-MM-DD.jsonl`, 0o600 (it holds conversation logs). An append
 * writes the lines through a handle kept open for appending and fdatasyncs them, so its cost is
 * those lines, never the day's size (opening and closing the file for each append cost two more
 * trips to libuv's thread pool per message); the file's first append also writes the header and fsyncs the directory
 * once, or the new entry could vanish with its directory entry. A replacement (pruning,
 * converting a version-1 `.json`, after a failed append) is written beside the file, fsynced
 * and renamed over it, and removes a version-1 `.json` of the day; a day left empty has its
 * files deleted instead. The directory is created on the first write, so opening a store creates
 * nothing. One process owns the file, and its caller runs one write at a time.
 */
export class DayLogFile implements DayLogWriter {
  readonly #dir: string;
  readonly #file: string;
  readonly #legacyFile: string;
  readonly #tempFile: string;
  #exists: boolean;
  // Bytes known to be durable: a failed append is cut back to this, so what its callers were
  // told had failed does not come back as stored after a restart.
  #size: number;
  #directoryReady = false;
  #handle: FileHandle | null = null;

  /** The writer for `day` in `dir`, given what its loader found there. */
  constructor(dir: string, day: string, state: DayFileState = { exists: false, size: 0 }) {
    this.#dir = path.resolve(dir);
    this.#file = path.join(this.#dir, dayFileName(day));
    this.#legacyFile = path.join(this.#dir, legacyDayFileName(day));
    this.#tempFile = path.join(this.#dir, `.${dayFileName(day)}.tmp`);
    this.#exists = state.exists;
    this.#size = state.size;
  }

  /** What is on disk now, as far as this writer knows. */
  get state(): DayFileState {
    return { exists: this.#exists, size: this.#size };
  }

  /** Adds lines at the end (after the header, for a new file); resolves once they are on disk. */
  async append(text: string): Promise<void> {
    const created = !this.#exists;
    if (created) await this.#ensureDirectory();
    const written = created ? dayLogHeader() + text : text;
    // 0o600 applies only when the append creates the file.
    this.#handle ??= await open(this.#file, 'a', 0o600);
    const handle = this.#handle;
    try {
      await handle.appendFile(written, 'utf8');
      await handle.datasync();
    } catch (error) {
      await handle
        .truncate(this.#size)
        .then(() => handle.datasync())
        .catch(() => undefined);
      // Opened afresh next time: whatever went wrong may have been the handle's.
      await this.close().catch(() => undefined);
      throw error;
    }
    if (created) await syncDirectory(this.#dir);
    this.#exists = true;
    this.#size += Buffer.byteLength(written, 'utf8');
  }

  /** Releases the append handle, if one is open. */
  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    await handle?.close();
  }

  /** Replaces the day with `lists`, or deletes its files when they are empty; resolves once durable. */
  async replace(lists: RecordLists): Promise<void> {
    // The handle would go on appending to the file being replaced or deleted.
    await this.close();
    if (isEmptyDayLog(lists)) {
      this.#exists = false;
      this.#size = 0;
      const removed = [await removeFile(this.#file), await removeFile(this.#legacyFile)].includes(true);
      // Pruned records are personal data: their removal must not come back after a power cut.
      if (removed) await syncDirectory(this.#dir);
      return;
    }
    // Serialised before any wait: the caller goes on adding entries while this runs.
    const text = dayLogText(lists);
    await this.#ensureDirectory();
    await writeFileAtomically(this.#file, text, { newFileMode: 0o600, tempFile: this.#tempFile });
    this.#exists = true;
    this.#size = Buffer.byteLength(text, 'utf8');
    // Only now, with every entry in the new file: a crash before this leaves both, and the `.jsonl` wins.
    if (await removeFile(this.#legacyFile)) await syncDirectory(this.#dir);
  }

  async #ensureDirectory(): Promise<void> {
    if (this.#directoryReady) return;
    await ensureDirectory(this.#dir);
    this.#directoryReady = true;
  }
}

/** Removes `file`; false when there was none (nor its directory). */
export async function removeFile(file: string): Promise<boolean> {
  try {
    await unlink(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
