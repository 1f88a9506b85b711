/**
 * `npm run bench:faq`: what importing a sheet of 500 FAQs costs, on a copy of knowledge/: the
 * first import (500 added), the no-op re-import of its export, for .xlsx and .csv, and the time
 * to build the engine with those FAQs. Figures are medians over passes (shared, noisy machines).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createAnswerEngine } from '../src/engine/create-engine.js';
import { FAQ_COLUMNS } from '../src/faq/faq-sheet.js';
import { formatCsv } from '../src/faq/csv-file.js';
import { importSheet, writeSheet, type SheetFormat } from '../src/faq/faq-transfer.js';
import { writeXlsx } from '../src/faq/xlsx-file.js';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledgeOrThrow } from '../src/knowledge/load.js';
import { quantile, round2 } from './lib/stats.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '500' }, passes: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } } });
const rowCount = Number(values.rows);
const passes = Math.max(1, Number(values.passes));
const cities = ['垂水市', '西之表市', '鹿屋市', '嬉野市', '薩摩川内市', '共通'];

// Realistic shapes: several wordings, line breaks, quotes, commas, an emoji, half the rows with a link.
const rows: string[][] = [[...FAQ_COLUMNS]];
for (let i = 0; i < rowCount; i += 1) {
  rows.push(['', cities[i % cities.length]!, `ベンチ用の質問${i}番の手続きはどこでできますか`, `ベンチ用${i}番の窓口\nベンチ用${i}番の申込先`, `ベンチ用の回答${i}です。\n窓口は「市民課」, 平日のみ 😀`, i % 2 ? `https://example.jp/${i}` : '', i % 2 ? `案内${i}` : '', `市民課 0994-00-${String(i % 10000).padStart(4, '0')}`, 'ベンチ用の資料 2026-04-01', '2027-03-31']);
}
const sheets: Record<SheetFormat, Buffer> = { xlsx: await writeXlsx(rows), csv: formatCsv(rows) };

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

const figures: Record<string, number> = {};
for (const format of ['xlsx', 'csv'] as const) {
  const first: number[] = [];
  const again: number[] = [];
  for (let pass = 0; pass < passes; pass += 1) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dx-bench-faq-'));
    await cp(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
    const [outcome, ms] = await timed(() => importSheet({ knowledgeDir: dir, bytes: sheets[format], format }));
    if (!outcome.ok || outcome.plan.added.length !== rowCount) throw new Error(`import failed: ${outcome.ok ? outcome.plan.added.length : outcome.problems.slice(0, 3).join('; ')}`);
    first.push(ms);
    const exported = await writeSheet((await loadKnowledgeOrThrow(dir)).faq, format);
    const [noop, noopMs] = await timed(() => importSheet({ knowledgeDir: dir, bytes: exported, format }));
    if (!noop.ok || noop.save.status !== 'unchanged') throw new Error('re-import of the export was not a no-op');
    again.push(noopMs);
    if (format === 'csv' && pass === 0) {
      const [, buildMs] = await timed(() => createAnswerEngine({ knowledgeDir: dir }));
      figures.engine_build_with_faqs_ms = round2(buildMs);
    }
    await rm(dir, { recursive: true, force: true });
  }
  figures[`${format}_import_${rowCount}_ms`] = round2(quantile(first, 0.5));
  figures[`${format}_reimport_noop_ms`] = round2(quantile(again, 0.5));
}
figures[`xlsx_bytes`] = sheets.xlsx.length;
figures[`csv_bytes`] = sheets.csv.length;

if (values.json) console.log(JSON.stringify(figures));
else for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(28)} ${value}`);
