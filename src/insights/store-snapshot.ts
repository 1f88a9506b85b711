import path from 'node:path';
import { Low, Memory } from 'lowdb';
import { AtomicJsonFile } from '../storage/atomic-json-file.js';
import { LowdbStore } from '../storage/lowdb-store.js';
import { STORE_FILE_NAME } from '../storage/open-store.js';
import { parseStoreData, type StoreData } from '../storage/store-data.js';
import type { ReportSource } from './load-usage-report.js';

/** The data directory holds no store file. */
export class NoStoreFileError extends Error {
  /** Names the file looked for. */
  constructor(readonly file: string) {
    super(`no DX ナビ data file at ${file} (check --data-dir or DATA_DIR)`);
    this.name = 'NoStoreFileError';
  }
}

/**
 * A read-only copy of the store file in `dataDir`, as it is on disk now. Reading never writes:
 * unlike opening the store, an unreadable file is reported, not moved aside, because the server
 * may own it. The server replaces the file by rename, so the copy is never a torn write.
 */
export async function readStoreSnapshot(dataDir: string): Promise<ReportSource> {
  const file = path.join(dataDir, STORE_FILE_NAME);
  const data = await new AtomicJsonFile<StoreData>(file).read();
  if (data === null) throw new NoStoreFileError(file);
  // The store's own listing code over an in-memory copy, so periods are read exactly as the server reads them.
  return new LowdbStore(new Low<StoreData>(new Memory<StoreData>(), parseStoreData(data)));
}
