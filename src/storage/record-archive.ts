import type { FeedbackEntry, LogEntry, Period } from './store.js';

/** The two kinds of dated records a store keeps apart from its main document. */
export type RecordKind = 'logs' | 'feedback';

/** The entry type of each kind. */
export interface RecordOf {
  logs: LogEntry;
  feedback: FeedbackEntry;
}

/** One list per kind. */
export type RecordLists = { [K in RecordKind]: RecordOf[K][] };

/**
 * Where a store keeps its logs and feedback. Entries go in and come out as the very objects
 * stored, so the store copies them on both sides; times have been checked to parse.
 */
export interface RecordArchive {
  /** Resolves once the entry is as durable as the archive makes it. */
  append<K extends RecordKind>(kind: K, entry: RecordOf[K]): Promise<void>;
  /** Entries of one kind whose time falls in the period, oldest first. */
  list<K extends RecordKind>(kind: K, period: Period): Promise<RecordOf[K][]>;
  /** Removes entries of one kind stamped before `olderThan`; resolves with how many, once durable. */
  prune(kind: RecordKind, olderThan: Date): Promise<number>;
  /** Resolves when no write is pending. */
  idle(): Promise<void>;
  /** Waits for pending writes and releases open files. */
  close(): Promise<void>;
}

/** True when the time falls in the period (`from` inclusive, `to` exclusive). */
export function inPeriod(at: string, { from, to }: Period): boolean {
  const time = Date.parse(at);
  return (from === undefined || time >= from.getTime()) && (to === undefined || time < to.getTime());
}

/** The entries stamped at or after `cutoffMs`, and how many were not. */
export function keepFrom<T extends { at: string }>(entries: T[], cutoffMs: number): { kept: T[]; removed: number } {
  const kept = entries.filter((entry) => !(Date.parse(entry.at) < cutoffMs));
  return { kept, removed: entries.length - kept.length };
}
