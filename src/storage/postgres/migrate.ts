import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';
import { projectRoot } from '../../project-root.js';

/** The numbered SQL files, `NNNN_name.sql`, applied in order. */
export const MIGRATIONS_DIR = path.join(projectRoot(), 'src', 'storage', 'postgres', 'migrations');

// Any fixed number: every DX ナビ process takes the same lock, so two starting together apply
// each migration once, one after the other, never side by side.
const MIGRATION_LOCK_KEY = 0x64786e61; // "dxna"

/** One migration file. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The database was migrated by a newer program: this one must not write to it. */
export class NewerSchemaError extends Error {
  /** Names both versions. */
  constructor(found: number, known: number) {
    super(`the database schema is at version ${found}, newer than this program's ${known}; upgrade the program instead`);
    this.name = 'NewerSchemaError';
  }
}

/** The migrations in `dir`, by version. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for (const file of (await readdir(dir)).sort()) {
    const match = /^(\d{4})_([\w-]+)\.sql$/.exec(file);
    if (!match) continue;
    migrations.push({ version: Number(match[1]), name: match[2]!, sql: await readFile(path.join(dir, file), 'utf8') });
  }
  return migrations;
}

/**
 * Brings the schema up to date in one transaction under an advisory lock: a second process
 * starting at the same moment waits, then finds nothing left to do. Resolves with the versions
 * applied now.
 */
export async function migrate(pool: Pool, migrations?: Migration[]): Promise<number[]> {
  const known = migrations ?? (await readMigrations());
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...known.map((migration) => migration.version));
    const found = Math.max(0, ...applied);
    if (found > newest) throw new NewerSchemaError(found, newest);
    const done: number[] = [];
    for (const migration of known) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      done.push(migration.version);
    }
    await client.query('COMMIT');
    return done;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
