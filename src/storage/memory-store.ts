import { Low, Memory } from 'lowdb';
import { ClaimLedger } from './claim-ledger.js';
import { NO_JOURNAL } from './journal-file.js';
import { LowdbStore } from './lowdb-store.js';
import { MemoryRecords } from './memory-records.js';
import { emptyStoreData } from './store-data.js';
import type { StoreData } from './store-data.js';
import type { Store, StoreOptions } from './store.js';

/** A store that lives and dies with the process: the same lowdb core over lowdb's Memory adapter, records in plain lists, claims in a Map. */
export function createMemoryStore(options: StoreOptions = {}): Store {
  return new LowdbStore(new Low<StoreData>(new Memory<StoreData>(), emptyStoreData()), new MemoryRecords(), new ClaimLedger(NO_JOURNAL), options);
}
