import { link, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { syncDirectory } from './sync-directory.js';

/** The file exists but does not hold valid JSON. */
export class CorruptJsonFileError extends Error {
  /** Keeps the path and the parser's complaint. */
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`${file} is not valid JSON`, { cause });
    this.name = 'CorruptJsonFileError';
  }
}

/**
 * A lowdb adapter that replaces the file atomically and durably: write a temp file beside it,
 * fsync it, rename it over the target, fsync the directory. A crash at any moment leaves either
 * the old or the new document, never a torn one. One process owns a file: the temp name is fixed
 * so a temp orphaned by a crash is reused instead of piling up.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  readonly #file: string;
  readonly #tempFile: string;
  readonly #previousFile: string | null;
  // Writes run one after another in call order, so an older document never lands last.
  #queue: Promise<void> = Promise.resolve();

  /**
   * Adapter for the JSON file at `file`; its directory must exist. With `keepPrevious`, each
   * write first keeps the document it replaces as `previousCopyOf(file)` (a hard link: no copy
   * of the data), a last good copy to recover from if the file is ever damaged.
   */
  constructor(file: string, options: { keepPrevious?: boolean } = {}) {
    this.#file = path.resolve(file);
    this.#tempFile = path.join(path.dirname(this.#file), `.${path.basename(this.#file)}.tmp`);
    this.#previousFile = options.keepPrevious ? previousCopyOf(this.#file) : null;
  }

  /** The parsed document, or null when the file does not exist; CorruptJsonFileError when it is not JSON. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new CorruptJsonFileError(this.#file, error);
    }
  }

  /** Resolves once `data` is on disk under the file's name. */
  write(data: T): Promise<void> {
    // Serialise now: the caller may go on changing `data` while earlier writes finish.
    const text = JSON.stringify(data) + '\n';
    const written = this.#queue.then(() => this.#replace(text));
    this.#queue = written.catch(() => undefined);
    return written;
  }

  async #replace(text: string): Promise<void> {
    try {
      // 0o600: the documents hold conversation logs, which are nobody else's business.
      const handle = await open(this.#tempFile, 'w', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (this.#previousFile) await this.#keepPrevious(this.#previousFile);
      await rename(this.#tempFile, this.#file);
    } catch (error) {
      await rm(this.#tempFile, { force: true });
      throw error;
    }
    // Without this the rename itself may be lost on power failure, leaving the previous document.
    await syncDirectory(path.dirname(this.#file));
  }

  // Link, then rename over the old copy: the previous copy is replaced atomically too.
  async #keepPrevious(previous: string): Promise<void> {
    const linkTemp = `${previous}.tmp`;
    await rm(linkTemp, { force: true });
    try {
      await link(this.#file, linkTemp);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // nothing written yet
      throw error;
    }
    await rename(linkTemp, previous);
  }
}

/** Where a file written with `keepPrevious` keeps the document before the last write. */
export function previousCopyOf(file: string): string {
  return `${path.resolve(file)}.prev`;
}
