import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/storage/postgres/migrate.js';
import { openPostgresStore } from '../../src/storage/postgres/postgres-store.js';
import { describeStoreContract, logEntry } from './store-contract.js';
import { skipReason, testDatabase } from '../support/test-database.js';

const db = await testDatabase();
afterAll(async () => db?.close());

if (!db) {
  describe('PostgreSQL store', () => {
    it.skip(skipReason ?? 'no PostgreSQL', () => undefined);
  });
} else {
  describeStoreContract('PostgreSQL store', async (options) => openPostgresStore({ connectionString: await db.freshSchemaUrl(), ...options }));

  describe('PostgreSQL migrations', () => {
    it('applies every migration once when several processes start together', async () => {
      const url = await db.freshSchemaUrl();
      const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: url, max: 1 }));
      try {
        const applied = await Promise.all(pools.map((pool) => migrate(pool)));
        const versions = (await readMigrations()).map((migration) => migration.version);
        // Exactly one of them did the work; the others waited on the lock and found nothing to do.
        expect(applied.filter((done) => done.length > 0)).toEqual([versions]);
        const { rows } = await pools[0]!.query('SELECT version FROM schema_migrations ORDER BY version');
        expect(rows.map((row: { version: number }) => row.version)).toEqual(versions);
      } finally {
        await Promise.all(pools.map((pool) => pool.end()));
      }
    });

    it('refuses a database migrated by a newer program', async () => {
      const url = await db.freshSchemaUrl();
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      try {
        await migrate(pool);
        await pool.query("INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')");
        await expect(openPostgresStore({ connectionString: url })).rejects.toThrow(/newer than this program/);
      } finally {
        await pool.end();
      }
    });
  });

  describe('PostgreSQL store across processes', () => {
    it('claims an event for exactly one of two stores sharing the database', async () => {
      const url = await db.freshSchemaUrl();
      const [a, b] = await Promise.all([openPostgresStore({ connectionString: url }), openPostgresStore({ connectionString: url })]);
      try {
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimEvent('01HSHAREDCLAIM')));
        expect(results.filter(Boolean)).toHaveLength(1);
        await a.appendLog(logEntry('2025-04-01T00:00:00Z'));
        expect(await b.listLogs()).toHaveLength(1);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('retention deletes rows by date', async () => {
      const store = await openPostgresStore({ connectionString: await db.freshSchemaUrl() });
      try {
        await store.appendLog(logEntry('2025-01-01T00:00:00Z'));
        await store.appendLog(logEntry('2025-03-01T00:00:00Z'));
        expect(await store.pruneLogs(new Date('2025-02-01T00:00:00Z'))).toBe(1);
        const { rows } = await store.pool.query('SELECT at_text FROM conversation_logs');
        expect(rows).toEqual([{ at_text: '2025-03-01T00:00:00Z' }]);
      } finally {
        await store.close();
      }
    });
  });
}
