/*
 * Version 1 kept every log entry and piece of feedback in the main document. Migration is
 * crash-safe and idempotent by its order:
 *
 * 1. Each day's file is written (atomically, fsynced) holding that day's version-1 entries, first
 *    and in their order. A file already there for that day (a `.jsonl`, or the `.json` day
 *    document of an earlier version) is read, and the entries in it that are copies of version-1
 *    entries (one for one) are dropped before the rest are kept after them: a file left by an
 *    interrupted run is replaced, not appended to, yet nothing else that file held is lost. An
 *    unreadable one is moved aside, as everywhere; a `.json` day document is removed once its
 *    entries are in the `.jsonl`.
 * 2. Only then does the caller (openLowdbStore) put the claims into the claim journal and
 *    rewrite the main document at the current version, without logs, feedback and claims: the
 *    commit point.
 *
 * Until step 2 lands the main file is still version 1, so the next open redoes everything from
 * it; once it lands, every entry is in a day file. No entry is lost or stored twice. The store
 * opens for business only after migrating, so no new entry is written while the file is version 1.
 */
import { dayOf, sortDays } from './day-key.js';
import { DayLogFile } from './day-log-file.js';
import { loadDayLog } from './day-log-load.js';
import type { RecordLists } from './record-archive.js';
import type { StoreDataV1 } from './store-data.js';

// Compares entries as this program writes them: JSON keeps the key order of the object written.
const sameEntry = (entry: object): string => JSON.stringify(entry);

/** `existing` without one occurrence of each entry in `migrated`: what a day file held besides the migrated entries. */
function withoutMigrated<T extends object>(existing: T[], migrated: T[]): T[] {
  const pending = new Map<string, number>();
  for (const entry of migrated) pending.set(sameEntry(entry), (pending.get(sameEntry(entry)) ?? 0) + 1);
  return existing.filter((entry) => {
    const left = pending.get(sameEntry(entry)) ?? 0;
    if (left === 0) return true;
    pending.set(sameEntry(entry), left - 1);
    return false;
  });
}

/** Moves a version-1 document's logs and feedback into day files in `logDir`; the caller then rewrites the main document. */
export async function migrateV1(legacy: StoreDataV1, logDir: string, warn: (message: string) => void): Promise<void> {
  const days = new Map<string, RecordLists>();
  let undated = 0;
  const sort = <K extends keyof RecordLists>(kind: K, entries: RecordLists[K]): void => {
    for (const entry of entries) {
      // Such an entry could never be listed or pruned by period; version 1 refused to store them anyway.
      if (Number.isNaN(Date.parse(entry.at))) {
        undated++;
        continue;
      }
      const day = dayOf(entry.at);
      let lists = days.get(day);
      if (!lists) days.set(day, (lists = { logs: [], feedback: [] }));
      (lists[kind] as RecordLists[K][number][]).push(entry);
    }
  };
  sort('logs', legacy.logs);
  sort('feedback', legacy.feedback);
  if (undated > 0) warn(`storage: dropped ${undated} version-1 record(s) whose time is not a date while moving records into ${logDir}`);

  for (const day of sortDays(days.keys())) {
    const migrated = days.get(day) ?? { logs: [], feedback: [] };
    const existing = await loadDayLog(logDir, day, warn);
    await new DayLogFile(logDir, day, existing.state).replace({
      logs: [...migrated.logs, ...withoutMigrated(existing.lists.logs, migrated.logs)],
      feedback: [...migrated.feedback, ...withoutMigrated(existing.lists.feedback, migrated.feedback)],
    });
  }
}
