import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Low, Memory } from 'lowdb';
import { AtomicJsonFile } from '../storage/atomic-json-file.js';
import { DAY_LOG_DIR_NAME, DayLogArchive } from '../storage/day-log-archive.js';
import { LowdbStore } from '../storage/lowdb-store.js';
import { MemoryRecords } from '../storage/memory-records.js';
import { STORE_FILE_NAME } from '../storage/open-store.js';
import { emptyStoreData, parseStoreData, type StoreData } from '../storage/store-data.js';
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

/**
 * A read-only view of the store in `dataDir`, as it is on disk. Reading never writes: unlike
 * opening the store, an unreadable file is reported, not moved aside, and a version-1 file is read
 * as it is, not migrated, because the server may own them. The server replaces every file by
 * rename, so no read sees a torn write. Day files are read when a period asks for them.
 */
export async function readStoreSnapshot(dataDir: string): Promise<ReportSource> {
  const file = path.join(dataDir, STORE_FILE_NAME);
  const logDir = path.join(dataDir, DAY_LOG_DIR_NAME);
  const raw: unknown = await new AtomicJsonFile<unknown>(file).read();
  // Records alone, without a main file, are what a server leaves that logged before claiming anything.
  if (raw === null && !(await isDirectory(logDir))) throw new NoStoreFileError(file);
  const data = raw === null ? emptyStoreData() : parseStoreData(raw);
  // Until a version-1 file is migrated it holds every record; day files beside it are partial copies.
  const records = data.version === 1 ? new MemoryRecords({ logs: data.logs, feedback: data.feedback }) : new DayLogArchive(logDir, { readOnly: true });
  // The store's own listing code, so periods are read exactly as the server reads them.
  return new LowdbStore(new Low<StoreData>(new Memory<StoreData>(), emptyStoreData()), records);
}
