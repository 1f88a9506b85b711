/**
 * Vitest global setup: one throwaway PostgreSQL cluster for the whole run when TEST_DATABASE_URL
 * is not set (CI sets it), exported to the test workers as TEST_DATABASE_URL and stopped at the
 * end, instead of a cluster per test file. Where PostgreSQL cannot be started nothing is set, and
 * tests/support/test-database.ts reports why the PostgreSQL tests skip (or fails under CI).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/project-root.js';

const run = promisify(execFile);
const SCRIPT = path.join(projectRoot(), 'tests', 'support', 'throwaway-postgres.sh');

export default async function startPostgres(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_DATABASE_URL?.trim()) return undefined;
  let stdout: string;
  try {
    ({ stdout } = await run('bash', [SCRIPT, 'start', '--no-fsync'], { timeout: 90_000 }));
  } catch {
    return undefined;
  }
  const url = /DATABASE_URL=(\S+)/.exec(stdout)?.[1];
  const dir = /THROWAWAY_PGDATA=(\S+)/.exec(stdout)?.[1];
  if (!url || !dir) return undefined;
  process.env.TEST_DATABASE_URL = url;
  return async () => {
    delete process.env.TEST_DATABASE_URL;
    await run('bash', [SCRIPT, 'stop', dir], { timeout: 60_000 });
  };
}
