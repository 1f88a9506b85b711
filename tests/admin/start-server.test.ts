import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { startMessagingApiStub, type MessagingApiStub } from '../../src/line-stub/messaging-api-stub.js';
import { memoryLogger } from '../../src/logging/logger.js';
import { DEFAULT_HTTP_LIMITS } from '../../src/server/http-server.js';
import { startServer } from '../../src/server/start-server.js';
import { openStore } from '../../src/storage/open-store.js';
import { feedbackEntry, logEntry } from '../storage/store-contract.js';
import { ADMIN_TOKEN, copyKnowledge, removeKnowledgeCopy } from './admin-harness.js';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

// The production wiring: pruning at start, the admin router, and the knowledge watch.
describe('startServer', { timeout: 60_000 }, () => {
  let stub: MessagingApiStub;
  let dataDir: string;
  let knowledgeDir: string;
  const logger = memoryLogger();
  let started: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    [stub, dataDir, knowledgeDir] = await Promise.all([startMessagingApiStub(), mkdtemp(path.join(os.tmpdir(), 'dx-start-')), copyKnowledge()]);
    const store = await openStore({ kind: 'lowdb', dir: dataDir });
    await store.appendLog(logEntry(daysAgo(91)));
    await store.appendLog(logEntry(daysAgo(89)));
    await store.addFeedback(feedbackEntry(daysAgo(91)));
    await store.addFeedback(feedbackEntry(daysAgo(1)));
    await store.close();
    const config: Config = {
      channelSecret: 'start-server-secret',
      channelAccessToken: 'start-server-token',
      lineApiBaseUrl: stub.url,
      port: 0,
      dataDir,
      defaultMunicipality: null,
      userHashSalt: 'start-server-salt',
      logRetentionDays: 90,
      adminToken: ADMIN_TOKEN,
      knowledgeDir,
      maxBodyBytes: 64 * 1024,
      maxConnections: 64,
      trustProxy: false,
      knowledgeWatch: false,
      databaseUrl: null,
      databasePoolSize: 5,
    };
    started = await startServer(config, logger, { knowledgeWatch: true });
  });
  afterAll(async () => {
    await started?.stop();
    await stub?.close();
    await Promise.all([rm(dataDir, { recursive: true, force: true }), removeKnowledgeCopy(knowledgeDir)]);
  });

  it('prunes logs and feedback older than LOG_RETENTION_DAYS at start', async () => {
    await expect.poll(() => logger.lines.find((line) => line.message === 'old records pruned')?.fields, { timeout: 5000 }).toMatchObject({ logs: 1, feedback: 1 });
  });

  it('serves with the documented request timeouts and the configured connection cap', () => {
    expect(started.server.headersTimeout).toBe(DEFAULT_HTTP_LIMITS.headersTimeoutMs);
    expect(started.server.requestTimeout).toBe(DEFAULT_HTTP_LIMITS.requestTimeoutMs);
    expect(started.server.keepAliveTimeout).toBe(DEFAULT_HTTP_LIMITS.keepAliveTimeoutMs);
    expect(started.server.maxConnections).toBe(64);
    // A webhook's whole request arrives at once: nothing near Node's 300 s defaults.
    expect(DEFAULT_HTTP_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(15_000);
  });

  it('mounts the admin API behind the token', async () => {
    await request(started.server).get('/admin/api/report').expect(401);
    const { body } = await request(started.server).get('/admin/api/report').set('authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
    // The one log kept (89 days old) is outside the default report of the last 30 days.
    expect(body.totals.messages).toBe(0);
  });

  it('reloads when a knowledge file changes on disk (KNOWLEDGE_WATCH)', async () => {
    const ask = async () => (await request(started.server).get(`/admin/api/nearest?q=${encodeURIComponent('ロボパとは')}`).set('authorization', `Bearer ${ADMIN_TOKEN}`).expect(200)).body;
    expect((await ask()).answered).toBe(false);
    const file = path.join(knowledgeDir, 'glossary', 'rpa.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('aliases:\n', 'aliases:\n  - ロボパ\n'));
    await expect.poll(async () => (await ask()).answered, { timeout: 30_000, interval: 500 }).toBe(true);
    expect(logger.lines).toContainEqual(expect.objectContaining({ message: 'knowledge reloaded', fields: expect.objectContaining({ trigger: 'watch' }) }));
  });
});
