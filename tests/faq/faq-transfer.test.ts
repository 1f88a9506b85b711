import { readFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCsv, formatCsv, parseCsv } from '../../src/faq/csv-file.js';
import { FAQ_COLUMNS } from '../../src/faq/faq-sheet.js';
import { importSheet, readSheet, writeSheet, type ImportOutcome } from '../../src/faq/faq-transfer.js';
import { readXlsx, writeXlsx } from '../../src/faq/xlsx-file.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Faq } from '../../src/knowledge/schema.js';
import { knowledgeWithFaqs, removeKnowledge, SAMPLE_FAQS, SMALL_KNOWLEDGE } from '../support/faq-knowledge.js';

const HEADER = [...FAQ_COLUMNS];
/** Text that breaks naive CSV and YAML: line breaks, quotes, commas, emoji, full-width, a leading formula sign. */
const HARD_ANSWER = '受付は「市民課」です。\n持ち物：\n- 本人確認書類, 印鑑\n"ご注意" 😀 ＡＢＣ１２３ ｶﾅ';

let dir: string;
beforeEach(async () => {
  // The small fixture: these tests are about the sheet, and check the knowledge many times.
  dir = await knowledgeWithFaqs(SAMPLE_FAQS, SMALL_KNOWLEDGE);
});
afterEach(() => removeKnowledge(dir));

async function faqs(): Promise<Faq[]> {
  const loaded = await loadKnowledge(dir);
  if (!loaded.ok) throw new Error(loaded.problems.map((problem) => problem.message).join('\n'));
  return loaded.knowledge.faq;
}
async function fileTexts(): Promise<string[]> {
  return Promise.all(['common', 'kanoya', 'tarumizu', 'ureshino'].map((slug) => readFile(path.join(dir, 'faq', `${slug}.yaml`), 'utf8')));
}
const csv = (rows: string[][]) => formatCsv([HEADER, ...rows]);
const newRow = (overrides: Partial<Record<(typeof FAQ_COLUMNS)[number], string>> = {}) =>
  HEADER.map((column) => ({ ID: '', 市: '嬉野市', 質問: '窓口は何時まで開いていますか', 言い換え: '窓口の受付時間\n市役所は何時まで', 回答: HARD_ANSWER, リンク: '', リンク名: '', 担当: '市民課 0954-00-0000', 出典: '嬉野市ウェブサイト 2026-04-01 確認', 見直し期限: '2027-03-31', ...overrides })[column]);
function ok(outcome: ImportOutcome): Extract<ImportOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome;
}

describe('CSV', () => {
  it('parses quoted cells with commas, doubled quotes, line breaks and CRLF rows, with or without BOM', () => {
    const text = '\uFEFFa,"b,c","say ""hi""\r\nnext"\r\n,,\r\nlast';
    expect(parseCsv(text)).toEqual([['a', 'b,c', 'say "hi"\r\nnext'], ['', '', ''], ['last']]);
  });

  it('reads UTF-8 with and without a BOM and Shift_JIS (Windows-31J) the same', () => {
    const text = 'ID,質問\r\n,髙橋さんの①番窓口は？\r\n';
    const withBom = Buffer.from(`\uFEFF${text}`, 'utf8');
    const sjis = iconv.encode(text, 'cp932');
    expect(decodeCsv(withBom)).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from(text, 'utf8')).encoding).toBe('utf-8');
    expect(decodeCsv(sjis)).toEqual({ text, encoding: 'shift_jis' });
    expect(parseCsv(decodeCsv(sjis).text)).toEqual(parseCsv(decodeCsv(withBom).text));
  });

  it('writes UTF-8 with a BOM and CRLF, defusing cells Excel would run as formulas, and reads them back as they were', () => {
    const rows = [['=SUM(A1)', '-1', 'a,b', 'x\ny', ' padded ']];
    const bytes = formatCsv(rows);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain("'=SUM(A1),'-1,");
    expect(parseCsv(bytes.toString('utf8'))).toEqual(rows);
  });
});

describe('xlsx', () => {
  it('writes a workbook ExcelJS reads back cell for cell, line breaks and emoji included', async () => {
    const rows = [HEADER, newRow({ ID: 'faq-ureshino-9', 質問: '="quoted", 😀' })];
    // Below the data come empty rows that carry the 市 drop-down for rows staff add.
    expect((await readXlsx(await writeXlsx(rows))).slice(0, 2)).toEqual(rows);
    expect((await readSheet(await writeXlsx(rows), 'xlsx'))?.rows).toEqual(rows);
  });

  it('refuses bytes that are not a workbook, with a message instead of a crash', async () => {
    expect(await readSheet(Buffer.from('not a zip'), 'xlsx')).toBeNull();
    const outcome = await importSheet({ knowledgeDir: dir, bytes: Buffer.from('not a zip'), format: 'xlsx' });
    expect(outcome).toMatchObject({ ok: false, problems: [expect.stringContaining('Excel')] });
  });
});

describe('import', () => {
  it('exports and imports an unchanged file as a no-op, in both formats', async () => {
    const before = await fileTexts();
    for (const format of ['xlsx', 'csv'] as const) {
      const outcome = ok(await importSheet({ knowledgeDir: dir, bytes: await writeSheet(await faqs(), format), format }));
      expect(outcome.plan).toMatchObject({ added: [], changed: [], removed: [], missing: [] });
      expect(outcome.save.status).toBe('unchanged');
    }
    expect(await fileTexts()).toEqual(before);
  });

  it('adds new rows with fresh ids and keeps every character of them through export and import again', async () => {
    const rows = (await faqs()).map((faq) => HEADER.map((_, index) => [faq.id, faq.municipality, faq.question, faq.wordings.join('\n'), faq.answer, faq.link?.url ?? '', faq.link?.label ?? '', faq.contact ?? '', faq.source, faq.reviewBy][index]!));
    const outcome = ok(await importSheet({ knowledgeDir: dir, bytes: iconv.encode(iconv.decode(csv([...rows, newRow()]), 'utf8').replace('\uFEFF', '').replace(HARD_ANSWER, HARD_ANSWER.replace('😀 ', '')), 'cp932'), format: 'csv' }));
    expect(outcome.encoding).toBe('shift_jis');
    expect(outcome.plan.added.map((faq) => faq.id)).toEqual(['faq-ureshino-1']);
    expect(outcome.save).toEqual({ status: 'saved', files: ['faq/ureshino.yaml'] });

    // The emoji cannot travel in Shift_JIS; through xlsx and UTF-8 CSV it does.
    const withEmoji = ok(await importSheet({ knowledgeDir: dir, bytes: await writeXlsx([HEADER, ...rows, newRow({ ID: 'faq-ureshino-1' })]), format: 'xlsx' }));
    expect(withEmoji.plan.changed.map(({ after }) => after.id)).toEqual(['faq-ureshino-1']);
    const saved = (await faqs()).find((faq) => faq.id === 'faq-ureshino-1');
    expect(saved).toMatchObject({ answer: HARD_ANSWER, wordings: ['窓口の受付時間', '市役所は何時まで'], contact: '市民課 0954-00-0000' });
    for (const format of ['xlsx', 'csv'] as const) {
      const again = ok(await importSheet({ knowledgeDir: dir, bytes: await writeSheet(await faqs(), format), format }));
      expect(again.save.status, format).toBe('unchanged');
    }
  });

  it('writes nothing when any row is invalid, and lists every problem by row and column', async () => {
    const before = await fileTexts();
    const outcome = await importSheet({
      knowledgeDir: dir,
      format: 'csv',
      bytes: csv([
        newRow(),
        newRow({ 市: '鹿児島市', 質問: '別の質問' }),
        newRow({ 質問: '三つ目', 回答: '', 見直し期限: '来年' }),
        newRow({ 質問: '四つ目', リンク: 'http://example.jp' , リンク名: '案内' }),
      ]),
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^行 3 › 市: /),
        '行 4 › 回答: 空にはできません',
        '行 4 › 見直し期限: YYYY-MM-DD の形で書いてください',
        '行 5 › リンク: https:// で始まるURLにしてください',
      ]),
    );
    expect(await fileTexts()).toEqual(before);
  });

  it('places problems found across the knowledge on their row: a wording another FAQ of the city has', async () => {
    const outcome = await importSheet({ knowledgeDir: dir, format: 'csv', bytes: csv([newRow({ 市: '鹿屋市', 言い換え: '粗大ごみの申込先' })]) });
    expect(outcome).toEqual({ ok: false, problems: ['行 2 › 言い換え: 「粗大ごみの申込先」は鹿屋市のFAQ「faq-kanoya-1」の言い回しでもあります：どちらか一方にしてください'] });
  });

  it('refuses a sheet whose header is not exactly the columns, and duplicate ids', async () => {
    const wrongHeader = await importSheet({ knowledgeDir: dir, format: 'csv', bytes: formatCsv([['ID', '質問'], ['', 'x']]) });
    expect(wrongHeader).toMatchObject({ ok: false, problems: [expect.stringMatching(/^行 1: 1行目の見出しは「ID, 市, 質問/)] });
    const duplicate = await importSheet({ knowledgeDir: dir, format: 'csv', bytes: csv([newRow({ ID: 'faq-x-1' }), newRow({ ID: 'faq-x-1', 質問: '別' })]) });
    expect(duplicate).toMatchObject({ ok: false, problems: ['行 3 › ID: ID「faq-x-1」は行 2 にもあります（新しい行はIDを空にします）'] });
  });

  it('keeps FAQs the sheet leaves out unless --delete-missing, and a dry run writes nothing', async () => {
    const before = await fileTexts();
    const sheet = csv([newRow()]);
    const kept = ok(await importSheet({ knowledgeDir: dir, format: 'csv', bytes: sheet, dryRun: true }));
    expect(kept.plan.missing.map((faq) => faq.id).sort()).toEqual(['faq-common-1', 'faq-kanoya-1', 'faq-kanoya-2', 'faq-tarumizu-1']);
    expect(kept.save).toEqual({ status: 'checked', files: ['faq/ureshino.yaml'] });
    const deleting = ok(await importSheet({ knowledgeDir: dir, format: 'csv', bytes: sheet, dryRun: true, deleteMissing: true }));
    expect(deleting.plan.removed).toHaveLength(4);
    expect(deleting.save.files).toEqual(['faq/common.yaml', 'faq/kanoya.yaml', 'faq/tarumizu.yaml', 'faq/ureshino.yaml']);
    expect(await fileTexts()).toEqual(before);
    ok(await importSheet({ knowledgeDir: dir, format: 'csv', bytes: sheet, deleteMissing: true }));
    expect((await faqs()).map((faq) => faq.id)).toEqual(['faq-ureshino-1']);
    // An emptied file keeps its comments.
    expect(await readFile(path.join(dir, 'faq', 'common.yaml'), 'utf8')).toMatch(/^# よくある質問（5市共通）/);
  });

  it('accepts the date as Excel shows it in CSV (2027/3/31)', async () => {
    ok(await importSheet({ knowledgeDir: dir, format: 'csv', bytes: csv([newRow({ 見直し期限: '2027/3/31' })]) }));
    expect((await faqs()).find((faq) => faq.id === 'faq-ureshino-1')?.reviewBy).toBe('2027-03-31');
  });
});
