import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_LOG_DIR_NAME } from '../../src/storage/day-log-archive.js';
import { INBOX_FILE_NAME } from '../../src/storage/inbox-data.js';
import { openStore, STORE_FILE_NAME } from '../../src/storage/open-store.js';
import { scenarioBodies } from '../insights/scenario.js';
import { sendAll } from '../insights/webhook-events.js';
import { startHarness } from '../server/webhook-harness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let dataDir: string;
const report = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
const period = ['--from', '2026-06-01', '--to', '2026-06-04'];

// The data file is written by the real app from webhook events, then read by the CLI as a program.
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dx-report-cli-'));
  const store = await openStore({ kind: 'lowdb', dir: dataDir });
  const h = await startHarness({ store });
  await sendAll(h, scenarioBodies());
  await h.close();
  await store.close();
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('report CLI', () => {
  it('prints the report for a period', () => {
    const run = report([...period, '--data-dir', dataDir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('2026-06-01 〜 2026-06-04（すべての市）');
    expect(run.stdout).toContain('メッセージ 9件 ／ 質問 8件 ／ 回答 3件（回答率 37.5%）');
    expect(run.stdout).toContain('評価 役に立った 1件 ／ 役に立たなかった 1件');
    expect(run.stdout).toContain('2026-06-03  0  0  0  —');
    expect(run.stdout).toContain('1. 図書館の開館時間は？（3件');
  });

  it('filters by municipality', () => {
    const run = report([...period, '--municipality', '鹿屋市', '--data-dir', dataDir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('（鹿屋市）');
    expect(run.stdout).toContain('メッセージ 2件 ／ 質問 2件 ／ 回答 1件（回答率 50%）');
  });

  it('writes one table as CSV with a BOM when asked', () => {
    const run = report([...period, '--csv', 'unanswered', '--data-dir', dataDir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.startsWith('\uFEFF順位,質問（代表的な言い回し）,件数,言い回しの例,最終受信日時\r\n')).toBe(true);
    expect(run.stdout).toContain('"\'=HYPERLINK(""x""),改行\nあり"');
    const feedback = report([...period, '--csv', 'feedback', '--data-dir', dataDir]);
    expect(feedback.stdout).toBe('\uFEFF項目ID,項目名,役に立った,役に立たなかった,合計\r\nrpa,RPA,1,1,2\r\n');
  });

  it('reads the data files without changing them', async () => {
    const files = [STORE_FILE_NAME, INBOX_FILE_NAME, ...(await readdir(path.join(dataDir, DAY_LOG_DIR_NAME))).map((name) => path.join(DAY_LOG_DIR_NAME, name))];
    expect(files.length, 'the main file and day files').toBeGreaterThan(2);
    const read = () => Promise.all(files.map((file) => readFile(path.join(dataDir, file), 'utf8')));
    const before = await read();
    report([...period, '--data-dir', dataDir]);
    expect(await read()).toEqual(before);
    expect(await readdir(dataDir)).toEqual(expect.arrayContaining([STORE_FILE_NAME, DAY_LOG_DIR_NAME]));
    expect((await readdir(dataDir)).length + (await readdir(path.join(dataDir, DAY_LOG_DIR_NAME))).length).toBe(files.length + 1);
  });

  it('rejects bad options with exit code 2 and says why', () => {
    for (const [args, message] of [
      [['--csv', 'everything'], '--csv must be one of'],
      [['--from', '6/1'], 'from must be a date'],
      [['--municipality', '東京都'], 'municipality must be one of'],
      [['--verbose'], 'usage: npm run report'],
    ] as const) {
      const run = report([...args, '--data-dir', dataDir]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });

  it('says so when the data directory has no data file', () => {
    const run = report(['--data-dir', path.join(dataDir, 'nowhere')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no DX ナビ data file');
  });
});
