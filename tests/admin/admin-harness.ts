/**
 * The real app as start-server wires it (webhook + admin router over one store and one reloadable
 * engine), built from the webhook harness's stub, store and helpers. Knowledge edits go to a
 * temporary copy of knowledge/, never to the real one.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { AdminEngine } from '../../src/admin/admin-engine.js';
import type { ChangeLog } from '../../src/changes/change-log.js';
import { adminRouter } from '../../src/admin/admin-router.js';
import { ReloadableEngine } from '../../src/engine/reloadable-engine.js';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/load.js';
import { createApp, type BotApp } from '../../src/server/app.js';
import type { Store } from '../../src/storage/store.js';
import { CHANNEL_SECRET, engineForTests, MAX_BODY_BYTES, sign, startHarness, type Harness } from '../server/webhook-harness.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface AdminHarness extends Harness {
  engine: AdminEngine;
  knowledgeDir: string;
  /** A request to the admin API with the right token. */
  api(method: 'get' | 'post' | 'put' | 'delete', apiPath: string): request.Test;
}

/** A copy of the project's knowledge/ in a temporary directory; remove it when done. */
export async function copyKnowledge(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dx-admin-knowledge-'));
  await cp(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}

/**
 * Starts the app with the admin router; `adminToken: null` switches the admin off. With a
 * `knowledgeDir` the engine is a real ReloadableEngine over it; without, the shared test engine
 * answers and a reload does nothing (for tests that edit nothing).
 */
export async function startAdminHarness(options: { adminToken?: string | null; knowledgeDir?: string; store?: Store; now?: () => Date; changeLog?: ChangeLog } = {}): Promise<AdminHarness> {
  const base = await startHarness(options.store ? { store: options.store } : {});
  const knowledgeDir = options.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR;
  // A copy of knowledge/ that differs only in its FAQs shares the test engine's index (a second's build).
  const engine = options.knowledgeDir ? await ReloadableEngine.create(knowledgeDir, { reuse: await engineForTests() }) : await readOnlyEngine();
  const adminToken = options.adminToken === undefined ? ADMIN_TOKEN : options.adminToken;
  const deps = { ...base.deps, engine: () => engine.current() };
  const admin = adminRouter({ adminToken, store: base.store, engine, knowledgeDir, logger: base.logger, ...(options.now ? { now: options.now } : {}), ...(options.changeLog ? { changeLog: options.changeLog } : {}) });
  const bot: BotApp = createApp({ deps, channelSecret: CHANNEL_SECRET, maxBodyBytes: MAX_BODY_BYTES, extraRoutes: [admin] });
  return {
    ...base,
    bot,
    deps,
    engine,
    knowledgeDir,
    post: (body, signature) => {
      const test = request(bot.app).post('/webhook').set('content-type', 'application/json');
      if (signature !== null) test.set('x-line-signature', signature ?? sign(body));
      return test.send(body);
    },
    api: (method, apiPath) => request(bot.app)[method](`/admin/api/${apiPath}`).set('authorization', `Bearer ${ADMIN_TOKEN}`),
    close: async () => {
      bot.inbox.stop();
      await bot.idle();
      await base.close();
    },
  };
}

// Building a second index costs seconds per test file; tests that edit nothing share the harness's.
async function readOnlyEngine(): Promise<AdminEngine> {
  const engine = await engineForTests();
  return {
    current: () => engine,
    knowledge: () => engine.knowledgeBase,
    reload: async () => ({ ok: true, builtMs: 0, indexRebuilt: true }),
  };
}

/** Removes a knowledge copy made by copyKnowledge. */
export async function removeKnowledgeCopy(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
