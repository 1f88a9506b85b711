import type { FeedbackEntry, LogEntry } from './store.js';

/**
 * Bumped whenever the shape below changes; a file from a newer program is never overwritten.
 * Version 1 also held every log entry and piece of feedback; version 2 kept them in day files;
 * version 3 keeps claimed event ids in their own append-only journal (dx-navi-claims.jsonl).
 */
export const STORE_DATA_VERSION = 3;

/** The main document: what changes in place and rarely (a person's city). Logs, feedback and claims live apart. */
export interface StoreData {
  version: typeof STORE_DATA_VERSION;
  /** userKey → municipality, in an object without a prototype (keys come from outside). */
  municipalities: Record<string, string>;
}

/** The version-2 document, read only to migrate it. */
export interface StoreDataV2 {
  version: 2;
  /** webhookEventId → ISO time it was claimed. */
  claimedEvents: Record<string, string>;
  municipalities: Record<string, string>;
}

/** The version-1 document, read only to migrate it. */
export interface StoreDataV1 extends Omit<StoreDataV2, 'version'> {
  version: 1;
  logs: LogEntry[];
  feedback: FeedbackEntry[];
}

/** Any document this program can read. */
export type AnyStoreData = StoreData | StoreDataV2 | StoreDataV1;

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
  return { version: STORE_DATA_VERSION, municipalities: dictionary() };
}

/** An object with no prototype holding `entries`: `__proto__` or `constructor` as a key is just a key. */
export function dictionary(entries: Record<string, string> = {}): Record<string, string> {
  return Object.assign(Object.create(null) as Record<string, string>, entries);
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the top-level shape of parsed data, current or older (which the caller migrates);
 * entries are trusted because only this program writes them.
 */
export function parseStoreData(value: unknown): AnyStoreData {
  if (!isRecord(value)) throw new UnrecognisedStoreDataError('not a JSON object');
  const { version } = value;
  if (typeof version !== 'number') throw new UnrecognisedStoreDataError('no numeric "version"');
  if (version > STORE_DATA_VERSION) throw new UnsupportedStoreVersionError(version);
  if (version !== 3 && version !== 2 && version !== 1) throw new UnrecognisedStoreDataError(`unknown version ${version}`);
  const keys = version === 3 ? (['municipalities'] as const) : (['claimedEvents', 'municipalities'] as const);
  for (const key of keys) {
    if (!isRecord(value[key])) throw new UnrecognisedStoreDataError(`"${key}" is not an object`);
  }
  const municipalities = dictionary(value.municipalities as Record<string, string>);
  if (version === 1) {
    for (const key of ['logs', 'feedback'] as const) {
      if (!Array.isArray(value[key])) throw new UnrecognisedStoreDataError(`"${key}" is not an array`);
    }
    return { ...(value as unknown as StoreDataV1), municipalities };
  }
  // Only the known keys: anything else would be carried along, unexamined, in every later write.
  if (version === 2) return { version: 2, claimedEvents: value.claimedEvents as Record<string, string>, municipalities };
  return { version: STORE_DATA_VERSION, municipalities };
}

/** The claims an older document held, as the claim journal keeps them (id → ms); unparseable times are dropped. */
export function claimsOf(data: AnyStoreData): Map<string, number> {
  const claims = new Map<string, number>();
  if (data.version === STORE_DATA_VERSION) return claims;
  for (const [id, at] of Object.entries(data.claimedEvents)) {
    const time = typeof at === 'string' ? Date.parse(at) : Number.NaN;
    if (Number.isFinite(time)) claims.set(id, time);
  }
  return claims;
}
