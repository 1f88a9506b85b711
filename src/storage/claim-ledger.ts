import { CoalescedFlush } from './coalesced-flush.js';
import type { Journal } from './journal-file.js';

/** Below this many lines a journal is never compacted: rewriting a small file saves nothing. */
export const MIN_LINES_TO_COMPACT = 4096;

/** One claim as a journal line: `["<webhookEventId>",<ms since epoch>]`. */
export function claimLine(id: string, at: number): string {
  return `${JSON.stringify([id, at])}\n`;
}

/** What reading a journal found. */
export interface JournalContents {
  /** id → latest claim time, expired claims left out. */
  claims: Map<string, number>;
  /** Lines in the file, readable or not. */
  lines: number;
  /** Lines that were not a claim (a torn last line after a crash, or damage). */
  unreadable: number;
}

/** Parses journal text; claims made at or before `expiredBy` are left out. */
export function parseJournal(text: string, expiredBy: number): JournalContents {
  const claims = new Map<string, number>();
  const lines = text.split('\n');
  // The text after the last newline is a line cut short by a crash (or nothing): never a claim,
  // since a cut `["id",1733` would still parse, as a wrong time.
  const torn = lines.pop() ?? '';
  let unreadable = torn === '' ? 0 : 1;
  let count = unreadable;
  for (const line of lines) {
    if (line === '') continue;
    count++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      unreadable++;
      continue;
    }
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'number' || !Number.isFinite(value[1])) {
      unreadable++;
      continue;
    }
    const [id, at] = value as [string, number];
    if (at > expiredBy && at > (claims.get(id) ?? Number.NEGATIVE_INFINITY)) claims.set(id, at);
  }
  return { claims, lines: count, unreadable };
}

/**
 * The webhook event ids claimed and when: what deduplication needs and nothing else. Claims live
 * in a Map (ids come from outside; as keys of a plain object `__proto__` would never be stored)
 * and are made durable by appending one short line per claim to a journal, coalesced per tick,
 * so a claim costs the same however many claims are kept. Expired claims leave the Map at once;
 * they leave the journal when it is compacted: rewritten with only the live claims once it holds
 * more than twice as many lines as there are live claims (and at least MIN_LINES_TO_COMPACT),
 * which keeps the rewrite's cost, spread over the appends that made it necessary, constant.
 */
export class ClaimLedger {
  readonly #journal: Journal;
  readonly #claims: Map<string, number>;
  readonly #flush: CoalescedFlush;
  #pending: string[] = [];
  #linesInJournal: number;
  #compactions = 0;
  // After a failed append the journal may end in half a line; the next write replaces it whole.
  #replaceNext = false;

  /** Claims already on the journal (`claims`, in `linesInJournal` lines), made durable through `journal` from now on. */
  constructor(journal: Journal, claims: Map<string, number> = new Map(), linesInJournal = claims.size) {
    this.#journal = journal;
    this.#claims = claims;
    this.#linesInJournal = linesInJournal;
    this.#flush = new CoalescedFlush(() => this.#write());
  }

  /** When `id` was claimed (ms since epoch), if it is still kept. */
  claimedAt(id: string): number | undefined {
    return this.#claims.get(id);
  }

  /** Records a claim now; resolves once a journal write containing it is durable. */
  add(id: string, at: number): Promise<void> {
    this.#claims.set(id, at);
    this.#pending.push(claimLine(id, at));
    return this.#flush.request();
  }

  /** Forgets a claim whose write failed, unless it has been claimed again since. */
  undo(id: string, at: number): void {
    if (this.#claims.get(id) === at) this.#claims.delete(id);
  }

  /** Forgets claims made at or before `cutoff` (ms since epoch). */
  expire(cutoff: number): void {
    for (const [id, at] of this.#claims) if (at <= cutoff) this.#claims.delete(id);
  }

  /** Claims kept. */
  get size(): number {
    return this.#claims.size;
  }

  /** Times the journal has been rewritten since opening (for tests and logs). */
  get compactions(): number {
    return this.#compactions;
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
    const lines = this.#pending;
    this.#pending = [];
    if (lines.length === 0) return;
    const after = this.#linesInJournal + lines.length;
    try {
      if (this.#replaceNext || (after >= MIN_LINES_TO_COMPACT && after > 2 * this.#claims.size)) {
        // The live claims include every pending one (undone claims are not pending any more).
        await this.#journal.replace([...this.#claims].map(([id, at]) => claimLine(id, at)).join(''));
        this.#linesInJournal = this.#claims.size;
        this.#compactions++;
        this.#replaceNext = false;
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
