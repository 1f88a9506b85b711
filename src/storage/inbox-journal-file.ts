import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AtomicJsonFile, CorruptJsonFileError } from './atomic-json-file.js';
import { LEGACY_INBOX_FILE_NAME, parseLegacyInbox } from './inbox-data.js';
import { INBOX_JOURNAL_FILE_NAME, InboxJournal, inboxJournalText, parseInboxJournal } from './inbox-journal.js';
import type { InboxJournalContents } from './inbox-journal.js';
import { JournalFile, readJournalText } from './journal-file.js';
import { quarantineFile } from './quarantine-file.js';
import { UnrecognisedStoreDataError } from './store-data.js';
import { syncDirectory } from './sync-directory.js';

/** Reads the inbox journal in `dir` as it is on disk (none yet is an empty one). */
export async function readInboxJournal(dir: string): Promise<InboxJournalContents> {
  return parseInboxJournal(await readJournalText(path.join(dir, INBOX_JOURNAL_FILE_NAME)));
}

/**
 * Opens the inbox journal in `dir` (`dx-navi-inbox.jsonl`): what a process that died left
 * pending is there to take over. A journal with damaged lines or a torn last line (a power cut
 * during an append) is rewritten at once with what was read, so appends start on a clean line. An inbox file
 * of an earlier version (`dx-navi-inbox.json`) is merged in, written to the journal, then
 * removed; an unreadable one is moved aside, and said so (its events are then not answered).
 */
export async function openInboxJournal(dir: string, warn: (message: string) => void): Promise<InboxJournal> {
  const contents = await readInboxJournal(dir);
  if (contents.unreadable > 0) warn(`storage: skipped ${contents.unreadable} damaged line(s) of ${INBOX_JOURNAL_FILE_NAME}: the events on them, if any, are not answered`);
  const legacyFile = path.join(dir, LEGACY_INBOX_FILE_NAME);
  let legacyFound = false;
  try {
    const raw = await new AtomicJsonFile<unknown>(legacyFile).read();
    if (raw !== null) {
      legacyFound = true;
      const legacy = parseLegacyInbox(raw);
      for (const [id, at] of legacy.finished) {
        contents.pending.delete(id);
        if (!contents.finished.has(id)) contents.finished.set(id, at);
      }
      for (const [id, record] of legacy.pending) if (!contents.pending.has(id) && !contents.finished.has(id)) contents.pending.set(id, record);
    }
  } catch (error) {
    if (!(error instanceof CorruptJsonFileError || error instanceof UnrecognisedStoreDataError)) throw error;
    const aside = await quarantineFile(legacyFile);
    warn(`storage: ${error.message}; moved it to ${aside}: events acknowledged but not handled before are not answered`);
  }
  const journal = new JournalFile(path.join(dir, INBOX_JOURNAL_FILE_NAME));
  if (contents.unreadable > 0 || contents.torn || legacyFound) {
    await journal.replace(inboxJournalText(contents));
    if (legacyFound) {
      // Only once the journal holding its events is durable.
      await rm(legacyFile, { force: true });
      await syncDirectory(dir);
    }
  }
  return new InboxJournal(journal, contents);
}
