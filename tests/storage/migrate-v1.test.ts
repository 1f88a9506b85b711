import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DAY_LOG_DIR_NAME } from '../../src/storage/day-log-archive.js';
import { openLowdbStore } from '../../src/storage/lowdb-store.js';
import { STORE_DATA_VERSION } from '../../src/storage/store-data.js';
import type { StoreDataV1 } from '../../src/storage/store-data.js';
import { dayPath, legacyDayPath, readDay } from './day-file-text.js';
import { feedbackEntry, logEntry } from './store-contract.js';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const quiet = { warn: () => undefined };

async function dataDirWith(doc: StoreDataV1): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dx-migrate-'));
  made.push(dir);
  await writeFile(path.join(dir, 'dx-navi.json'), JSON.stringify(doc));
  return dir;
}

const mainFile = (dir: string) => path.join(dir, 'dx-navi.json');

function v1Document(): StoreDataV1 {
  return {
    version: 1,
    // Recent: claims older than the seven days they are kept are not carried over.
    claimedEvents: { '01HCLAIMED': new Date(Date.now() - 60_000).toISOString() },
    municipalities: { alice: '西之表市' },
    logs: [
      logEntry('2025-04-01T10:00:00.000Z', { text: '一日目' }),
      logEntry('2025-04-02T10:00:00.000Z', { text: '二日目' }),
      // The same question twice in one second is two records, and stays two.
      logEntry('2025-04-02T10:00:01.000Z', { text: '二日目の重複' }),
      logEntry('2025-04-02T10:00:01.000Z', { text: '二日目の重複' }),
      logEntry('2025-04-03T10:00:00.000Z', { text: '三日目', answered: false, entryId: null }),
    ],
    feedback: [feedbackEntry('2025-04-01T10:01:00.000Z', { query: '一日目' }), feedbackEntry('2025-04-03T10:01:00.000Z', { helpful: false })],
  };
}

async function contents(dir: string) {
  const store = await openLowdbStore(mainFile(dir), quiet);
  try {
    return { logs: await store.listLogs(), feedback: await store.listFeedback(), alice: await store.getMunicipality('alice'), claimed: !(await store.claimEvent('01HCLAIMED')) };
  } finally {
    await store.close();
  }
}

describe('opening a version-1 file', () => {
  it('moves its logs and feedback into day files and its claims into the journal, then writes the main file at the current version', async () => {
    const v1 = v1Document();
    const dir = await dataDirWith(v1);
    expect(await contents(dir)).toEqual({ logs: v1.logs, feedback: v1.feedback, alice: '西之表市', claimed: true });

    expect((await readdir(path.join(dir, DAY_LOG_DIR_NAME))).sort()).toEqual(['2025-04-01.jsonl', '2025-04-02.jsonl', '2025-04-03.jsonl']);
    expect(await readDay(dir, '2025-04-02')).toEqual({ version: 2, logs: v1.logs.slice(1, 4), feedback: [] });
    const main = JSON.parse(await readFile(mainFile(dir), 'utf8')) as Record<string, unknown>;
    expect(main).toMatchObject({ version: STORE_DATA_VERSION, municipalities: { alice: '西之表市' } });
    expect(Object.keys(main).sort()).toEqual(['municipalities', 'version']);
    expect(await readFile(path.join(dir, 'dx-navi-claims.jsonl'), 'utf8')).toContain('"01HCLAIMED"');
  });

  it('redoes an interrupted migration without duplicating or losing an entry', async () => {
    const v1 = v1Document();
    const dir = await dataDirWith(v1);
    await (await openLowdbStore(mainFile(dir), quiet)).close();
    // A kill after some day files were written and before the main file was: the version-1 file
    // is still there, one day's file is already written and another is not yet.
    await writeFile(mainFile(dir), JSON.stringify(v1));
    await rm(dayPath(dir, '2025-04-03'));
    expect(await contents(dir)).toEqual({ logs: v1.logs, feedback: v1.feedback, alice: '西之表市', claimed: true });
    // Killed once more, after every day file was written: the same again.
    await writeFile(mainFile(dir), JSON.stringify(v1));
    expect(await contents(dir)).toEqual({ logs: v1.logs, feedback: v1.feedback, alice: '西之表市', claimed: true });
    expect((await readDay(dir, '2025-04-02')).logs).toEqual(v1.logs.slice(1, 4));
  });

  it('keeps, after the migrated entries, whatever else a day file already held', async () => {
    const v1 = v1Document();
    const dir = await dataDirWith(v1);
    const other = logEntry('2025-04-01T23:00:00.000Z', { text: '別に記録された質問' });
    await rm(path.join(dir, DAY_LOG_DIR_NAME), { recursive: true, force: true });
    await mkdir(path.join(dir, DAY_LOG_DIR_NAME));
    // A partial earlier run plus one entry of its own: the copy is replaced, the other kept.
    const line = (kind: string, entry: unknown) => `${JSON.stringify({ kind, entry })}\n`;
    await writeFile(dayPath(dir, '2025-04-01'), `{"version":2}\n${line('logs', v1.logs[0])}${line('logs', other)}${line('feedback', v1.feedback[0])}`);
    // The same left by an earlier version, as a version-1 day document.
    const otherDayTwo = logEntry('2025-04-02T23:00:00.000Z', { text: '旧版で記録された質問' });
    await writeFile(legacyDayPath(dir, '2025-04-02'), JSON.stringify({ version: 1, logs: [v1.logs[1], otherDayTwo], feedback: [] }));
    const { logs } = await contents(dir);
    expect(logs.map((entry) => entry.text)).toEqual(['一日目', '別に記録された質問', '二日目', '二日目の重複', '二日目の重複', '旧版で記録された質問', '三日目']);
    expect((await readDay(dir, '2025-04-01')).feedback).toEqual(v1.feedback.slice(0, 1));
    expect((await readdir(path.join(dir, DAY_LOG_DIR_NAME))).sort()).toEqual(['2025-04-01.jsonl', '2025-04-02.jsonl', '2025-04-03.jsonl']);
  });

  it('moves an unreadable day file it meets aside with a warning', async () => {
    const v1 = v1Document();
    const dir = await dataDirWith(v1);
    await mkdir(path.join(dir, DAY_LOG_DIR_NAME));
    await writeFile(dayPath(dir, '2025-04-02'), 'not json\n');
    const warn = vi.fn<(message: string) => void>();
    await (await openLowdbStore(mainFile(dir), { warn })).close();
    expect(warn).toHaveBeenCalledTimes(1);
    const aside = (await readdir(path.join(dir, DAY_LOG_DIR_NAME))).filter((name) => name.startsWith('2025-04-02.jsonl.corrupt-'));
    expect(aside).toHaveLength(1);
    expect((await contents(dir)).logs).toEqual(v1.logs);
  });
});
