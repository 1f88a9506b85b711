import { CoalescedFlush } from './coalesced-flush.js';
import type { Journal } from './journal-file.js';

/** How a JournalWriter's owner rewrites its journal. */
export interface JournalWriterOptions {
  /** The whole journal as it should be now, from the owner's state in memory (which already holds every line waiting). */
  replacement: () => string;
  /** Whether to write the replacement instead of appending, given how many lines the journal would hold after the append. */
  compactAt?: (linesAfterAppend: number) => boolean;
  /** Lines already in the journal. */
  linesInJournal?: number;
}

/**
 * Lines on their way to a journal: those added in one turn are appended together through a
 * coalesced flush, and each `write()` resolves once a write containing every line added before
 * it is durable. Instead of appending, the whole journal is replaced with the owner's state
 * when the owner asks (`replaceNext`, `compactAt`) and after a failed write, whose append may
 * have left half a line that nothing must follow. Shared by the claim ledger and the inbox.
 */
export class JournalWriter {
  readonly #journal: Journal;
  readonly #options: JournalWriterOptions;
  readonly #flush: CoalescedFlush;
  #lines: string[] = [];
  #linesInJournal: number;
  #replaceNext = false;
  #replacements = 0;

  /** A writer to `journal`. */
  constructor(journal: Journal, options: JournalWriterOptions) {
    this.#journal = journal;
    this.#options = options;
    this.#linesInJournal = options.linesInJournal ?? 0;
    this.#flush = new CoalescedFlush(() => this.#write());
  }

  /** Queues a line (ending in a newline) for the next write. */
  add(line: string): void {
    this.#lines.push(line);
  }

  /** Makes the next write a replacement. */
  replaceNext(): void {
    this.#replaceNext = true;
  }

  /** Resolves once a write containing every line added so far (or the state they describe) is durable. */
  write(): Promise<void> {
    return this.#flush.request();
  }

  /** Times the journal has been replaced since opening. */
  get replacements(): number {
    return this.#replacements;
  }

  /** Resolves when no write is running or waiting. */
  idle(): Promise<void> {
    return this.#flush.idle();
  }

  /** Waits for pending writes, then closes the journal. */
  async close(): Promise<void> {
    await this.#flush.idle();
    await this.#journal.close();
  }

  async #write(): Promise<void> {
    const lines = this.#lines;
    this.#lines = [];
    const after = this.#linesInJournal + lines.length;
    const replacing = this.#replaceNext || (lines.length > 0 && (this.#options.compactAt?.(after) ?? false));
    if (!replacing && lines.length === 0) return;
    this.#replaceNext = false;
    try {
      if (replacing) {
        const text = this.#options.replacement();
        await this.#journal.replace(text);
        this.#linesInJournal = countLines(text);
        this.#replacements++;
      } else {
        await this.#journal.append(lines.join(''));
        this.#linesInJournal = after;
      }
    } catch (error) {
      // Whether any of the lines landed is unknown; counting them all errs towards compacting early.
      this.#linesInJournal = after;
      this.#replaceNext = true;
      throw error;
    }
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}
