import type { ClaimLedger } from './claim-ledger.js';
import type { Journal } from './journal-file.js';
import { JournalWriter } from './journal-writer.js';
import { parseJsonLines } from './json-lines.js';

/** The inbox journal's name beside the main data file. */
export const INBOX_JOURNAL_FILE_NAME = 'dx-navi-inbox.jsonl';

/** One stored event, until it has been handled. */
export interface InboxRecord {
  receivedAt: string;
  event: unknown;
}

/** What the inbox holds: events acknowledged and not yet handled, and handled events whose claims have not been folded yet. */
export interface InboxContents {
  /** webhookEventId → the event, in the order received. */
  pending: Map<string, InboxRecord>;
  /** webhookEventId → claim time (ms since epoch) of events handled since the last fold. */
  finished: Map<string, number>;
}

/** What reading a journal found. */
export interface InboxJournalContents extends InboxContents {
  /** Lines in the text, readable or not. */
  lines: number;
  /** Complete lines that were not an inbox line (damage). */
  unreadable: number;
  /**
   * The text ended in part of a line: an append cut short by a power cut. Never an event that
   * was acknowledged, since an append resolves only once it is on disk whole.
   */
  torn: boolean;
}

/** An accepted event as a journal line: `["a","<id>","<receivedAt>",<event>]`. */
export function acceptedLine(id: string, record: InboxRecord): string {
  return `${JSON.stringify(['a', id, record.receivedAt, record.event])}\n`;
}

/** A handled event as a journal line: `["f","<id>",<claim time, ms>]`. */
export function finishedLine(id: string, at: number): string {
  return `${JSON.stringify(['f', id, at])}\n`;
}

/** An empty inbox. */
export function emptyInboxContents(): InboxContents {
  return { pending: new Map(), finished: new Map() };
}

/** Replays journal text: an accept adds a pending event, a finish moves it to the finished ones. */
export function parseInboxJournal(text: string): InboxJournalContents {
  const { pending, finished } = emptyInboxContents();
  const { values, torn } = parseJsonLines(text);
  let unreadable = 0;
  for (const value of values) {
    if (!Array.isArray(value) || typeof value[1] !== 'string') {
      unreadable++;
      continue;
    }
    const id = value[1];
    if (value[0] === 'a' && value.length === 4 && typeof value[2] === 'string') {
      if (!finished.has(id)) pending.set(id, { receivedAt: value[2], event: value[3] });
    } else if (value[0] === 'f' && value.length === 3 && typeof value[2] === 'number' && Number.isFinite(value[2])) {
      pending.delete(id);
      finished.set(id, value[2]);
    } else {
      unreadable++;
    }
  }
  return { pending, finished, lines: values.length + (torn ? 1 : 0), unreadable, torn };
}

/** The whole inbox as journal text: what a compaction writes. */
export function inboxJournalText(contents: InboxContents): string {
  const lines: string[] = [];
  for (const [id, at] of contents.finished) lines.push(finishedLine(id, at));
  for (const [id, record] of contents.pending) lines.push(acceptedLine(id, record));
  return lines.join('');
}

/**
 * The durable inbox of one process's store: webhook events acknowledged to LINE but not yet
 * handled, kept in memory and made durable by appending one line per accepted or finished event
 * to a journal, coalesced per turn and fdatasync'ed, so acknowledging a request costs its own
 * events, never a rewrite of the inbox (as rewriting one JSON document per request did: the
 * largest cost of a process's time per event). Finished events keep their claim here until
 * `foldInto` has moved it to the claim ledger; the journal is then replaced with what is still
 * pending, which keeps it small. A write that failed leaves the journal replaced whole on the
 * next write, so half a line is never followed by more.
 */
export class InboxJournal {
  readonly #pending: Map<string, InboxRecord>;
  readonly #finished: Map<string, number>;
  readonly #writer: JournalWriter;

  /** The inbox `contents` (already in `journal`), made durable through `journal` from now on. */
  constructor(journal: Journal, contents: InboxContents = emptyInboxContents()) {
    this.#pending = contents.pending;
    this.#finished = contents.finished;
    this.#writer = new JournalWriter(journal, { replacement: () => inboxJournalText({ pending: this.#pending, finished: this.#finished }) });
  }
  /** Whether the inbox holds this event, pending or finished. */
  has(id: string): boolean {
    return this.#pending.has(id) || this.#finished.has(id);
  }

  /** The pending events in the order received. */
  pending(): IterableIterator<[string, InboxRecord]> {
    return this.#pending.entries();
  }

  /** Handled events whose claims are still kept here. */
  get finishedCount(): number {
    return this.#finished.size;
  }

  /** Adds an event; durable once `write()` resolves. */
  accept(id: string, record: InboxRecord): void {
    this.#pending.set(id, record);
    this.#writer.add(acceptedLine(id, record));
  }

  /** Takes back accepts whose write failed: the next write replaces the journal without them. */
  unaccept(ids: Iterable<string>): void {
    for (const id of ids) this.#pending.delete(id);
    this.#writer.replaceNext();
  }

  /**
   * Marks a pending event handled; false when it is not pending. Its claim counts from when it
   * was received (`now` if that is unreadable), as a claim made on arrival would. Durable once
   * `write()` resolves.
   */
  finish(id: string, now: number): boolean {
    const record = this.#pending.get(id);
    if (!record) return false;
    this.#pending.delete(id);
    const at = Date.parse(record.receivedAt) || now;
    this.#finished.set(id, at);
    this.#writer.add(finishedLine(id, at));
    return true;
  }

  /** Resolves once a write containing every change made so far is durable. */
  write(): Promise<void> {
    return this.#writer.write();
  }

  /**
   * Moves the claims of finished events to `claims` (durably), then replaces the journal with
   * what is still pending. A crash in between leaves a claim in both, never in neither.
   */
  async foldInto(claims: ClaimLedger): Promise<void> {
    const moving = [...this.#finished];
    if (moving.length === 0) return;
    await Promise.all(moving.map(([id, at]) => claims.add(id, at)));
    for (const [id, at] of moving) if (this.#finished.get(id) === at) this.#finished.delete(id);
    this.#writer.replaceNext();
    await this.#writer.write();
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
