/**
 * Knowledge edits across instances on one PostgreSQL: several engines, their own knowledge/
 * copies and a CLI run, about half a minute, so in npm run test:faults.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { adminRouter } from '../../src/admin/admin-router.js';
import { KnowledgeSync } from '../../src/admin/knowledge-sync.js';
import { KnowledgeWriter } from '../../src/admin/knowledge-writer.js';
import { ReloadableEngine } from '../../src/engine/reloadable-engine.js';
import { memoryLogger } from '../../src/logging/logger.js';
import { projectRoot } from '../../src/project-root.js';
import { PostgresKnowledgeEditLog } from '../../src/storage/postgres/knowledge-edit-log.js';
import { openPostgresStore, type PostgresStore } from '../../src/storage/postgres/postgres-store.js';
import { skipReason, testDatabase } from '../support/test-database.js';
import { ADMIN_TOKEN, copyKnowledge, removeKnowledgeCopy } from '../admin/admin-harness.js';

const db = await testDatabase();
const cleanUps: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanUp of cleanUps.reverse()) await cleanUp();
  await db?.close();
});

/** One instance as start-server wires it with PostgreSQL: its own knowledge/ copy, engine, writer and sync. */
async function instance(url: string, name: string, sharedDir?: string) {
  const knowledgeDir = sharedDir ?? (await copyKnowledge());
  const store: PostgresStore = await openPostgresStore({ connectionString: url });
  const engine = await ReloadableEngine.create(knowledgeDir);
  const logger = memoryLogger();
  const writer = new KnowledgeWriter(knowledgeDir, engine);
  const sync = new KnowledgeSync(new PostgresKnowledgeEditLog(store.pool, url), writer, name, logger, () => engine.reload());
  await sync.start();
  const app = express();
  app.use(adminRouter({ adminToken: ADMIN_TOKEN, store, engine, knowledgeDir, logger, writer, onEdited: (edit, file) => sync.share(edit, file) }));
  cleanUps.push(() => removeKnowledgeCopy(knowledgeDir), () => store.close(), () => sync.stop());
  return { app, engine, knowledgeDir };
}

async function eventually(check: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

describe.skipIf(!db)('knowledge edits across instances (PostgreSQL)', () => {
  it('serves an alias added on one instance from the other within seconds, and from one started later', async () => {
    const url = await db!.freshSchemaUrl();
    const [a, b] = [await instance(url, 'a'), await instance(url, 'b')];
    expect(b.engine.current().ask('ロボパとは')).toMatchObject({ answered: false });

    const { body } = await request(a.app).post('/admin/api/glossary/rpa/aliases').set('authorization', `Bearer ${ADMIN_TOKEN}`).send({ alias: 'ロボパ' }).expect(200);
    expect(body).toMatchObject({ status: 'applied', shared: true });
    expect(a.engine.current().ask('ロボパとは')).toMatchObject({ answered: true, entryId: 'rpa' });
    await eventually(() => b.engine.current().ask('ロボパとは').answered, 15_000);
    expect(b.engine.current().ask('ロボパとは')).toMatchObject({ entryId: 'rpa' });

    // A new instance (a restart, or a fresh deploy from the repository) replays the log at start.
    const c = await instance(url, 'c');
    expect(c.engine.current().ask('ロボパとは')).toMatchObject({ answered: true, entryId: 'rpa' });

    // Back into a checkout's knowledge/ for review and commit.
    const checkout = await copyKnowledge();
    cleanUps.push(() => removeKnowledgeCopy(checkout));
    const pull = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/knowledge-pull.ts', '--database-url', url, '--knowledge-dir', checkout], { cwd: projectRoot(), encoding: 'utf8', timeout: 60_000 });
    expect(pull.status, pull.stderr).toBe(0);
    expect(pull.stdout).toMatch(/glossary-alias → glossary\/rpa\.yaml: applied/);
    expect(await readFile(path.join(checkout, 'glossary', 'rpa.yaml'), 'utf8')).toContain('ロボパ');
  }, 90_000);

  it('serves an FAQ saved on one instance from the other, written to its own knowledge/ as the same file', async () => {
    const url = await db!.freshSchemaUrl();
    const [a, b] = [await instance(url, 'a'), await instance(url, 'b')];
    const faq = {
      municipality: '共通',
      question: '粗大ごみシールはどこで買えますか',
      wordings: ['粗大ごみシールの販売店'],
      answer: '（テスト用）市内の取扱店でお求めください。',
      linkUrl: '',
      linkLabel: '',
      contact: '',
      source: 'テスト用の資料 2026-12-01',
      reviewBy: '2027-12-31',
    };
    await request(a.app).post('/admin/api/faq').set('authorization', `Bearer ${ADMIN_TOKEN}`).send(faq).expect(200);
    const asked = '粗大ごみシールはどこで買えますか';
    expect(a.engine.current().ask(asked).entryId).toMatch(/^faq-/);
    await eventually(() => (b.engine.current().ask(asked).entryId ?? '').startsWith('faq-'), 15_000);
    expect(await readFile(path.join(b.knowledgeDir, 'faq', 'common.yaml'), 'utf8')).toBe(await readFile(path.join(a.knowledgeDir, 'faq', 'common.yaml'), 'utf8'));
  }, 90_000);

  it('reaches a second process that shares the same knowledge/ (cluster workers), which finds the file already edited', async () => {
    const url = await db!.freshSchemaUrl();
    const a = await instance(url, 'worker-1');
    const b = await instance(url, 'worker-2', a.knowledgeDir);
    await request(a.app).post('/admin/api/glossary/rpa/aliases').set('authorization', `Bearer ${ADMIN_TOKEN}`).send({ alias: 'ロボパ' }).expect(200);
    await eventually(() => b.engine.current().ask('ロボパとは').answered, 15_000);
  }, 90_000);
});

if (!db) it.skip(skipReason ?? 'no PostgreSQL', () => undefined);
