import type { FeedbackEntry, LogEntry } from './store.js';

/** Bumped whenever the shape below changes; a file from a newer program is never overwritten. */
export const STORE_DATA_VERSION = 1;

/** The whole persisted document. */
export interface StoreData {
  version: typeof STORE_DATA_VERSION;
  /** webhookEventId → ISO time it was claimed (from Date#toISOString, so strings sort by time). */
  claimedEvents: Record<string, string>;
  /** userKey → municipality. */
  municipalities: Record<string, string>;
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
  /** Names the version found. */
  constructor(readonly found: number) {
    super(`store data version ${found} is newer than this program's ${STORE_DATA_VERSION}; upgrade instead of overwriting it`);
    this.name = 'UnsupportedStoreVersionError';
  }
}

/** A fresh, empty document. */
export function emptyStoreData(): StoreData {
  return { version: STORE_DATA_VERSION, claimedEvents: {}, municipalities: {}, logs: [], feedback: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the top-level shape of parsed data; entries are trusted because only this program writes them. */
export function parseStoreData(value: unknown): StoreData {
  if (!isRecord(value)) throw new UnrecognisedStoreDataError('not a JSON object');
  const { version } = value;
  if (typeof version !== 'number') throw new UnrecognisedStoreDataError('no numeric "version"');
  if (version > STORE_DATA_VERSION) throw new UnsupportedStoreVersionError(version);
  if (version !== STORE_DATA_VERSION) throw new UnrecognisedStoreDataError(`unknown version ${version}`);
  for (const key of ['claimedEvents', 'municipalities'] as const) {
    if (!isRecord(value[key])) throw new UnrecognisedStoreDataError(`"${key}" is not an object`);
  }
  for (const key of ['logs', 'feedback'] as const) {
    if (!Array.isArray(value[key])) throw new UnrecognisedStoreDataError(`"${key}" is not an array`);
  }
  return value as unknown as StoreData;
}
