import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jstDateOf } from '../../src/insights/jst-dates.js';
import { formatCsv } from '../../src/faq/csv-file.js';
import { FAQ_COLUMNS } from '../../src/faq/faq-sheet.js';
import { writeScenarioData } from '../insights/scenario-data.js';
import { knowledgeWithFaqs, removeKnowledge, SAMPLE_FAQS, SMALL_KNOWLEDGE } from '../support/faq-knowledge.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let knowledgeDir: string;
let dataDir: string;
let work: string;
// Every CLI is run as a program on a copy of the knowledge named by KNOWLEDGE_DIR.
const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, KNOWLEDGE_DIR: knowledgeDir, DATA_DIR: dataDir } });

beforeAll(async () => {
  knowledgeDir = await knowledgeWithFaqs(SAMPLE_FAQS, SMALL_KNOWLEDGE);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dx-faq-cli-data-'));
  work = await mkdtemp(path.join(os.tmpdir(), 'dx-faq-cli-files-'));
  // A data file written by the real app (a week in June 2026; the report below reads today).
  await writeScenarioData(dataDir);
});
afterAll(async () => {
  await removeKnowledge(knowledgeDir);
  await rm(dataDir, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

describe('npm run faq', () => {
  it('exports the FAQs of KNOWLEDGE_DIR and imports the file back as a no-op', async () => {
    const file = path.join(work, 'faq.xlsx');
    const exported = run('faq', ['export', file]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`4 件の FAQ を ${file} に書き出しました（${knowledgeDir}）`);
    const imported = run('faq', ['import', file]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('変更はありません');
  });

  it('refuses a bad sheet with exit code 1, every problem by row, and writes nothing', async () => {
    const file = path.join(work, 'bad.csv');
    await import('node:fs/promises').then(({ writeFile }) => writeFile(file, formatCsv([[...FAQ_COLUMNS], ['', '鹿屋市', '', '', 'a', '', '', '', 'x', 'no']])));
    const before = await readFile(path.join(knowledgeDir, 'faq', 'kanoya.yaml'), 'utf8');
    const result = run('faq', ['import', file, '--dry-run']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('取り込みませんでした');
    expect(result.stderr).toContain('行 2 › 質問: 空にはできません');
    expect(result.stderr).toContain('行 2 › 見直し期限: YYYY-MM-DD の形で書いてください');
    expect(await readFile(path.join(knowledgeDir, 'faq', 'kanoya.yaml'), 'utf8')).toBe(before);
  });

  it('imports a new row, says what it added, logs the change, and the report shows it with the FAQs to review', async () => {
    const file = path.join(work, 'new.csv');
    const row = ['', '嬉野市', '窓口は何時まで', '', '（テスト用）回答です。', '', '', '', 'テスト資料 2026-04-01', '2027-03-31'];
    await import('node:fs/promises').then(({ writeFile }) => writeFile(file, formatCsv([[...FAQ_COLUMNS], row])));
    const dry = run('faq', ['import', file, '--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('（試し：何も書き込んでいません）');
    expect(dry.stdout).toContain('追加 1 件、変更 0 件、削除 0 件');
    const result = run('faq', ['import', file, '--by', 'tanaka']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('追加 faq-ureshino-1（行 2）嬉野市「窓口は何時まで」');
    expect(result.stdout).toContain('書き込んだファイル: faq/ureshino.yaml');
    expect(run('knowledge-check', []).stdout).toContain('knowledge OK');

    const today = jstDateOf(new Date());
    const report = run('report', ['--from', today, '--to', today]);
    expect(report.status, report.stderr).toBe(0);
    expect(report.stdout).toContain('2020-01-31  faq-kanoya-2  鹿屋市「児童手当の現況届はオンラインで出せますか」');
    expect(report.stdout).toMatch(/faq-ureshino-1 {2}嬉野市「窓口は何時まで」/);
    expect(report.stdout).toMatch(/追加 {2}faq-ureshino-1 {2}tanaka（コマンド）：— → 「窓口は何時まで」 {2}\[import new\.csv\]/);
  });
});
