import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { Low } from 'lowdb';
import type { Adapter } from 'lowdb';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDayLog } from '../../src/storage/day-log-data.js';
import type { DayLogData } from '../../src/storage/day-log-data.js';
import { DayLogFile } from '../../src/storage/day-log-file.js';
import { DayLog } from '../../src/storage/day-log.js';
import { feedbackEntry, logEntry } from './store-contract.js';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Keeps what each write received; each write waits until the test releases it. */
class HeldAdapter implements Adapter<DayLogData> {
  readonly written: DayLogData[] = [];
  readonly #held: Array<() => void> = [];

  async read(): Promise<DayLogData | null> {
    return null;
  }

  async write(data: DayLogData): Promise<void> {
    const snapshot = JSON.parse(JSON.stringify(data)) as DayLogData;
    await new Promise<void>((resolve) => this.#held.push(resolve));
    this.written.push(snapshot);
  }

  async release(): Promise<void> {
    await nextMacrotask();
    this.#held.shift()?.();
    await nextMacrotask();
  }
}

describe('DayLog', () => {
  it('resolves an entry only after a write that contains it, a burst costing one write', async () => {
    const adapter = new HeldAdapter();
    const log = new DayLog(new Low(adapter, emptyDayLog()));
    let firstDone = false;
    const burst = Promise.all([log.append('logs', logEntry('2025-04-01T00:00:00Z')), log.append('feedback', feedbackEntry('2025-04-01T00:00:01Z'))]).then(() => (firstDone = true));
    await nextMacrotask();
    let lateDone = false;
    const late = log.append('logs', logEntry('2025-04-01T00:00:02Z')).then(() => (lateDone = true));
    await adapter.release();
    expect(firstDone).toBe(true);
    expect(lateDone).toBe(false);
    expect(adapter.written[0]).toMatchObject({ logs: [{ at: '2025-04-01T00:00:00Z' }], feedback: [{ at: '2025-04-01T00:00:01Z' }] });
    await adapter.release();
    await Promise.all([burst, late]);
    expect(adapter.written[1]?.logs).toHaveLength(2);
  });

  it('writes nothing when pruning removes nothing', async () => {
    const adapter = new HeldAdapter();
    const log = new DayLog(new Low(adapter, { ...emptyDayLog(), logs: [logEntry('2025-04-01T12:00:00Z')] }));
    const pruned = log.prune('logs', Date.parse('2025-04-01T00:00:00Z'));
    expect(pruned.removed).toBe(0);
    await pruned.written;
    expect(adapter.written).toEqual([]);
    const some = log.prune('logs', Date.parse('2025-04-02T00:00:00Z'));
    expect(some.removed).toBe(1);
    await adapter.release();
    await some.written;
    expect(adapter.written).toEqual([emptyDayLog()]);
  });
});

describe('DayLogFile', () => {
  it('creates its directory on the first write, and deletes the file once the day is empty', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dx-daylog-'));
    made.push(root);
    const file = path.join(root, 'dx-navi-log', '2025-04-01.json');
    const adapter = new DayLogFile(file);
    expect(await adapter.read()).toBeNull();
    const data = { ...emptyDayLog(), logs: [logEntry('2025-04-01T00:00:00Z')] };
    await adapter.write(data);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(data);
    await adapter.write(emptyDayLog());
    expect(await readdir(path.dirname(file))).toEqual([]);
    await expect(adapter.write(emptyDayLog())).resolves.toBeUndefined();
  });
});
