import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Low, Memory } from 'lowdb';
import { AtomicJsonFile, CorruptJsonFileError } from '../storage/atomic-json-file.js';
import { ClaimLedger } from '../storage/claim-ledger.js';
import { NO_JOURNAL } from '../storage/journal-file.js';
import { DAY_LOG_DIR_NAME, DayLogArchive } from '../storage/day-log-archive.js';
import { LowdbStore } from '../storage/lowdb-store.js';
import { MemoryRecords } from '../storage/memory-records.js';
import { STORE_FILE_NAME } from '../storage/open-store.js';
import { emptyStoreData, parseStoreData, UnrecognisedStoreDataError, type AnyStoreData, type StoreData } from '../storage/store-data.js';
import type { ReportSource } from './load-usage-report.js';

/** The data directory holds no store file. */
export class NoStoreFileError extends Error {
  /** Names the file looked for. */
  constructor(readonly file: string) {
    super(`no DX ナビ data file at ${file} (check --data-dir or DATA_DIR)`);
    this.name = 'NoStoreFileError';
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
}

/** What the snapshot could not read: the file and why. It is left out and the rest is read. */
export type UnreadableFileHandler = (file: string, reason: string) => void;

/**
 * A read-only view of the store in `dataDir`, as it is on disk. Reading never writes: unlike
 * opening the store, an unreadable file is reported through `onUnreadable` and left out (the
 * main file holds no records, and each day file only its own day), never moved aside or
 * recovered, and a version-1 file is read as it is, not migrated (nor a version-1 day document
 * converted), because the server may own them. Unreadable lines of a day file are reported
 * too and left out, the rest of that day read. Without `onUnreadable` an unreadable file or
 * line throws. The server replaces the main file by rename, so no read sees a
 * torn write of it; a day file's last line may be an append still being written, and is left out
 * unreported. Day files are read when a period asks for them.
 */
export async function readStoreSnapshot(dataDir: string, onUnreadable?: UnreadableFileHandler): Promise<ReportSource> {
  const file = path.join(dataDir, STORE_FILE_NAME);
  const logDir = path.join(dataDir, DAY_LOG_DIR_NAME);
  let data: AnyStoreData | null = null;
  let exists = true;
  try {
    const raw: unknown = await new AtomicJsonFile<unknown>(file).read();
    exists = raw !== null;
    if (raw !== null) data = parseStoreData(raw);
  } catch (error) {
    if (!(error instanceof CorruptJsonFileError || error instanceof UnrecognisedStoreDataError) || !onUnreadable) throw error;
    onUnreadable(file, error.message);
  }
  // Records alone, without a main file, are what a server leaves that logged before claiming anything.
  if (!exists && !(await isDirectory(logDir))) throw new NoStoreFileError(file);
  // Until a version-1 file is migrated it holds every record; day files beside it are partial copies.
  const records =
    data?.version === 1
      ? new MemoryRecords({ logs: data.logs, feedback: data.feedback })
      : new DayLogArchive(logDir, onUnreadable ? { readOnly: true, onUnreadable: (day, error) => onUnreadable(day, error.message) } : { readOnly: true });
  // The store's own listing code, so periods are read exactly as the server reads them.
  return new LowdbStore(new Low<StoreData>(new Memory<StoreData>(), emptyStoreData()), records, new ClaimLedger(NO_JOURNAL));
}
