import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CoalescedFlush } from '../../src/storage/coalesced-flush.js';

/** A flush that holds each run until the test releases it, recording how runs overlap. */
function heldFlush() {
  const releases: Array<(error?: Error) => void> = [];
  let running = 0;
  const stats = { started: 0, maxConcurrent: 0 };
  const flush = new CoalescedFlush(async () => {
    stats.started += 1;
    running += 1;
    stats.maxConcurrent = Math.max(stats.maxConcurrent, running);
    try {
      await new Promise<void>((resolve, reject) => releases.push((error) => (error ? reject(error) : resolve())));
    } finally {
      running -= 1;
    }
  });
  async function release(error?: Error): Promise<void> {
    await nextMacrotask();
    const next = releases.shift();
    if (!next) throw new Error('no run is waiting to be released');
    next(error);
    await nextMacrotask();
  }
  return { flush, stats, release };
}

/** Tracks whether a promise has settled, without awaiting it. */
function watch(promise: Promise<void>) {
  const state = { settled: false, error: undefined as unknown };
  promise.then(
    () => (state.settled = true),
    (error: unknown) => {
      state.settled = true;
      state.error = error;
    },
  );
  return state;
}

describe('CoalescedFlush', () => {
  it('runs once for every request made in the same tick', async () => {
    let runs = 0;
    const flush = new CoalescedFlush(async () => {
      runs += 1;
    });
    await Promise.all(Array.from({ length: 50 }, () => flush.request()));
    expect(runs).toBe(1);
  });

  it('makes requests that arrive during a run wait for, and share, the next run', async () => {
    const { flush, stats, release } = heldFlush();
    const first = watch(flush.request());
    await nextMacrotask();
    const during = [watch(flush.request()), watch(flush.request()), watch(flush.request())];
    await release();
    expect(first.settled).toBe(true);
    expect(during.some((state) => state.settled)).toBe(false);
    await release();
    expect(during.every((state) => state.settled)).toBe(true);
    expect(stats).toEqual({ started: 2, maxConcurrent: 1 });
  });

  it('rejects only the batch whose run failed', async () => {
    const { flush, release } = heldFlush();
    const failing = flush.request();
    const failed = watch(failing);
    await nextMacrotask();
    const next = watch(flush.request());
    await release(new Error('disk full'));
    await expect(failing).rejects.toThrow('disk full');
    expect(next.settled).toBe(false);
    await release();
    expect(next).toEqual({ settled: true, error: undefined });
    expect(failed.error).toBeInstanceOf(Error);
  });

  it('reports idle only after running and waiting runs finish, even failed ones', async () => {
    const { flush, release } = heldFlush();
    flush.request().catch(() => undefined);
    await nextMacrotask();
    flush.request().catch(() => undefined);
    const idle = watch(flush.idle());
    await release(new Error('disk full'));
    expect(idle.settled).toBe(false);
    await release();
    await flush.idle();
    expect(idle).toEqual({ settled: true, error: undefined });
  });
});
