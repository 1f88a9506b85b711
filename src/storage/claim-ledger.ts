import type { Journal } from './journal-file.js';
import { JournalWriter } from './journal-writer.js';
import { parseJsonLines } from './json-lines.js';

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
  const { values, torn } = parseJsonLines(text);
  let unreadable = torn ? 1 : 0;
  for (const value of values) {
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'number' || !Number.isFinite(value[1])) {
      unreadable++;
      continue;
    }
    const [id, at] = value as [string, number];
    if (at > expiredBy && at > (claims.get(id) ?? Number.NEGATIVE_INFINITY)) claims.set(id, at);
  }
  return { claims, lines: values.length + (torn ? 1 : 0), unreadable };
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
  readonly #claims: Map<string, number>;
  readonly #writer: JournalWriter;

  /** Claims already on the journal (`claims`, in `linesInJournal` lines), made durable through `journal` from now on. */
  constructor(journal: Journal, claims: Map<string, number> = new Map(), linesInJournal = claims.size) {
    this.#claims = claims;
    this.#writer = new JournalWriter(journal, {
      linesInJournal,
      // The live claims include every waiting one (undone claims are not waiting any more).
      replacement: () => [...this.#claims].map(([id, at]) => claimLine(id, at)).join(''),
      compactAt: (lines) => lines >= MIN_LINES_TO_COMPACT && lines > 2 * this.#claims.size,
    });
  }

  /** When `id` was claimed (ms since epoch), if it is still kept. */
  claimedAt(id: string): number | undefined {
    return this.#claims.get(id);
  }

  /** Records a claim now; resolves once a journal write containing it is durable. */
  add(id: string, at: number): Promise<void> {
    this.#claims.set(id, at);
    this.#writer.add(claimLine(id, at));
    return this.#writer.write();
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
    return this.#writer.replacements;
  }

  /** Resolves when no write is running or waiting. */
  idle(): Promise<void> {
    return this.#writer.idle();
  }

  /** Waits for pending writes, then closes the journal. */
  close(): Promise<void> {
    return this.#writer.close();
  }
}
