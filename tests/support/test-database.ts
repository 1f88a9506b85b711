/**
 * PostgreSQL for tests: TEST_DATABASE_URL when set (CI sets it), else a throwaway cluster started
 * for this test file with tests/support/throwaway-postgres.sh (Debian's postgresql package), else null
 * with the reason, so the tests skip with a message. Under CI=true "no PostgreSQL" is a failure,
 * never a skip. Every store gets a schema of its own, dropped at the end.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { projectRoot } from '../../src/project-root.js';

const run = promisify(execFile);
const SCRIPT = path.join(projectRoot(), 'tests', 'support', 'throwaway-postgres.sh');

/** A database the tests may create schemas in. */
export interface TestDatabase {
  /** The server's URL (public schema). */
  url: string;
  /** A URL whose connections work in a new, empty schema of their own. */
  freshSchemaUrl(): Promise<string>;
  /** Drops the schemas made, and stops the cluster if this file started it. */
  close(): Promise<void>;
}

/** Why PostgreSQL tests are skipped here, or null once a database is found. */
export let skipReason: string | null = null;

/** A database for this test file, or null (see skipReason). */
export async function testDatabase(): Promise<TestDatabase | null> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) return database(given, null);
  try {
    const { stdout } = await run('bash', [SCRIPT, 'start'], { timeout: 90_000 });
    const url = /DATABASE_URL=(\S+)/.exec(stdout)?.[1];
    const dir = /THROWAWAY_PGDATA=(\S+)/.exec(stdout)?.[1];
    if (!url || !dir) throw new Error(`unexpected output: ${stdout}`);
    return database(url, dir);
  } catch (error) {
    skipReason = `PostgreSQL tests skipped: no TEST_DATABASE_URL and no throwaway cluster (${String((error as Error).message).split('\n')[0]}); apt-get install postgresql`;
    if (process.env.CI === 'true') throw new Error(`CI must run the PostgreSQL tests: ${skipReason}`);
    console.warn(skipReason);
    return null;
  }
}

/** `url` with every connection's search_path set to `schema`. */
export function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

function database(url: string, throwawayDir: string | null): TestDatabase {
  const schemas: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    url,
    freshSchemaUrl: async () => {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      await admin((client) => client.query(`CREATE SCHEMA ${schema}`));
      schemas.push(schema);
      return withSchema(url, schema);
    },
    close: async () => {
      if (throwawayDir) {
        await run('bash', [SCRIPT, 'stop', throwawayDir], { timeout: 60_000 });
        return;
      }
      if (schemas.length > 0) await admin((client) => client.query(`DROP SCHEMA ${schemas.splice(0).join(', ')} CASCADE`));
    },
  };
}
