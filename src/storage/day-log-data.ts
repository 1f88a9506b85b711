import type { RecordLists } from './record-archive.js';
import { isRecord, UnrecognisedStoreDataError, UnsupportedStoreVersionError } from './store-data.js';

/** Bumped whenever the shape of a day document changes, independently of the main document's version. */
export const DAY_LOG_VERSION = 1;

/** One UTC day's logs and feedback, each list in the order appended. */
export interface DayLogData extends RecordLists {
  version: typeof DAY_LOG_VERSION;
}

/** A fresh, empty day. */
export function emptyDayLog(): DayLogData {
  return { version: DAY_LOG_VERSION, logs: [], feedback: [] };
}

/** True when the day holds nothing, so its file need not exist. */
export function isEmptyDayLog(data: DayLogData): boolean {
  return data.logs.length === 0 && data.feedback.length === 0;
}

/** Checks the top-level shape of a parsed day document; entries are trusted because only this program writes them. */
export function parseDayLogData(value: unknown): DayLogData {
  if (!isRecord(value)) throw new UnrecognisedStoreDataError('day log is not a JSON object');
  const { version } = value;
  if (typeof version !== 'number') throw new UnrecognisedStoreDataError('day log has no numeric "version"');
  if (version > DAY_LOG_VERSION) throw new UnsupportedStoreVersionError(version, DAY_LOG_VERSION);
  if (version !== DAY_LOG_VERSION) throw new UnrecognisedStoreDataError(`unknown day log version ${version}`);
  for (const key of ['logs', 'feedback'] as const) {
    if (!Array.isArray(value[key])) throw new UnrecognisedStoreDataError(`day log "${key}" is not an array`);
  }
  return value as unknown as DayLogData;
}
