import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open-store.js';
import { scenarioBodies } from '../insights/scenario.js';
import { sendAll } from '../insights/webhook-events.js';
import { startHarness } from '../server/webhook-harness.js';
import { skipReason, testDatabase } from '../support/test-database.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const db = await testDatabase();
let url = '';

beforeAll(async () => {
  if (!db) return;
  url = await db.freshSchemaUrl();
  // The same scenario as the lowdb report test, written by the real app into PostgreSQL.
  const store = await openStore({ kind: 'postgres', url });
  const h = await startHarness({ store });
  await sendAll(h, scenarioBodies());
  await h.close();
  await store.close();
});
afterAll(async () => db?.close());

describe.skipIf(!db)('report CLI on PostgreSQL', () => {
  it('prints the same figures from the database as from the files', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', '--from', '2026-06-01', '--to', '2026-06-04', '--database-url', url], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('メッセージ 9件 ／ 質問 8件 ／ 回答 3件（回答率 37.5%）');
    expect(run.stdout).toContain('評価 役に立った 1件 ／ 役に立たなかった 1件');
    expect(run.stdout).toContain('1. 図書館の開館時間は？（3件');
  });
});

if (!db) it.skip(skipReason ?? 'no PostgreSQL', () => undefined);
