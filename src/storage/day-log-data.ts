import type { RecordLists } from './record-archive.js';
import { isRecord, UnrecognisedStoreDataError, UnsupportedStoreVersionError } from './store-data.js';

/** The version of the day documents earlier versions wrote whole (`YYYY-MM-DD.json`); still read, never written. */
export const LEGACY_DAY_LOG_VERSION = 1;

/** A version-1 day document: one UTC day's logs and feedback, each list in the order appended. */
export interface LegacyDayLogData extends RecordLists {
  version: typeof LEGACY_DAY_LOG_VERSION;
}

/** A fresh, empty day. */
export function emptyDayLog(): RecordLists {
  return { logs: [], feedback: [] };
}

/** True when the day holds nothing, so its file need not exist. */
export function isEmptyDayLog(lists: RecordLists): boolean {
  return lists.logs.length === 0 && lists.feedback.length === 0;
}

/**
 * Checks the top-level shape of a parsed version-1 day document and returns its lists; entries
 * are trusted because only this program writes them. Any later version in a `.json` file is
 * refused as newer, never overwritten.
 */
export function parseLegacyDayLog(value: unknown): RecordLists {
  if (!isRecord(value)) throw new UnrecognisedStoreDataError('day log is not a JSON object');
  const { version } = value;
  if (typeof version !== 'number') throw new UnrecognisedStoreDataError('day log has no numeric "version"');
  if (version > LEGACY_DAY_LOG_VERSION) throw new UnsupportedStoreVersionError(version, LEGACY_DAY_LOG_VERSION);
  if (version !== LEGACY_DAY_LOG_VERSION) throw new UnrecognisedStoreDataError(`unknown day log version ${version}`);
  for (const key of ['logs', 'feedback'] as const) {
    if (!Array.isArray(value[key])) throw new UnrecognisedStoreDataError(`day log "${key}" is not an array`);
  }
  const lists = value as unknown as LegacyDayLogData;
  return { logs: lists.logs, feedback: lists.feedback };
}
