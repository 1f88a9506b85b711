import { open, readFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ClaimLedger, claimLine, parseJournal } from './claim-ledger.js';
import type { ClaimJournal } from './claim-ledger.js';
import { writeFileAtomically } from './atomic-write-file.js';
import { syncDirectory } from './sync-directory.js';

/** The claim journal's name beside the main data file. */
export const CLAIM_JOURNAL_FILE_NAME = 'dx-navi-claims.jsonl';

/**
 * The claim journal as a file: appends go through one handle opened for appending and are
 * fdatasync'ed before they resolve; a replacement is written beside it, fsynced and renamed over
 * it, so a crash leaves the old journal or the new one. A crash during an append leaves at most
 * a torn last line, which reading skips. One process owns the file.
 */
export class ClaimJournalFile implements ClaimJournal {
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
        // 0o600: claim ids are not personal data, but nobody else needs to read them either.
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

/** What opening the journal did, for the store's warning. */
export interface OpenedClaims {
  ledger: ClaimLedger;
  journal: ClaimJournalFile;
  /** Lines skipped as unreadable (a torn last line after a crash, or damage); the journal was rewritten without them. */
  unreadable: number;
}

/**
 * Reads the journal at `file` (none yet is an empty one), leaving out claims made at or before
 * `expiredBy`, and returns the ledger that goes on appending to it. A journal with unreadable
 * lines is rewritten at once with what was read, so the next append starts on a clean line.
 * `imported` (claims from an older main file) are merged in and written the same way.
 */
export async function openClaimJournal(file: string, expiredBy: number, imported: ReadonlyMap<string, number> = new Map()): Promise<OpenedClaims> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { claims, lines, unreadable } = parseJournal(text, expiredBy);
  let merged = 0;
  for (const [id, at] of imported) {
    if (at > expiredBy && at > (claims.get(id) ?? Number.NEGATIVE_INFINITY)) {
      claims.set(id, at);
      merged++;
    }
  }
  const journal = new ClaimJournalFile(file);
  const ledger = new ClaimLedger(journal, claims, lines);
  if (unreadable > 0 || merged > 0) {
    await journal.replace([...claims].map(([id, at]) => claimLine(id, at)).join(''));
    return { ledger: new ClaimLedger(journal, claims, claims.size), journal, unreadable };
  }
  return { ledger, journal, unreadable };
}
