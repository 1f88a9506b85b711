import { CoalescedFlush } from './coalesced-flush.js';
import type { DayLogWriter } from './day-log-file.js';
import { dayLogLine } from './day-log-lines.js';
import { keepFrom } from './record-archive.js';
import type { RecordKind, RecordLists, RecordOf } from './record-archive.js';

/**
 * One day's records in memory. Changes are applied synchronously and written through a
 * coalesced flush, so each call's promise settles only after a write that contains its change,
 * and a burst of entries in one tick costs one append (one write and one fdatasync) of just their
 * lines. Only what appends cannot express replaces the file whole: pruning, converting a
 * version-1 day, and recovering from a failed write, whose file may hold part of it.
 */
export class DayLog {
  readonly #writer: DayLogWriter;
  readonly #lists: RecordLists;
  readonly #flush: CoalescedFlush;
  // Lines of entries added since the last write started, in the order added.
  #pending: string[] = [];
  // The next write replaces the file with the lists in memory instead of appending.
  #rewrite: boolean;
  // The event ids recorded per kind, built on first use: a taken-over event must not be logged twice.
  readonly #eventIds = new Map<RecordKind, Set<string>>();

  /** The day holding `lists`, already read and checked; with `rewrite`, its next write replaces the file whole. */
  constructor(writer: DayLogWriter, lists: RecordLists, rewrite = false) {
    this.#writer = writer;
    this.#lists = lists;
    this.#rewrite = rewrite;
    this.#flush = new CoalescedFlush(() => this.#write());
  }

  /** The stored lists themselves: read them, do not change them. */
  get lists(): RecordLists {
    return this.#lists;
  }

  /**
   * Adds an entry; resolves once a write containing it is done. An entry for an event already
   * recorded is not added again. When the write fails the entry is taken out again, so a later
   * write of the day never stores, as if it had succeeded, what its caller was told had failed.
   */
  append<K extends RecordKind>(kind: K, entry: RecordOf[K]): Promise<void> {
    const eventIds = this.#eventIdsOf(kind);
    if (entry.eventId !== undefined && eventIds.has(entry.eventId)) return this.#flush.request();
    (this.#lists[kind] as RecordOf[K][]).push(entry);
    if (entry.eventId !== undefined) eventIds.add(entry.eventId);
    // Serialised now, like the whole document was: the caller's object may change after this returns.
    this.#pending.push(dayLogLine(kind, entry));
    const written = this.#flush.request();
    // Registered now, so it runs before the next write starts (that one begins after this settles).
    written.catch(() => {
      const list = this.#lists[kind] as RecordOf[K][];
      const index = list.lastIndexOf(entry);
      if (index >= 0) list.splice(index, 1);
      if (entry.eventId !== undefined) eventIds.delete(entry.eventId);
    });
    return written;
  }

  #eventIdsOf(kind: RecordKind): Set<string> {
    let ids = this.#eventIds.get(kind);
    if (!ids) {
      ids = new Set();
      for (const entry of this.#lists[kind]) if (entry.eventId !== undefined) ids.add(entry.eventId);
      this.#eventIds.set(kind, ids);
    }
    return ids;
  }

  /** Removes entries of one kind before `cutoffMs` now; `written` settles once that is on disk. */
  prune(kind: RecordKind, cutoffMs: number): { removed: number; written: Promise<void> } {
    let removed: number;
    if (kind === 'logs') {
      const result = keepFrom(this.#lists.logs, cutoffMs);
      this.#lists.logs = result.kept;
      removed = result.removed;
    } else {
      const result = keepFrom(this.#lists.feedback, cutoffMs);
      this.#lists.feedback = result.kept;
      removed = result.removed;
    }
    if (removed === 0) return { removed, written: Promise.resolve() };
    this.#eventIds.delete(kind);
    this.#rewrite = true;
    return { removed, written: this.#flush.request() };
  }

  /** Resolves when no write is running or waiting. */
  idle(): Promise<void> {
    return this.#flush.idle();
  }

  /** Waits for pending writes, then releases the day's file. */
  async close(): Promise<void> {
    await this.#flush.idle();
    await this.#writer.close();
  }

  async #write(): Promise<void> {
    // Taken before the first wait: whatever is added while this runs goes into the next write.
    const lines = this.#pending;
    this.#pending = [];
    if (this.#rewrite) {
      // Cleared first, so a prune made while this runs still gets a replacement of its own.
      this.#rewrite = false;
      try {
        await this.#writer.replace(this.#lists);
      } catch (error) {
        this.#rewrite = true;
        throw error;
      }
      return;
    }
    if (lines.length === 0) return;
    try {
      await this.#writer.append(lines.join(''));
    } catch (error) {
      // The file may hold part of these lines: the next write replaces it with what memory keeps.
      this.#rewrite = true;
      throw error;
    }
  }
}
