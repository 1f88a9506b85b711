import { isRecord, UnrecognisedStoreDataError, UnsupportedStoreVersionError } from './store-data.js';

/** Bumped whenever the inbox document's shape changes. */
export const INBOX_DATA_VERSION = 1;

/** The inbox file's name beside the main data file. */
export const INBOX_FILE_NAME = 'dx-navi-inbox.json';

/** One stored event, until it has been handled. */
export interface InboxRecord {
  receivedAt: string;
  event: unknown;
}

/**
 * Webhook events acknowledged to LINE but not yet handled. Kept apart from the main document so
 * that acknowledging a request rewrites only this small file, not seven days of claims.
 */
export interface InboxData {
  version: typeof INBOX_DATA_VERSION;
  /** webhookEventId → the event, in the order received. */
  events: Record<string, InboxRecord>;
  /**
   * webhookEventId → claim time of events handled since the main file last took their claims.
   * Finishing an event moves it here within this one small file; the claims are folded into the
   * main file every few seconds, so handling an event never rewrites seven days of claims.
   */
  finished: Record<string, string>;
}

// Event ids come from outside: kept as keys of objects without a prototype, "__proto__" is just an id.
function dictionary<T>(from: Record<string, T> = {}): Record<string, T> {
  const copy = Object.create(null) as Record<string, T>;
  for (const [key, value] of Object.entries(from)) copy[key] = value;
  return copy;
}

/** A fresh, empty inbox. */
export function emptyInboxData(): InboxData {
  return { version: INBOX_DATA_VERSION, events: dictionary(), finished: dictionary() };
}

/** Checks the top-level shape of a parsed inbox document. */
export function parseInboxData(value: unknown): InboxData {
  if (!isRecord(value)) throw new UnrecognisedStoreDataError('inbox is not a JSON object');
  const { version } = value;
  if (typeof version !== 'number') throw new UnrecognisedStoreDataError('inbox has no numeric "version"');
  if (version > INBOX_DATA_VERSION) throw new UnsupportedStoreVersionError(version, INBOX_DATA_VERSION);
  if (version !== INBOX_DATA_VERSION) throw new UnrecognisedStoreDataError(`unknown inbox version ${version}`);
  if (!isRecord(value.events)) throw new UnrecognisedStoreDataError('inbox "events" is not an object');
  if (value.finished !== undefined && !isRecord(value.finished)) throw new UnrecognisedStoreDataError('inbox "finished" is not an object');
  return { version: INBOX_DATA_VERSION, events: dictionary(value.events as Record<string, InboxRecord>), finished: dictionary((value.finished ?? {}) as Record<string, string>) };
}
