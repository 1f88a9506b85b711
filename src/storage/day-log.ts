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

  /** Wraps a Low whose `data` has already been read and checked. */
  constructor(db: Low<DayLogData>) {
    this.#db = db;
    this.#flush = new CoalescedFlush(() => db.write());
  }

  /** The stored lists themselves: read them, do not change them. */
  get lists(): RecordLists {
    return this.#db.data;
  }

  /** Adds an entry; resolves once a write containing it is done. */
  append<K extends RecordKind>(kind: K, entry: RecordOf[K]): Promise<void> {
    (this.lists[kind] as RecordOf[K][]).push(entry);
    return this.#flush.request();
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
    return { removed, written: removed === 0 ? Promise.resolve() : this.#flush.request() };
  }

  /** Resolves when no write is running or waiting. */
  idle(): Promise<void> {
    return this.#flush.idle();
  }
}
