import type { Low } from 'lowdb';
import { CoalescedFlush } from './coalesced-flush.js';
import type { DayLogData } from './day-log-data.js';
import { keepFrom } from './record-archive.js';
import type { RecordKind, RecordLists, RecordOf } from './record-archive.js';

/**
 * One day's document in memory. Changes are applied synchronously and written through a
 * coalesced flush, so each call's promise settles only after a write that contains its change,
 * and a burst of entries in one tick costs one write of this day alone.
 */
export class DayLog {
  readonly #db: Low<DayLogData>;
  readonly #flush: CoalescedFlush;
  // The event ids recorded per kind, built on first use: a taken-over event must not be logged twice.
  readonly #eventIds = new Map<RecordKind, Set<string>>();

  /** Wraps a Low whose `data` has already been read and checked. */
  constructor(db: Low<DayLogData>) {
    this.#db = db;
    this.#flush = new CoalescedFlush(() => db.write());
  }

  /** The stored lists themselves: read them, do not change them. */
  get lists(): RecordLists {
    return this.#db.data;
  }

  /**
   * Adds an entry; resolves once a write containing it is done. An entry for an event already
   * recorded is not added again. When the write fails the entry is taken out again, so a later
   * write of the day never stores, as if it had succeeded, what its caller was told had failed.
   */
  append<K extends RecordKind>(kind: K, entry: RecordOf[K]): Promise<void> {
    const eventIds = this.#eventIdsOf(kind);
    if (entry.eventId !== undefined && eventIds.has(entry.eventId)) return this.#flush.request();
    (this.lists[kind] as RecordOf[K][]).push(entry);
    if (entry.eventId !== undefined) eventIds.add(entry.eventId);
    const written = this.#flush.request();
    // Registered now, so it runs before the next write starts (that one begins after this settles).
    written.catch(() => {
      const list = this.lists[kind] as RecordOf[K][];
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
      for (const entry of this.lists[kind]) if (entry.eventId !== undefined) ids.add(entry.eventId);
      this.#eventIds.set(kind, ids);
    }
    return ids;
  }

  /** Removes entries of one kind before `cutoffMs` now; `written` settles once that is on disk. */
  prune(kind: RecordKind, cutoffMs: number): { removed: number; written: Promise<void> } {
    const data = this.#db.data;
    let removed: number;
    if (kind === 'logs') {
      const result = keepFrom(data.logs, cutoffMs);
      data.logs = result.kept;
      removed = result.removed;
    } else {
      const result = keepFrom(data.feedback, cutoffMs);
      data.feedback = result.kept;
      removed = result.removed;
    }
    if (removed > 0) this.#eventIds.delete(kind);
    return { removed, written: removed === 0 ? Promise.resolve() : this.#flush.request() };
  }

  /** Resolves when no write is running or waiting. */
  idle(): Promise<void> {
    return this.#flush.idle();
  }
}
