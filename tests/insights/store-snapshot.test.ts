import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirsRemovedAfterEach } from '../support/temp-dirs.js';
import { NoStoreFileError, readStoreSnapshot } from '../../src/insights/store-snapshot.js';
import { DAY_LOG_DIR_NAME } from '../../src/storage/day-log-archive.js';
import { openStore, STORE_FILE_NAME } from '../../src/storage/open-store.js';
import { feedbackEntry, logEntry } from '../storage/store-contract.js';

const tempDir = tempDirsRemovedAfterEach('dx-snapshot-');

/** Every file under `dir` with its content, to prove a reader changed nothing. */
async function everything(dir: string): Promise<Record<string, string>> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = names.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return Object.fromEntries(await Promise.all(files.map(async (file) => [path.relative(dir, file), await readFile(file, 'utf8')] as const)));
}

const april = { from: new Date('2025-04-02T00:00:00Z'), to: new Date('2025-04-03T00:00:00Z') };

describe('readStoreSnapshot', () => {
  it('reads logs and feedback from the day files the period touches, writing nothing', async () => {
    const dir = await tempDir();
    const store = await openStore({ kind: 'lowdb', dir });
    const logs = ['2025-04-01T12:00:00Z', '2025-04-02T12:00:00Z', '2025-04-03T12:00:00Z'].map((at) => logEntry(at));
    for (const entry of logs) await store.appendLog(entry);
    await store.addFeedback(feedbackEntry('2025-04-02T13:00:00Z'));
    await store.claimEvent('01HSNAP');
    await store.close();
    const before = await everything(dir);

    const snapshot = await readStoreSnapshot(dir);
    expect(await snapshot.listLogs()).toEqual(logs);
    expect(await snapshot.listLogs(april)).toEqual([logs[1]]);
    expect(await snapshot.listFeedback(april)).toEqual([feedbackEntry('2025-04-02T13:00:00Z')]);
    expect(await everything(dir)).toEqual(before);
  });

  it('reads a version-1 file as it is, without migrating it', async () => {
    const dir = await tempDir();
    const v1 = { version: 1, claimedEvents: {}, municipalities: {}, logs: [logEntry('2025-04-02T12:00:00Z')], feedback: [feedbackEntry('2025-04-02T13:00:00Z')] };
    await writeFile(path.join(dir, STORE_FILE_NAME), JSON.stringify(v1));
    const snapshot = await readStoreSnapshot(dir);
    expect(await snapshot.listLogs(april)).toEqual(v1.logs);
    expect(await snapshot.listFeedback()).toEqual(v1.feedback);
    expect(await readdir(dir)).toEqual([STORE_FILE_NAME]);
  });

  it('reports an unreadable day file instead of moving it aside', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, DAY_LOG_DIR_NAME));
    await writeFile(path.join(dir, DAY_LOG_DIR_NAME, '2025-04-02.json'), '{"version":1,');
    const snapshot = await readStoreSnapshot(dir);
    await expect(snapshot.listLogs(april)).rejects.toThrow(/not valid JSON/);
    expect(await readdir(path.join(dir, DAY_LOG_DIR_NAME))).toEqual(['2025-04-02.json']);
  });

  it('reads version-1 day documents, damaged and torn day files without writing, converting or moving anything, and reports damaged lines', async () => {
    const dir = await tempDir();
    const store = await openStore({ kind: 'lowdb', dir });
    const kept = ['2025-04-02T01:00:00Z', '2025-04-02T02:00:00Z', '2025-04-02T03:00:00Z'].map((at) => logEntry(at));
    for (const entry of kept) await store.appendLog(entry);
    await store.close();
    const logDir = path.join(dir, DAY_LOG_DIR_NAME);
    // 04-02: one damaged line in the middle and an append still being written at the end.
    const lines = (await readFile(path.join(logDir, '2025-04-02.jsonl'), 'utf8')).split('\n');
    lines[2] = '{"kind":"logs","entry":';
    await writeFile(path.join(logDir, '2025-04-02.jsonl'), `${lines.join('\n')}{"kind":"logs","entry":{"at":"2025-04-02T04:`);
    // 04-01: a day an earlier version wrote, never converted by a reader.
    const old = logEntry('2025-04-01T12:00:00Z');
    await writeFile(path.join(logDir, '2025-04-01.json'), JSON.stringify({ version: 1, logs: [old], feedback: [] }));
    const before = await everything(dir);

    const reported: Array<[string, string]> = [];
    const snapshot = await readStoreSnapshot(dir, (file, reason) => reported.push([file, reason]));
    expect(await snapshot.listLogs()).toEqual([old, kept[0], kept[2]]);
    expect(reported).toEqual([[path.join(logDir, '2025-04-02.jsonl'), expect.stringContaining('1 unreadable line(s)')]]);
    expect(await everything(dir)).toEqual(before);
    // Without a handler, damaged lines make reading fail rather than pass unnoticed.
    await expect((await readStoreSnapshot(dir)).listLogs(april)).rejects.toThrow(/unreadable line/);
  });

  it('says there is no data only when there is neither a main file nor day files', async () => {
    const dir = await tempDir();
    await expect(readStoreSnapshot(dir)).rejects.toBeInstanceOf(NoStoreFileError);
    const store = await openStore({ kind: 'lowdb', dir });
    await store.appendLog(logEntry('2025-04-02T12:00:00Z'));
    await store.close();
    expect(await (await readStoreSnapshot(dir)).listLogs()).toHaveLength(1);
  });
});
