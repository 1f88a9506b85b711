import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open-store.js';
import { pruneExpired, retentionCutoff, scheduleRetention, type PruneResult } from '../../src/storage/retention.js';
import type { Store } from '../../src/storage/store.js';
import { feedbackTap, lineUserId, sendAll, textMessage } from '../insights/webhook-events.js';
import { startHarness, type Harness } from '../server/webhook-harness.js';
import { feedbackEntry, logEntry } from './store-contract.js';

const now = new Date('2026-09-01T00:00:00Z');
const daysBefore = (days: number, extraMs = 0) => new Date(now.getTime() - days * 86_400_000 + extraMs).toISOString();

describe('retentionCutoff', () => {
  it('is the given number of days before now', () => {
    expect(retentionCutoff(90, now).toISOString()).toBe('2026-06-03T00:00:00.000Z');
  });

  it('refuses a period that is not a whole number of days', () => {
    expect(() => retentionCutoff(0, now)).toThrow(RangeError);
    expect(() => retentionCutoff(1.5, now)).toThrow(RangeError);
  });
});

describe('pruning records sent through the webhook', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('removes logs and feedback older than the retention period and keeps the rest', async () => {
    h = await startHarness();
    const user = lineUserId(1);
    await sendAll(h, [
      textMessage('RPAとは', { user, at: daysBefore(91) }),
      feedbackTap('rpa', true, { user, at: daysBefore(91) }),
      textMessage('ロボパとは', { user, at: daysBefore(90, 1000) }),
      feedbackTap('rpa', false, { user, at: daysBefore(90, 1000) }),
      textMessage('ＲＰＡって何ですか', { user, at: daysBefore(1) }),
    ]);
    expect(await h.store.listLogs()).toHaveLength(3);
    expect(await h.store.listFeedback()).toHaveLength(2);

    const result = await pruneExpired(h.store, 90, now);
    expect(result).toEqual({ before: new Date(daysBefore(90)), logs: 1, feedback: 1 });
    expect((await h.store.listLogs()).map((log) => log.text)).toEqual(['ロボパとは', 'ＲＰＡって何ですか']);
    expect((await h.store.listFeedback()).map((entry) => entry.helpful)).toEqual([false]);
  });
});

describe('scheduleRetention', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  async function storeWithOldAndNew(): Promise<Store> {
    const store = await openStore({ kind: 'memory' });
    stores.push(store);
    await store.appendLog(logEntry(daysBefore(40)));
    await store.appendLog(logEntry(daysBefore(2)));
    await store.addFeedback(feedbackEntry(daysBefore(40)));
    return store;
  }

  it('prunes at once, then again every interval, until stopped', async () => {
    const store = await storeWithOldAndNew();
    const passes: PruneResult[] = [];
    const schedule = scheduleRetention(store, { retentionDays: 30, intervalMs: 10, now: () => now, onPruned: (result) => passes.push(result) });
    await schedule.firstPass;
    expect(passes[0]).toMatchObject({ logs: 1, feedback: 1 });
    expect(await store.listLogs()).toHaveLength(1);
    await store.appendLog(logEntry(daysBefore(50)));
    await expect.poll(() => passes.length, { timeout: 2000 }).toBeGreaterThan(1);
    await schedule.stop();
    expect(await store.listLogs()).toHaveLength(1);
    const count = passes.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(passes.length).toBe(count);
  });

  it('reports a failing pass instead of throwing', async () => {
    const store = await storeWithOldAndNew();
    await store.close();
    const errors: unknown[] = [];
    const schedule = scheduleRetention(store, { retentionDays: 30, now: () => now, onError: (error) => errors.push(error) });
    await schedule.firstPass;
    await schedule.stop();
    expect(errors).toHaveLength(1);
  });

  it('refuses a bad retention period at once', async () => {
    const store = await storeWithOldAndNew();
    expect(() => scheduleRetention(store, { retentionDays: 0 })).toThrow(RangeError);
  });
});
