import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open-store.js';
import { MISSED_EVENT_INTENT } from '../../src/storage/store.js';
import { bodyOf, freshEvent } from '../faults/webhook-events.js';
import { startHarness, type Harness } from './webhook-harness.js';

const harnesses: Harness[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function harness(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(options);
  harnesses.push(h);
  return h;
}

const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the durable inbox behind POST /webhook', () => {
  it('has the events stored by the time LINE gets its 200', async () => {
    const h = await harness();
    const event = freshEvent('text-glossary.json');
    const response = await h.post(bodyOf(event));
    expect(response.status).toBe(200);
    // Stored and leased to this process: a redelivery in the meantime is a duplicate, not a second answer.
    expect(await h.store.acceptEvents([{ webhookEventId: event.webhookEventId, receivedAt: new Date().toISOString(), event }], 'someone-else', 1000)).toEqual([]);
    await h.bot.idle();
    expect(h.stub.replies().map((reply) => reply.replyToken)).toEqual([event.replyToken]);
  });

  it('answers 503 and stores nothing when the store cannot write, and /healthz says why', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dx-inbox-'));
    dirs.push(dir);
    const store = await openStore({ kind: 'lowdb', dir });
    const h = await harness({ store });
    expect((await request(h.bot.app).get('/healthz')).status).toBe(200);
    // The data directory disappears (an unmounted volume): every write fails, as on a full or read-only disk.
    await rm(dir, { recursive: true, force: true });
    const event = freshEvent('text-glossary.json');
    const response = await h.post(bodyOf(event));
    expect(response.status).toBe(503);
    const health = await request(h.bot.app).get('/healthz');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/ENOENT/) });
    await h.bot.idle();
    expect(h.stub.replies()).toEqual([]);
  });

  it('answers what a dead process left in the inbox, and logs as missed what is too old to answer', async () => {
    const store = await openStore({ kind: 'memory' });
    const fresh = freshEvent('text-glossary.json');
    const stale = freshEvent('text-procedure.json');
    const now = Date.now();
    await store.acceptEvents([{ webhookEventId: fresh.webhookEventId, receivedAt: new Date(now - 5000).toISOString(), event: fresh }], 'dead-process', 1, new Date(now - 5000));
    await store.acceptEvents([{ webhookEventId: stale.webhookEventId, receivedAt: new Date(now - 120_000).toISOString(), event: stale }], 'dead-process', 1, new Date(now - 120_000));
    const h = await harness({ store });
    await until(async () => (await request(h.bot.app).get('/healthz')).body.inbox.takenOver === 2);
    await h.bot.idle();
    expect(h.stub.replies().map((reply) => reply.replyToken)).toEqual([fresh.replyToken]);
    const logs = await store.listLogs();
    expect(logs.map((log) => [log.eventId, log.intent === MISSED_EVENT_INTENT])).toEqual(
      expect.arrayContaining([
        [fresh.webhookEventId, false],
        [stale.webhookEventId, true],
      ]),
    );
    expect((await request(h.bot.app).get('/healthz')).body.inbox).toMatchObject({ takenOver: 2, missed: 1 });
    // Both are finished: nothing is taken over twice.
    expect(await store.takeOverEvents('later', 1000, 10, new Date(now + 60_000))).toEqual([]);
  });

  it('still replies when the log cannot be written, and counts the dropped entry', async () => {
    const store = await openStore({ kind: 'memory' });
    store.appendLog = async () => {
      throw new Error('disk full');
    };
    const h = await harness({ store });
    const event = freshEvent('text-glossary.json');
    expect((await h.post(bodyOf(event))).status).toBe(200);
    await h.bot.idle();
    expect(h.stub.replies()).toHaveLength(1);
    expect((await request(h.bot.app).get('/healthz')).body.droppedRecords).toEqual({ logs: 1, feedback: 0 });
  });
});
