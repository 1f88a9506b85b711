import { isRecord, UnrecognisedStoreDataError, UnsupportedStoreVersionError } from './store-data.js';
import { emptyInboxContents, type InboxContents, type InboxRecord } from './inbox-journal.js';

/**
 * The inbox file of earlier versions: one JSON document rewritten whole (atomically, fsynced) on
 * every accept and finish. It is read once, into the inbox journal, and then removed.
 */
export const LEGACY_INBOX_FILE_NAME = 'dx-navi-inbox.json';

const LEGACY_INBOX_VERSION = 1;

/** Reads a parsed legacy inbox document: its pending events and the claims of its finished ones. */
export function parseLegacyInbox(value: unknown): InboxContents {
  if (!isRecord(value)) throw new UnrecognisedStoreDataError('inbox is not a JSON object');
  const { version } = value;
  if (typeof version !== 'number') throw new UnrecognisedStoreDataError('inbox has no numeric "version"');
  if (version > LEGACY_INBOX_VERSION) throw new UnsupportedStoreVersionError(version, LEGACY_INBOX_VERSION);
  if (version !== LEGACY_INBOX_VERSION) throw new UnrecognisedStoreDataError(`unknown inbox version ${version}`);
  if (!isRecord(value.events)) throw new UnrecognisedStoreDataError('inbox "events" is not an object');
  if (value.finished !== undefined && !isRecord(value.finished)) throw new UnrecognisedStoreDataError('inbox "finished" is not an object');
  const contents = emptyInboxContents();
  for (const [id, at] of Object.entries((value.finished ?? {}) as Record<string, unknown>)) {
    const time = typeof at === 'string' ? Date.parse(at) : Number.NaN;
    if (Number.isFinite(time)) contents.finished.set(id, time);
  }
  for (const [id, record] of Object.entries(value.events as Record<string, unknown>)) {
    if (!isRecord(record) || typeof record.receivedAt !== 'string' || contents.finished.has(id)) continue;
    contents.pending.set(id, { receivedAt: record.receivedAt, event: record.event } satisfies InboxRecord);
  }
  return contents;
}
