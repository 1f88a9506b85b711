import { inPeriod, keepFrom } from './record-archive.js';
import type { RecordArchive, RecordKind, RecordLists, RecordOf } from './record-archive.js';
import type { Period } from './store.js';

/** Logs and feedback held in two lists in memory, in the order appended. */
export class MemoryRecords implements RecordArchive {
  readonly #lists: RecordLists;

  /** Starts from the given lists (taken, not copied), or empty. */
  constructor(lists: RecordLists = { logs: [], feedback: [] }) {
    this.#lists = lists;
  }

  /** Adds the entry at the end of its list, unless its event is already recorded. */
  async append<K extends RecordKind>(kind: K, entry: RecordOf[K]): Promise<void> {
    const list = this.#lists[kind] as RecordOf[K][];
    if (entry.eventId !== undefined && list.some((stored) => stored.eventId === entry.eventId)) return;
    list.push(entry);
  }

  /** Entries of one kind in the period, in the order appended. */
  async list<K extends RecordKind>(kind: K, period: Period): Promise<RecordOf[K][]> {
    return (this.#lists[kind] as RecordOf[K][]).filter((entry) => inPeriod(entry.at, period));
  }

  /** Removes entries of one kind stamped before `olderThan` and says how many went. */
  async prune(kind: RecordKind, olderThan: Date): Promise<number> {
    if (kind === 'logs') {
      const { kept, removed } = keepFrom(this.#lists.logs, olderThan.getTime());
      this.#lists.logs = kept;
      return removed;
    }
    const { kept, removed } = keepFrom(this.#lists.feedback, olderThan.getTime());
    this.#lists.feedback = kept;
    return removed;
  }

  /** Nothing is ever pending. */
  async idle(): Promise<void> {}

  /** Nothing is held open. */
  async close(): Promise<void> {}
}
