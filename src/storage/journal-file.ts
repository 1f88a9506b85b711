import { open, readFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from './atomic-write-file.js';
import { syncDirectory } from './sync-directory.js';

/**
 * Where an append-only record goes to be durable. `append` adds lines after those already there;
 * `replace` swaps the whole journal for the given lines at once (compaction). Both resolve once
 * durable.
 */
export interface Journal {
  append(text: string): Promise<void>;
  replace(text: string): Promise<void>;
  /** Waits for pending writes and releases the file. */
  close(): Promise<void>;
}

/** A journal file's text; a journal not written yet is an empty one. */
export async function readJournalText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** A journal that keeps nothing: the memory store's. */
export const NO_JOURNAL: Journal = {
  append: async () => {},
  replace: async () => {},
  close: async () => {},
};

/**
 * A journal as a file (0o600): appends go through one handle opened for appending and are
 * fdatasync'ed before they resolve, so an append costs its own lines, never the file's size; a
 * replacement is written beside it, fsynced and renamed over it, so a crash leaves the old
 * journal or the new one. A crash during an append leaves at most a torn last line, which its
 * reader skips; after a failed append its owner replaces the journal rather than appending after
 * what may be half a line. One process owns the file.
 */
export class JournalFile implements Journal {
  readonly #file: string;
  readonly #tempFile: string;
  #handle: FileHandle | null = null;
  // Appends and replacements run one after another in call order.
  #queue: Promise<void> = Promise.resolve();

  /** The journal at `file`; its directory must exist. */
  constructor(file: string) {
    this.#file = path.resolve(file);
    this.#tempFile = path.join(path.dirname(this.#file), `.${path.basename(this.#file)}.tmp`);
  }

  /** Adds lines at the end; resolves once they are on disk. */
  append(text: string): Promise<void> {
    return this.#enqueue(async () => {
      if (!this.#handle) {
        this.#handle = await open(this.#file, 'a', 0o600);
        // A new file's directory entry must be durable too, or the appended lines vanish with it.
        await syncDirectory(path.dirname(this.#file));
      }
      await this.#handle.appendFile(text, 'utf8');
      await this.#handle.datasync();
    });
  }

  /** Replaces the whole journal with `text`; resolves once the replacement is durable. */
  replace(text: string): Promise<void> {
    return this.#enqueue(async () => {
      await this.#closeHandle();
      await writeFileAtomically(this.#file, text, { newFileMode: 0o600, tempFile: this.#tempFile });
    });
  }

  /** Waits for pending writes and closes the file. */
  close(): Promise<void> {
    return this.#enqueue(() => this.#closeHandle());
  }

  async #closeHandle(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    await handle?.close();
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
