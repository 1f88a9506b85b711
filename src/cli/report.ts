/**
 * `npm run report`: the usage report staff also see on /admin, from the data file on disk.
 *   npm run report -- --from 2026-06-01 --to 2026-06-30 --municipality 鹿屋市
 *   npm run --silent report -- --csv unanswered > unanswered.csv
 * Reads a snapshot of the file and never writes to it, so it is safe beside a running server.
 * With DATABASE_URL set (or --database-url) it reads the PostgreSQL store instead.
 */
import './quiet-broken-pipe.js';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { entryCatalog } from '../insights/entry-catalog.js';
import { toCsv } from '../insights/csv.js';
import { loadUsageReport, type ReportSource } from '../insights/load-usage-report.js';
import { parseReportOptions } from '../insights/report-options.js';
import { isReportTableName, REPORT_TABLES, reportTable } from '../insights/report-tables.js';
import { reportText } from '../insights/report-text.js';
import { NoStoreFileError, readStoreSnapshot } from '../insights/store-snapshot.js';
import { readPostgresStore } from '../storage/postgres/postgres-store.js';
import { loadKnowledge } from '../knowledge/load.js';
import { projectRoot } from '../project-root.js';

const USAGE = `usage: npm run report -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--municipality 鹿屋市] [--csv ${REPORT_TABLES.join('|')}] [--data-dir DIR | --database-url postgres://…]`;

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

let values: { from?: string; to?: string; municipality?: string; csv?: string; 'data-dir'?: string; 'database-url'?: string };
try {
  ({ values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, municipality: { type: 'string' }, csv: { type: 'string' }, 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } },
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}

const parsed = parseReportOptions(values);
if (!parsed.ok) fail(`${parsed.message}\n${USAGE}`, 2);
const table = values.csv;
if (table !== undefined && !isReportTableName(table)) fail(`--csv must be one of: ${REPORT_TABLES.join(', ')}`, 2);

// --data-dir names the lowdb files explicitly; otherwise the store the server is configured with.
const databaseUrl = values['database-url'] ?? (values['data-dir'] === undefined ? process.env.DATABASE_URL?.trim() || undefined : undefined);
// One unreadable file (a damaged day) leaves out what it holds, says so, and the report goes on.
const unreadable: string[] = [];
let source: ReportSource & { close?: () => Promise<void> };
if (databaseUrl) {
  source = readPostgresStore(databaseUrl);
} else {
  const dataDir = path.resolve(values['data-dir'] ?? (process.env.DATA_DIR?.trim() || path.join(projectRoot(), 'data')));
  source = await readStoreSnapshot(dataDir, (file, reason) => {
    unreadable.push(file);
    console.error(`skipped unreadable file ${file}: ${reason}`);
  }).catch((error: unknown) => fail(error instanceof NoStoreFileError ? error.message : `cannot read the data in ${dataDir}: ${(error as Error).message}`, 1));
}

// Titles only: a knowledge base that fails validation still leaves the figures worth reading.
const knowledge = await loadKnowledge();
if (!knowledge.ok) console.error(`knowledge/ is invalid (${knowledge.problems.length} problem(s)); entry titles are left out. Run npm run knowledge:check`);
const entries = knowledge.ok ? entryCatalog(knowledge.knowledge) : new Map();

const report = await loadUsageReport(source, entries, parsed.options).catch((error: unknown) => fail(`cannot read the store: ${(error as Error).message}`, 1));
await source.close?.();
process.stdout.write(table === undefined ? reportText(report) : toCsv(reportTable(report, table)));
if (unreadable.length > 0) console.error(`the report leaves out ${unreadable.length} unreadable file(s) listed above`);
