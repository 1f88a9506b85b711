import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openLowdbStore } from './lowdb-store.js';
import type { OpenLowdbStoreOptions } from './lowdb-store.js';
import { createMemoryStore } from './memory-store.js';
import { openPostgresStore } from './postgres/postgres-store.js';
import type { Store } from './store.js';

/** The data file's name inside the configured directory. */
export const STORE_FILE_NAME = 'dx-navi.json';

/** Which store to open: the lowdb file in `dir` (the default in production), PostgreSQL (several processes), or a throwaway one in memory. */
export type StoreConfig = ({ kind: 'lowdb'; dir: string } | { kind: 'memory' } | { kind: 'postgres'; url: string; poolSize?: number }) & OpenLowdbStoreOptions;

/** Opens the configured store, creating the data directory if it is missing. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const options: OpenLowdbStoreOptions = {};
  if (config.eventTtlMs !== undefined) options.eventTtlMs = config.eventTtlMs;
  if (config.warn !== undefined) options.warn = config.warn;
  if (config.kind === 'memory') return createMemoryStore(options);
  if (config.kind === 'postgres') {
    const warn = config.warn ?? console.warn;
    return openPostgresStore({
      connectionString: config.url,
      ...(config.poolSize === undefined ? {} : { poolSize: config.poolSize }),
      ...(config.eventTtlMs === undefined ? {} : { eventTtlMs: config.eventTtlMs }),
      onPoolError: (error) => warn(`storage: PostgreSQL connection lost: ${error.message}`),
    });
  }
  await mkdir(config.dir, { recursive: true });
  return openLowdbStore(path.join(config.dir, STORE_FILE_NAME), options);
}
