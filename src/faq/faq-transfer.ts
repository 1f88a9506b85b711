/**
 * Import and export of the FAQs as one spreadsheet (.xlsx or .csv), for `npm run faq` and the
 * admin page alike: read the file, plan the import (all or nothing), check the knowledge with
 * the result and write only the FAQ files that change.
 */
import { ENTRY_KINDS, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import { loadKnowledge } from '../knowledge/load.js';
import { formatProblem } from '../knowledge/problem.js';
import type { Faq } from '../knowledge/schema.js';
import { decodeCsv, formatCsv, parseCsv, type CsvEncoding } from './csv-file.js';
import { planImport, type ImportPlan } from './faq-import.js';
import { saveFaqs, type FaqSaveResult } from './faq-save.js';
import { columnOfField, FAQ_COLUMNS, faqToCells, formatSheetProblem, isBlankRow } from './faq-sheet.js';
import { readXlsx, writeXlsx } from './xlsx-file.js';

export type SheetFormat = 'xlsx' | 'csv';

/** The format a file name says, or null. */
export function formatOfName(name: string): SheetFormat | null {
  const extension = name.toLowerCase().split('.').pop();
  return extension === 'xlsx' ? 'xlsx' : extension === 'csv' ? 'csv' : null;
}

/** The FAQs as a spreadsheet file: the header row, then one row per FAQ. */
export async function writeSheet(faqs: readonly Faq[], format: SheetFormat): Promise<Buffer> {
  const rows = [[...FAQ_COLUMNS], ...faqs.map(faqToCells)];
  return format === 'xlsx' ? writeXlsx(rows) : formatCsv(rows);
}

/** A spreadsheet file's rows as text; null when the bytes are not a readable file of that format. */
export async function readSheet(bytes: Uint8Array, format: SheetFormat): Promise<{ rows: string[][]; encoding: CsvEncoding | null } | null> {
  if (format === 'csv') {
    const { text, encoding } = decodeCsv(bytes);
    return { rows: withoutTrailingBlankRows(parseCsv(text)), encoding };
  }
  try {
    return { rows: withoutTrailingBlankRows(await readXlsx(bytes)), encoding: null };
  } catch {
    return null;
  }
}

// Excel keeps empty rows that were formatted or validated (the 市 drop-down reaches below the data).
function withoutTrailingBlankRows(rows: string[][]): string[][] {
  let end = rows.length;
  while (end > 1 && isBlankRow(rows[end - 1]!)) end -= 1;
  return rows.slice(0, end);
}

/** What an import came to. */
export type ImportOutcome =
  | { ok: true; plan: ImportPlan; save: FaqSaveResult; encoding: CsvEncoding | null; rows: number }
  /** Nothing was written; every problem, one line each (`行 N › 列名: message`). */
  | { ok: false; problems: string[] };

/** Options of an import. */
export interface SheetImportOptions {
  knowledgeDir: string;
  bytes: Uint8Array;
  format: SheetFormat;
  dryRun?: boolean;
  deleteMissing?: boolean;
}

/** Imports a sheet all or nothing: any problem, and no file is written. */
export async function importSheet(options: SheetImportOptions): Promise<ImportOutcome> {
  const sheet = await readSheet(options.bytes, options.format);
  if (!sheet) return { ok: false, problems: ['Excel ファイル（.xlsx）として読めませんでした。Excel で「Excel ブック」として保存し直してください。'] };
  const loaded = await loadKnowledge(options.knowledgeDir);
  if (!loaded.ok) return { ok: false, problems: ['いまの knowledge/ に問題があるため取り込めません（npm run knowledge:check）:', ...loaded.problems.map(formatProblem)] };
  const planned = planImport(loaded.knowledge.faq, sheet.rows, { deleteMissing: options.deleteMissing ?? false, takenIds: otherIds(loaded.knowledge) });
  if (!planned.ok) return { ok: false, problems: planned.problems.map(formatSheetProblem) };
  const { plan } = planned;
  const save = await saveFaqs(options.knowledgeDir, plan.faqs, { dryRun: options.dryRun ?? false });
  if (save.status === 'rejected') {
    // Problems of one FAQ are told on its row, in the words of the sheet.
    return {
      ok: false,
      problems: save.problems.map((problem) => {
        const row = problem.id === undefined ? undefined : plan.rowOf.get(problem.id);
        if (row === undefined) return formatProblem(problem);
        const column = problem.field === undefined ? undefined : columnOfField(problem.field);
        return formatSheetProblem({ row, ...(column ? { column } : {}), message: problem.message });
      }),
    };
  }
  if (save.status === 'conflict') return { ok: false, problems: [save.message] };
  return { ok: true, plan, save, encoding: sheet.encoding, rows: sheet.rows.length - 1 };
}

/** Ids of every knowledge entry that is not an FAQ: a new FAQ id must not take one. */
export function otherIds(knowledge: KnowledgeBase): Set<string> {
  const ids = new Set<string>();
  for (const kind of ENTRY_KINDS) {
    if (kind === 'faq') continue;
    for (const entry of knowledge[kind] as Array<{ id: string }>) ids.add(entry.id);
  }
  return ids;
}

/** The import's outcome as the lines `npm run faq` prints. */
export function importSummary(outcome: Extract<ImportOutcome, { ok: true }>, dryRun: boolean): string[] {
  const { plan, save } = outcome;
  const row = (faq: Faq) => plan.rowOf.get(faq.id);
  const lines = [
    `${dryRun ? '（試し：何も書き込んでいません）' : ''}${outcome.rows} 行を読みました${outcome.encoding ? `（CSV, ${outcome.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}）` : ''}`,
    `追加 ${plan.added.length} 件、変更 ${plan.changed.length} 件、削除 ${plan.removed.length} 件`,
    ...plan.added.map((faq) => `  追加 ${faq.id}（行 ${row(faq)}）${faq.municipality}「${faq.question}」`),
    ...plan.changed.map(({ before, after }) => `  変更 ${after.id}（行 ${row(after)}）「${after.question}」: ${changedColumns(before, after).join(', ')}`),
    ...plan.removed.map((faq) => `  削除 ${faq.id} ${faq.municipality}「${faq.question}」`),
  ];
  if (plan.missing.length > 0) lines.push(`シートにない FAQ ${plan.missing.length} 件は残しました（消すときは --delete-missing）: ${plan.missing.map((faq) => faq.id).join(', ')}`);
  if (save.status === 'unchanged') lines.push('変更はありません。ファイルはそのままです。');
  else lines.push(`${dryRun ? '書き込むファイル' : '書き込んだファイル'}: ${save.files.join(', ')}`);
  return lines;
}

/** The sheet columns in which two versions of an FAQ differ. */
export function changedColumns(before: Faq, after: Faq): string[] {
  const a = faqToCells(before);
  const b = faqToCells(after);
  return FAQ_COLUMNS.filter((_, index) => a[index] !== b[index]);
}
