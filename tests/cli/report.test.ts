import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_LOG_DIR_NAME } from '../../src/storage/day-log-archive.js';
import { runReportCommand } from '../../src/insights/report-command.js';
import { STORE_FILE_NAME } from '../../src/storage/open-store.js';
import { writeScenarioData } from '../insights/scenario-data.js';
import { runProgram, type ProgramRun } from '../support/run-program.js';

let dataDir: string;
/** The command in this process, as the CLI runs it: most cases need no process of their own. */
async function report(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ProgramRun> {
  let stdout = '';
  let stderr = '';
  const status = await runReportCommand(args, { env, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
}
const period = ['--from', '2026-06-01', '--to', '2026-06-04'];

// The data file is written by the real app from webhook events, then read by the CLI as a program.
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dx-report-cli-'));
  await writeScenarioData(dataDir);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

// Every run only reads the data directory (the damaged-file case works on a copy), so the runs overlap.
describe.concurrent('report CLI', { timeout: 60_000 }, () => {
  it('prints the report for a period, as a program', async () => {
    const run = await runProgram('src/cli/report.ts', [...period, '--data-dir', dataDir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('2026-06-01 〜 2026-06-04（すべての市）');
    expect(run.stdout).toContain('メッセージ 9件 ／ 質問 8件 ／ 回答 3件（回答率 37.5%）');
    expect(run.stdout).toContain('評価 役に立った 1件 ／ 役に立たなかった 1件');
    expect(run.stdout).toContain('2026-06-03  0  0  0  —');
    expect(run.stdout).toContain('1. 図書館の開館時間は？（3件');
  });

  it('filters by municipality', async () => {
    const run = await report([...period, '--municipality', '鹿屋市', '--data-dir', dataDir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('（鹿屋市）');
    expect(run.stdout).toContain('メッセージ 2件 ／ 質問 2件 ／ 回答 1件（回答率 50%）');
  });

  it('writes one table as CSV with a BOM when asked', async () => {
    const run = await report([...period, '--csv', 'unanswered', '--data-dir', dataDir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.startsWith('\uFEFF順位,質問（代表的な言い回し）,件数,言い回しの例,最終受信日時\r\n')).toBe(true);
    expect(run.stdout).toContain('"\'=HYPERLINK(""x""),改行\nあり"');
    const feedback = await report([...period, '--csv', 'feedback', '--data-dir', dataDir]);
    expect(feedback.stdout).toBe('\uFEFF項目ID,項目名,役に立った,役に立たなかった,合計\r\nrpa,RPA,1,1,2\r\n');
  });

  it('reads the data files without changing them', async () => {
    const list = async () => [...(await readdir(dataDir)).filter((name) => name !== DAY_LOG_DIR_NAME), ...(await readdir(path.join(dataDir, DAY_LOG_DIR_NAME))).map((name) => path.join(DAY_LOG_DIR_NAME, name))].sort();
    const files = await list();
    expect(files, 'the main file, the claim journal and day files').toEqual(expect.arrayContaining([STORE_FILE_NAME, 'dx-navi-claims.jsonl', path.join(DAY_LOG_DIR_NAME, '2026-06-01.jsonl')]));
    const read = () => Promise.all(files.map((file) => readFile(path.join(dataDir, file), 'utf8')));
    const before = await read();
    await report([...period, '--data-dir', dataDir]);
    expect(await read()).toEqual(before);
    expect(await list()).toEqual(files);
  });

  it('names an unreadable day file, leaves it out, and reports the rest', async () => {
    const copy = await mkdtemp(path.join(os.tmpdir(), 'dx-report-damaged-'));
    try {
      await cp(dataDir, copy, { recursive: true });
      const damaged = path.join(copy, DAY_LOG_DIR_NAME, '2026-06-02.jsonl');
      // A damaged header: the file as a whole is no day file any more.
      const text = (await readFile(damaged, 'utf8')).replace(/^[^\n]*/, '{"versi');
      await writeFile(damaged, text);
      const run = await report([...period, '--data-dir', copy]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain(`skipped unreadable data in ${damaged}`);
      expect(run.stderr).not.toContain('    at ');
      // 2026-06-01 and 2026-06-03 (UTC) are still counted: 3 messages on the first day, 1 on the third.
      expect(run.stdout).toMatch(/2026-06-01\s+3\s/);
      expect(run.stdout).toMatch(/2026-06-04\s+1\s/);
      expect(await readFile(damaged, 'utf8')).toBe(text);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('rejects bad options with exit code 2 and says why', async () => {
    const program = await runProgram('src/cli/report.ts', ['--verbose', '--data-dir', dataDir]);
    expect(program.status).toBe(2);
    expect(program.stderr).toContain('usage: npm run report');
    for (const [args, message] of [
      [['--csv', 'everything'], '--csv must be one of'],
      [['--from', '6/1'], 'from must be a date'],
      [['--municipality', '東京都'], 'municipality must be one of'],
      [['--verbose'], 'usage: npm run report'],
    ] as const) {
      const run = await report([...args, '--data-dir', dataDir]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });

  it('says so when the data directory has no data file', async () => {
    const run = await report(['--data-dir', path.join(dataDir, 'nowhere')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no DX ナビ data file');
  });

  it("reads the simulator's data with --simulator, and points there when only the simulator has data", async () => {
    // The simulator keeps its file in <DATA_DIR>/simulator: a DATA_DIR holding only that one.
    const parent = await mkdtemp(path.join(os.tmpdir(), 'dx-report-sim-'));
    try {
      await cp(dataDir, path.join(parent, 'simulator'), { recursive: true });
      const plain = await report([...period, '--data-dir', parent]);
      expect(plain.status).toBe(1);
      expect(plain.stderr).toContain(`The simulator's conversations are in ${path.join(parent, 'simulator')}: npm run report -- --simulator`);
      const simulator = await report([...period, '--simulator'], { ...process.env, DATA_DIR: parent });
      expect(simulator.status, simulator.stderr).toBe(0);
      expect(simulator.stdout).toContain('メッセージ 9件');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
