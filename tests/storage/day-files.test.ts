import { appendFile, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DAY_LOG_DIR_NAME } from '../../src/storage/day-log-archive.js';
import { emptyDayLog } from '../../src/storage/day-log-data.js';
import { DAY_LOG_VERSION } from '../../src/storage/day-log-lines.js';
import { openLowdbStore } from '../../src/storage/lowdb-store.js';
import type { OpenLowdbStoreOptions } from '../../src/storage/lowdb-store.js';
import { UnsupportedStoreVersionError } from '../../src/storage/store-data.js';
import type { Store } from '../../src/storage/store.js';
import { dayPath, legacyDayPath, readDay } from './day-file-text.js';
import { feedbackEntry, logEntry } from './store-contract.js';

const made: string[] = [];
const opened: Store[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dx-days-'));
  made.push(dir);
  return dir;
}

async function open(dir: string, options: OpenLowdbStoreOptions = {}): Promise<Store> {
  const store = await openLowdbStore(path.join(dir, 'dx-navi.json'), { warn: () => undefined, ...options });
  opened.push(store);
  return store;
}

const logDir = (dir: string) => path.join(dir, DAY_LOG_DIR_NAME);
const lineOf = (kind: 'logs' | 'feedback', entry: object) => `${JSON.stringify({ kind, entry })}\n`;

describe('logs and feedback in day files', () => {
  it('keeps each entry in the file of its UTC day, on disk when the call resolves, and nothing in the main file', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const late = logEntry('2025-04-01T23:59:59.999Z');
    const early = logEntry('2025-04-02T08:00:00+09:00', { text: '翌日の朝（日本時間）' });
    const next = logEntry('2025-04-02T00:00:00.000Z', { text: 'UTC の翌日' });
    const rated = feedbackEntry('2025-04-02T00:00:01Z', { query: '電子申請' });
    await store.appendLog(late);
    await store.appendLog(early);
    await store.appendLog(next);
    await store.addFeedback(rated);
    await store.claimEvent('01HMAIN');

    expect((await readdir(logDir(dir))).sort()).toEqual(['2025-04-01.jsonl', '2025-04-02.jsonl']);
    expect(await readFile(dayPath(dir, '2025-04-01'), 'utf8')).toBe(`{"version":${DAY_LOG_VERSION}}\n${lineOf('logs', late)}${lineOf('logs', early)}`);
    expect(await readDay(dir, '2025-04-01')).toEqual({ version: DAY_LOG_VERSION, logs: [late, early], feedback: [] });
    expect(await readDay(dir, '2025-04-02')).toEqual({ version: DAY_LOG_VERSION, logs: [next], feedback: [rated] });
    // Conversation logs are nobody else's business.
    expect((await stat(dayPath(dir, '2025-04-02'))).mode & 0o777).toBe(0o600);
    // Neither records nor the claim rewrote the main file: there is none yet.
    expect((await readdir(dir)).sort()).toEqual(['dx-navi-claims.jsonl', 'dx-navi-log']);
  });

  it('lists from the files after reopening: oldest day first, each day in the order appended, filtered by period', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    const entries = [logEntry('2025-04-03T10:00:00Z'), logEntry('2025-04-01T10:00:00Z'), logEntry('2025-04-03T09:00:00Z'), logEntry('2025-04-02T10:00:00Z')];
    for (const entry of entries) await first.appendLog(entry);
    await first.close();

    const second = await open(dir);
    expect((await second.listLogs()).map((entry) => entry.at)).toEqual(['2025-04-01T10:00:00Z', '2025-04-02T10:00:00Z', '2025-04-03T10:00:00Z', '2025-04-03T09:00:00Z']);
    expect((await second.listLogs({ from: new Date('2025-04-02T10:00:00Z'), to: new Date('2025-04-03T09:30:00Z') })).map((entry) => entry.at)).toEqual(['2025-04-02T10:00:00Z', '2025-04-03T09:00:00Z']);
    expect(await second.listFeedback()).toEqual([]);
  });

  it('reloads a day dropped from memory before adding to it, so its file keeps every entry', async () => {
    const dir = await tempDir();
    const store = await open(dir, { daysInMemory: 1 });
    const a1 = logEntry('2025-04-01T01:00:00Z');
    const b1 = logEntry('2025-04-02T01:00:00Z');
    const a2 = logEntry('2025-04-01T02:00:00Z');
    await store.appendLog(a1);
    await store.appendLog(b1); // drops 04-01 from memory
    await store.appendLog(a2); // an older day again, as a redelivered event would be
    expect((await readDay(dir, '2025-04-01')).logs).toEqual([a1, a2]);
    expect((await readDay(dir, '2025-04-02')).logs).toEqual([b1]);
  });

  it('loses nothing when many days are written at once with little memory', async () => {
    const dir = await tempDir();
    const store = await open(dir, { daysInMemory: 2 });
    const days = ['2025-04-01', '2025-04-02', '2025-04-03', '2025-04-04', '2025-04-05'];
    const entries = Array.from({ length: 60 }, (_, i) => logEntry(`${days[i % days.length]}T00:00:${String(i).padStart(2, '0')}Z`, { text: `q${i}` }));
    await Promise.all(entries.map((entry, i) => (i % 3 === 0 ? store.addFeedback(feedbackEntry(entry.at, { query: entry.text })) : store.appendLog(entry))));
    const onDisk = await Promise.all(days.map((day) => readDay(dir, day)));
    const logged = onDisk.flatMap((day) => day.logs.map((entry) => entry.text));
    const rated = onDisk.flatMap((day) => day.feedback.map((entry) => entry.query));
    expect([...logged, ...rated].sort()).toEqual(entries.map((entry) => entry.text).sort());
    expect((await store.listLogs()).length + (await store.listFeedback()).length).toBe(60);
  });

  it.skipIf(process.platform !== 'linux')('keeps one handle open per day in memory, releasing it when the day leaves memory and when the store closes', async () => {
    const dir = await tempDir();
    // The files of this process's open descriptors that are day files of this store.
    const openDayFiles = async () => {
      const names: string[] = [];
      for (const fd of await readdir('/proc/self/fd')) {
        const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
        if (target.startsWith(logDir(dir))) names.push(path.basename(target));
      }
      return names.sort();
    };
    const store = await openLowdbStore(path.join(dir, 'dx-navi.json'), { warn: () => undefined, daysInMemory: 1 });
    for (let i = 0; i < 5; i++) await store.appendLog(logEntry(`2025-04-01T01:00:0${i}Z`));
    expect(await openDayFiles()).toEqual(['2025-04-01.jsonl']);
    await store.appendLog(logEntry('2025-04-02T01:00:00Z')); // 04-01 leaves memory
    await store.appendLog(logEntry('2025-04-02T01:00:01Z'));
    expect(await openDayFiles()).toEqual(['2025-04-02.jsonl']);
    await store.close();
    expect(await openDayFiles()).toEqual([]);
    expect((await readDay(dir, '2025-04-01')).logs).toHaveLength(5);
    expect((await readDay(dir, '2025-04-02')).logs).toHaveLength(2);
  });

  it('deletes the files of days wholly before the cut-off and filters the boundary day', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    for (const at of ['2025-04-01T12:00:00Z', '2025-04-02T12:00:00Z', '2025-04-03T06:00:00Z', '2025-04-03T18:00:00Z', '2025-04-04T12:00:00Z']) {
      await store.appendLog(logEntry(at));
      await store.addFeedback(feedbackEntry(at));
    }
    const cutoff = new Date('2025-04-03T12:00:00Z');
    expect(await store.pruneLogs(cutoff)).toBe(3);
    // Feedback is kept until pruned on its own, so the old days still have a file.
    expect((await readdir(logDir(dir))).sort()).toEqual(['2025-04-01.jsonl', '2025-04-02.jsonl', '2025-04-03.jsonl', '2025-04-04.jsonl']);
    expect(await readDay(dir, '2025-04-01')).toEqual({ version: DAY_LOG_VERSION, ...emptyDayLog(), feedback: [feedbackEntry('2025-04-01T12:00:00Z')] });
    expect(await store.pruneFeedback(cutoff)).toBe(3);
    expect((await readdir(logDir(dir))).sort()).toEqual(['2025-04-03.jsonl', '2025-04-04.jsonl']);
    expect(await readDay(dir, '2025-04-03')).toEqual({ version: DAY_LOG_VERSION, logs: [logEntry('2025-04-03T18:00:00Z')], feedback: [feedbackEntry('2025-04-03T18:00:00Z')] });
    // Appends after a prune's rewrite go on at the end of the rewritten file.
    await store.appendLog(logEntry('2025-04-03T19:00:00Z'));
    expect((await readDay(dir, '2025-04-03')).logs).toEqual([logEntry('2025-04-03T18:00:00Z'), logEntry('2025-04-03T19:00:00Z')]);
    expect(await store.pruneLogs(cutoff)).toBe(0);
    expect(await store.pruneFeedback(cutoff)).toBe(0);
  });

  it('moves a file that is no day file aside with a warning, never overwriting it, and starts that day empty', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.appendLog(logEntry('2025-04-01T00:00:00Z'));
    await first.appendLog(logEntry('2025-04-02T00:00:00Z'));
    await first.close();
    const alien = '{"logs":[{"at":"2025-04-01T00:00:00Z"}]}\n';
    await writeFile(dayPath(dir, '2025-04-01'), alien);
    // A temp file left by a kill mid-rewrite is no day file: it is neither read nor quarantined.
    await writeFile(path.join(logDir(dir), '.2025-04-02.jsonl.tmp'), '{"version":2}\n{"kind":"lo');

    const warn = vi.fn<(message: string) => void>();
    const second = await open(dir, { warn });
    expect((await second.listLogs()).map((entry) => entry.at)).toEqual(['2025-04-02T00:00:00Z']);
    const aside = (await readdir(logDir(dir))).filter((name) => name.includes('.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(aside[0]?.startsWith('2025-04-01.jsonl.corrupt-')).toBe(true);
    expect(await readFile(path.join(logDir(dir), aside[0] ?? ''), 'utf8')).toBe(alien);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain(aside[0]);

    const fresh = logEntry('2025-04-01T09:00:00Z');
    await second.appendLog(fresh);
    expect((await readDay(dir, '2025-04-01')).logs).toEqual([fresh]);
    expect(await readFile(path.join(logDir(dir), aside[0] ?? ''), 'utf8')).toBe(alien);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('skips a last line cut short by a crash, says so, and appends the next entry on a clean line', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    const kept = [logEntry('2025-04-01T01:00:00Z'), logEntry('2025-04-01T02:00:00Z')];
    for (const entry of kept) await first.appendLog(entry);
    await first.close();
    // What a power cut in the middle of an append can leave: part of a line, without its newline.
    await appendFile(dayPath(dir, '2025-04-01'), lineOf('logs', logEntry('2025-04-01T03:00:00Z')).slice(0, 30));

    const warn = vi.fn<(message: string) => void>();
    const second = await open(dir, { warn });
    expect(await second.listLogs()).toEqual(kept);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/2025-04-01\.jsonl: skipped a last line cut short by a crash/);
    const next = logEntry('2025-04-01T04:00:00Z');
    await second.appendLog(next);
    expect(await readDay(dir, '2025-04-01')).toEqual({ version: DAY_LOG_VERSION, logs: [...kept, next], feedback: [] });
    // Cut short, never acknowledged: nothing worth keeping aside.
    expect((await readdir(logDir(dir))).filter((name) => name.includes('.corrupt-'))).toEqual([]);
    await second.close();
    expect(await (await open(dir)).listLogs()).toEqual([...kept, next]);
  });

  it('keeps the readable lines of a damaged day file, and the file as it was beside it', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    const entries = [logEntry('2025-04-01T01:00:00Z'), logEntry('2025-04-01T02:00:00Z'), logEntry('2025-04-01T03:00:00Z')];
    for (const entry of entries) await first.appendLog(entry);
    await first.addFeedback(feedbackEntry('2025-04-01T04:00:00Z'));
    await first.close();
    const lines = (await readFile(dayPath(dir, '2025-04-01'), 'utf8')).split('\n');
    lines[2] = '{"kind":"logs","entr\u0000\u0000\u0000';
    const damaged = lines.join('\n');
    await writeFile(dayPath(dir, '2025-04-01'), damaged);

    const warn = vi.fn<(message: string) => void>();
    const second = await open(dir, { warn });
    expect(await second.listLogs()).toEqual([entries[0], entries[2]]);
    expect(await second.listFeedback()).toEqual([feedbackEntry('2025-04-01T04:00:00Z')]);
    const aside = (await readdir(logDir(dir))).filter((name) => name.includes('.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(logDir(dir), aside[0] ?? ''), 'utf8')).toBe(damaged);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('skipped 1 unreadable line(s)');
    expect(warn.mock.calls[0]?.[0]).toContain(aside[0]);
    expect(await readDay(dir, '2025-04-01')).toEqual({ version: DAY_LOG_VERSION, logs: [entries[0], entries[2]], feedback: [feedbackEntry('2025-04-01T04:00:00Z')] });
  });

  it('refuses to add to a day file from a newer program and leaves it untouched', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.appendLog(logEntry('2025-04-02T00:00:00Z'));
    const newer = `${JSON.stringify({ version: DAY_LOG_VERSION + 1, more: true })}\n{"shape":"unknown"}\n`;
    await writeFile(dayPath(dir, '2025-04-01'), newer);
    await expect(store.appendLog(logEntry('2025-04-01T00:00:00Z'))).rejects.toBeInstanceOf(UnsupportedStoreVersionError);
    expect(await readFile(dayPath(dir, '2025-04-01'), 'utf8')).toBe(newer);
    // A version-1 day document claiming a later version is refused the same way.
    const newerLegacy = JSON.stringify({ version: 2, logs: [], feedback: [] });
    await writeFile(legacyDayPath(dir, '2025-04-03'), newerLegacy);
    await expect(store.appendLog(logEntry('2025-04-03T00:00:00Z'))).rejects.toBeInstanceOf(UnsupportedStoreVersionError);
    expect(await readFile(legacyDayPath(dir, '2025-04-03'), 'utf8')).toBe(newerLegacy);
  });
});

describe('day documents written by earlier versions (version-1 `.json`)', () => {
  const legacyDay = (logs: object[], feedback: object[] = []) => JSON.stringify({ version: 1, logs, feedback });

  it('reads one as it is, converts it to a `.jsonl` of old and new entries on the day’s first write, and removes it', async () => {
    const dir = await tempDir();
    const old = [logEntry('2025-04-01T01:00:00Z', { text: '古い質問', eventId: '01HOLD' }), logEntry('2025-04-01T02:00:00Z')];
    const rated = feedbackEntry('2025-04-01T01:30:00Z');
    await mkdir(logDir(dir), { recursive: true });
    await writeFile(legacyDayPath(dir, '2025-04-01'), legacyDay(old, [rated]), { mode: 0o600 });
    await writeFile(legacyDayPath(dir, '2025-04-02'), legacyDay([logEntry('2025-04-02T01:00:00Z')]), { mode: 0o600 });

    const store = await open(dir);
    expect(await store.listLogs()).toEqual([...old, logEntry('2025-04-02T01:00:00Z')]);
    expect(await store.listFeedback()).toEqual([rated]);
    // Reading converts nothing.
    expect((await readdir(logDir(dir))).sort()).toEqual(['2025-04-01.json', '2025-04-02.json']);

    const fresh = logEntry('2025-04-01T03:00:00Z');
    await store.appendLog(fresh);
    // An event recorded in the old document is still recognised: no second copy.
    await store.appendLog(logEntry('2025-04-01T04:00:00Z', { eventId: '01HOLD' }));
    expect((await readdir(logDir(dir))).sort()).toEqual(['2025-04-01.jsonl', '2025-04-02.json']);
    expect(await readDay(dir, '2025-04-01')).toEqual({ version: DAY_LOG_VERSION, logs: [...old, fresh], feedback: [rated] });
    expect((await stat(dayPath(dir, '2025-04-01'))).mode & 0o777).toBe(0o600);
    // Pruning a day still in the old form converts it too; emptied, both its files are gone.
    expect(await store.pruneLogs(new Date('2025-04-02T12:00:00Z'))).toBe(4);
    expect(await store.pruneFeedback(new Date('2025-04-02T12:00:00Z'))).toBe(1);
    expect(await readdir(logDir(dir))).toEqual([]);
  });

  it('reads only the `.jsonl` of a day that has both (a conversion cut short), and removes the `.json` once loaded for writing', async () => {
    const dir = await tempDir();
    const entries = [logEntry('2025-04-01T01:00:00Z'), logEntry('2025-04-01T02:00:00Z')];
    await mkdir(logDir(dir), { recursive: true });
    await writeFile(legacyDayPath(dir, '2025-04-01'), legacyDay([entries[0] ?? {}]));
    await writeFile(dayPath(dir, '2025-04-01'), `{"version":${DAY_LOG_VERSION}}\n${entries.map((entry) => lineOf('logs', entry)).join('')}`);
    const store = await open(dir);
    expect(await store.listLogs()).toEqual(entries);
    const next = logEntry('2025-04-01T03:00:00Z');
    await store.appendLog(next);
    expect(await readdir(logDir(dir))).toEqual(['2025-04-01.jsonl']);
    expect((await readDay(dir, '2025-04-01')).logs).toEqual([...entries, next]);
  });
});

describe('the cost of recording one entry', () => {
  it('with 20 days of 300 entries stored, appending one writes only its line at the end of its day’s file', async () => {
    const dir = await tempDir();
    const days = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2025, 3, 1 + i)).toISOString().slice(0, 10));
    // Written as a version-1 file and migrated: the fastest honest way to have 6,000 entries stored.
    const v1 = {
      version: 1,
      claimedEvents: {},
      municipalities: { alice: '鹿屋市' },
      logs: days.flatMap((day) => Array.from({ length: 300 }, (_, i) => logEntry(new Date(Date.parse(day) + i * 60_000).toISOString(), { text: `${day} の質問 ${i}` }))),
      feedback: [],
    };
    await writeFile(path.join(dir, 'dx-navi.json'), JSON.stringify(v1));
    await (await open(dir)).close();

    const files = [path.join(dir, 'dx-navi.json'), ...days.map((day) => dayPath(dir, day))];
    const statAll = () => Promise.all(files.map((file) => stat(file)));
    const readAll = () => Promise.all(files.map((file) => readFile(file)));
    const [before, bytesBefore] = [await statAll(), await readAll()];

    const store = await open(dir);
    const today = logEntry(`${days[19]}T23:00:00Z`, { text: '今日の新しい質問' });
    const redelivered = logEntry(`${days[4]}T23:00:00Z`, { text: '再送された古い質問' });
    await store.appendLog(today);
    await store.appendLog(redelivered);
    const [after, bytesAfter] = [await statAll(), await readAll()];

    const appended = new Map([
      [dayPath(dir, days[19] ?? ''), lineOf('logs', today)],
      [dayPath(dir, days[4] ?? ''), lineOf('logs', redelivered)],
    ]);
    files.forEach((file, i) => {
      const [was, now] = [before[i], after[i]];
      const line = appended.get(file);
      if (line === undefined) {
        expect([now?.ino, now?.mtimeMs, now?.size], `${path.basename(file)} untouched`).toEqual([was?.ino, was?.mtimeMs, was?.size]);
        return;
      }
      // The same file, grown by exactly the new line, every earlier byte as it was: no rewrite.
      expect(now?.ino, `${path.basename(file)} appended to, not replaced`).toBe(was?.ino);
      expect(bytesAfter[i]?.length).toBe((bytesBefore[i]?.length ?? 0) + Buffer.byteLength(line));
      expect(bytesAfter[i]?.subarray(0, bytesBefore[i]?.length).equals(bytesBefore[i] ?? Buffer.alloc(0)), `${path.basename(file)}: earlier bytes unchanged`).toBe(true);
      expect(bytesAfter[i]?.subarray(bytesBefore[i]?.length).toString('utf8')).toBe(line);
    });
    expect((await readDay(dir, days[19] ?? '')).logs).toHaveLength(301);
    expect(await store.listLogs()).toHaveLength(6002);
  });
});
