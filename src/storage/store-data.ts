import type { FeedbackEntry, LogEntry } from './store.js';

/**
 * Bumped whenever the shape below changes; a file from a newer program is never overwritten.
 * Version 1 also held every log entry and piece of feedback; version 2 keeps them in day files.
 */
export const STORE_DATA_VERSION = 2;

/** The main document: the small state that changes in place. Logs and feedback live in day files. */
export interface StoreData {
  version: typeof STORE_DATA_VERSION;
  /** webhookEventId → ISO time it was claimed (from Date#toISOString, so strings sort by time). */
  claimedEvents: Record<string, string>;
  /** userKey → municipality. */
  municipalities: Record<string, string>;
}

/** The version-1 document, read only to migrate it. */
export interface StoreDataV1 extends Omit<StoreData, 'version'> {
  version: 1;
  logs: LogEntry[];
  feedback: FeedbackEntry[];
}

/** The data holds something that is not a store document at all. */
export class UnrecognisedStoreDataError extends Error {
  /** Names what was missing or wrong. */
  constructor(reason: string) {
    super(`not DX ナビ store data: ${reason}`);
    this.name = 'UnrecognisedStoreDataError';
  }
}

/** The data was written by a newer program with a schema this one does not know. */
export class UnsupportedStoreVersionError extends Error {
  /** Names the version found and the newest this program knows. */
  constructor(
    readonly found: number,
    supported: number = STORE_DATA_VERSION,
  ) {
    super(`store data version ${found} is newer than this program's ${supported}; upgrade instead of overwriting it`);
    this.name = 'UnsupportedStoreVersionError';
  }
}

/** A fresh, empty document. */
export function emptyStoreData(): StoreData {
  return { version: STORE_DATA_VERSION, claimedEvents: {}, municipalities: {} };
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the top-level shape of parsed data, current or version 1 (which the caller migrates);
 * entries are trusted because only this program writes them.
 */
export function parseStoreData(value: unknown): StoreData | StoreDataV1 {
  if (!isRecord(value)) throw new UnrecognisedStoreDataError('not a JSON object');
  const { version } = value;
  if (typeof version !== 'number') throw new UnrecognisedStoreDataError('no numeric "version"');
  if (version > STORE_DATA_VERSION) throw new UnsupportedStoreVersionError(version);
  if (version !== STORE_DATA_VERSION && version !== 1) throw new UnrecognisedStoreDataError(`unknown version ${version}`);
  for (const key of ['claimedEvents', 'municipalities'] as const) {
    if (!isRecord(value[key])) throw new UnrecognisedStoreDataError(`"${key}" is not an object`);
  }
  if (version === 1) {
    for (const key of ['logs', 'feedback'] as const) {
      if (!Array.isArray(value[key])) throw new UnrecognisedStoreDataError(`"${key}" is not an array`);
    }
    return value as unknown as StoreDataV1;
  }
  // Only the known keys: anything else would be carried along, unexamined, in every later write.
  return { version: STORE_DATA_VERSION, claimedEvents: value.claimedEvents as Record<string, string>, municipalities: value.municipalities as Record<string, string> };
}
