import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDayLog } from '../../src/storage/day-log-data.js';
import { DayLogFile } from '../../src/storage/day-log-file.js';
import type { DayLogWriter } from '../../src/storage/day-log-file.js';
import { DAY_LOG_VERSION } from '../../src/storage/day-log-lines.js';
import { DayLog } from '../../src/storage/day-log.js';
import type { RecordLists } from '../../src/storage/record-archive.js';
import { parseDayText } from './day-file-text.js';
import { feedbackEntry, logEntry } from './store-contract.js';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

type Write = { append: string } | { replace: RecordLists };

/** Keeps what each write received; each write waits until the test releases it, and fails when told to. */
class HeldWriter implements DayLogWriter {
  readonly written: Write[] = [];
  failNext = false;
  readonly #held: Array<() => void> = [];

  async append(text: string): Promise<void> {
    await this.#hold({ append: text });
  }

  async replace(lists: RecordLists): Promise<void> {
    await this.#hold({ replace: JSON.parse(JSON.stringify(lists)) as RecordLists });
  }

  async close(): Promise<void> {}

  async #hold(write: Write): Promise<void> {
    await new Promise<void>((resolve) => this.#held.push(resolve));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('ENOSPC: no space left on device');
    }
    this.written.push(write);
  }

  async release(): Promise<void> {
    await nextMacrotask();
    this.#held.shift()?.();
    await nextMacrotask();
  }
}

const line = (kind: string, entry: object) => `${JSON.stringify({ kind, entry })}\n`;

describe('DayLog', () => {
  it('resolves an entry only after an append that contains it, a burst costing one append of just its lines', async () => {
    const writer = new HeldWriter();
    const log = new DayLog(writer, { ...emptyDayLog(), logs: [logEntry('2025-04-01T00:00:00Z', { text: 'already stored' })] });
    let firstDone = false;
    const burst = Promise.all([log.append('logs', logEntry('2025-04-01T00:00:01Z')), log.append('feedback', feedbackEntry('2025-04-01T00:00:02Z'))]).then(() => (firstDone = true));
    await nextMacrotask();
    let lateDone = false;
    const late = log.append('logs', logEntry('2025-04-01T00:00:03Z')).then(() => (lateDone = true));
    await writer.release();
    expect(firstDone).toBe(true);
    expect(lateDone).toBe(false);
    expect(writer.written[0]).toEqual({ append: line('logs', logEntry('2025-04-01T00:00:01Z')) + line('feedback', feedbackEntry('2025-04-01T00:00:02Z')) });
    await writer.release();
    await Promise.all([burst, late]);
    expect(writer.written[1]).toEqual({ append: line('logs', logEntry('2025-04-01T00:00:03Z')) });
    expect(log.lists.logs).toHaveLength(3);
  });

  it('appends nothing for an event already recorded', async () => {
    const writer = new HeldWriter();
    const log = new DayLog(writer, { ...emptyDayLog(), logs: [logEntry('2025-04-01T00:00:00Z', { eventId: '01HONCE' })] });
    const again = log.append('logs', logEntry('2025-04-01T00:00:05Z', { eventId: '01HONCE' }));
    await writer.release();
    await again;
    expect(writer.written).toEqual([]);
    expect(log.lists.logs).toHaveLength(1);
  });

  it('after a failed append, takes the entry back and replaces the file whole with what memory keeps', async () => {
    const writer = new HeldWriter();
    const log = new DayLog(writer, { ...emptyDayLog(), logs: [logEntry('2025-04-01T00:00:00Z')] });
    writer.failNext = true;
    const lost = log.append('logs', logEntry('2025-04-01T00:00:01Z', { text: 'lost' }));
    await writer.release();
    await expect(lost).rejects.toThrow(/ENOSPC/);
    const kept = log.append('logs', logEntry('2025-04-01T00:00:02Z', { text: 'kept' }));
    await writer.release();
    await kept;
    expect(writer.written).toEqual([{ replace: { logs: [logEntry('2025-04-01T00:00:00Z'), logEntry('2025-04-01T00:00:02Z', { text: 'kept' })], feedback: [] } }]);
    const next = log.append('logs', logEntry('2025-04-01T00:00:03Z'));
    await writer.release();
    await next;
    expect(writer.written[1]).toEqual({ append: line('logs', logEntry('2025-04-01T00:00:03Z')) });
  });

  it('writes nothing when pruning removes nothing, and replaces the file when it removes something', async () => {
    const writer = new HeldWriter();
    const log = new DayLog(writer, { ...emptyDayLog(), logs: [logEntry('2025-04-01T12:00:00Z')] });
    const pruned = log.prune('logs', Date.parse('2025-04-01T00:00:00Z'));
    expect(pruned.removed).toBe(0);
    await pruned.written;
    expect(writer.written).toEqual([]);
    const some = log.prune('logs', Date.parse('2025-04-02T00:00:00Z'));
    expect(some.removed).toBe(1);
    await writer.release();
    await some.written;
    expect(writer.written).toEqual([{ replace: emptyDayLog() }]);
  });

  it('converts a day read from an earlier version with its first write', async () => {
    const writer = new HeldWriter();
    const old = logEntry('2025-04-01T00:00:00Z');
    const log = new DayLog(writer, { ...emptyDayLog(), logs: [old] }, true);
    const fresh = log.append('logs', logEntry('2025-04-01T00:00:01Z'));
    await writer.release();
    await fresh;
    expect(writer.written).toEqual([{ replace: { logs: [old, logEntry('2025-04-01T00:00:01Z')], feedback: [] } }]);
  });
});

describe('DayLogFile', () => {
  it('creates its directory and the file (0o600, header first) on the first append, appends after, and deletes the file once the day is empty', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dx-daylog-'));
    made.push(root);
    const dir = path.join(root, 'dx-navi-log');
    const file = path.join(dir, '2025-04-01.jsonl');
    const writer = new DayLogFile(dir, '2025-04-01');
    await writer.append(line('logs', logEntry('2025-04-01T00:00:00Z')));
    await writer.append(line('feedback', feedbackEntry('2025-04-01T00:00:01Z')));
    const text = await readFile(file, 'utf8');
    expect(text.startsWith(`{"version":${DAY_LOG_VERSION}}\n`)).toBe(true);
    expect(parseDayText(text)).toEqual({ version: DAY_LOG_VERSION, logs: [logEntry('2025-04-01T00:00:00Z')], feedback: [feedbackEntry('2025-04-01T00:00:01Z')] });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(writer.state).toEqual({ exists: true, size: Buffer.byteLength(text) });
    await writer.replace(emptyDayLog());
    expect(await readdir(dir)).toEqual([]);
    await expect(writer.replace(emptyDayLog())).resolves.toBeUndefined();
  });
});
