import { describe, expect, it } from 'vitest';
import { EventLoopTurns } from '../../src/bot/event-loop-turns.js';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Stands in for an answer: synchronous CPU work.
  }
}

describe('EventLoopTurns', () => {
  it('runs work in the order it was queued and hands back each result', async () => {
    const turns = new EventLoopTurns();
    const order: number[] = [];
    const results = await Promise.all([1, 2, 3].map((n) => turns.run(() => (order.push(n), n * 10))));
    expect(order).toEqual([1, 2, 3]);
    expect(results).toEqual([10, 20, 30]);
    expect(turns.pending).toBe(0);
  });

  it('rejects only the work that threw; the work after it still runs', async () => {
    const turns = new EventLoopTurns();
    const failing = turns.run(() => {
      throw new Error('bad question');
    });
    const next = turns.run(() => 'answered');
    await expect(failing).rejects.toThrow('bad question');
    await expect(next).resolves.toBe('answered');
  });

  it('lets the event loop go round between two pieces of work, so timers and I/O are not held up by a backlog', async () => {
    const turns = new EventLoopTurns();
    let finished = 0;
    let finishedWhenTimerFired = -1;
    setTimeout(() => {
      finishedWhenTimerFired = finished;
    }, 0);
    await Promise.all(
      Array.from({ length: 40 }, () =>
        turns.run(() => {
          busy(2);
          finished += 1;
        }),
      ),
    );
    // Run back to back, all 40 would finish before the timer; queued, the timer fires after a few.
    expect(finishedWhenTimerFired).toBeGreaterThanOrEqual(0);
    expect(finishedWhenTimerFired).toBeLessThan(10);
  });
});
