/**
 * `npm run report`: the usage report staff also see on /admin, from the data file on disk.
 *   npm run report -- --from 2026-06-01 --to 2026-06-30 --municipality 鹿屋市
 *   npm run --silent report -- --csv unanswered > unanswered.csv
 *   npm run report -- --simulator      # what was asked in the simulator (<DATA_DIR>/simulator)
 * Reads a snapshot of the file and never writes to it, so it is safe beside a running server.
 * With DATABASE_URL set (or --database-url) it reads the PostgreSQL store instead.
 */
import './quiet-broken-pipe.js';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { entryCatalog } from '../insights/entry-catalog.js';
import { toCsv } from '../insights/csv.js';
import { loadUsageReport } from '../insights/load-usage-report.js';
import { parseReportOptions } from '../insights/report-options.js';
import { isReportTableName, REPORT_TABLES, reportTable } from '../insights/report-tables.js';
import { reportText } from '../insights/report-text.js';
import { NoStoreFileError, readStoreSnapshot } from '../insights/store-snapshot.js';
import { FileChangeLog } from '../changes/file-change-log.js';
import { faqHealth } from '../insights/faq-health.js';
import { faqReportText } from '../insights/faq-report-text.js';
import { jstDateOf } from '../insights/jst-dates.js';
import { periodOf } from '../insights/report-options.js';
import type { ReportSource } from '../insights/load-usage-report.js';
import { readPostgresStore } from '../storage/postgres/postgres-store.js';
import { loadKnowledge } from '../knowledge/load.js';
import { projectRoot } from '../project-root.js';
import { simulatorDataDir } from '../simulator/simulator-data-dir.js';

const USAGE = `usage: npm run report -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--municipality 鹿屋市] [--csv ${REPORT_TABLES.join('|')}] [--data-dir DIR | --simulator | --database-url postgres://…]`;

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

let values: { from?: string; to?: string; municipality?: string; csv?: string; 'data-dir'?: string; simulator?: boolean; 'database-url'?: string };
try {
  ({ values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, municipality: { type: 'string' }, csv: { type: 'string' }, 'data-dir': { type: 'string' }, simulator: { type: 'boolean' }, 'database-url': { type: 'string' } },
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}

const parsed = parseReportOptions(values);
if (!parsed.ok) fail(`${parsed.message}\n${USAGE}`, 2);
const table = values.csv;
if (table !== undefined && !isReportTableName(table)) fail(`--csv must be one of: ${REPORT_TABLES.join(', ')}`, 2);

if (values.simulator && values['data-dir'] !== undefined) fail(`--simulator and --data-dir cannot be combined\n${USAGE}`, 2);
const serverDataDir = path.resolve(values['data-dir'] ?? (process.env.DATA_DIR?.trim() || path.join(projectRoot(), 'data')));
// The simulator keeps its conversations apart from the server's, under <DATA_DIR>/simulator.
const dataDir = values.simulator ? simulatorDataDir(serverDataDir) : serverDataDir;
// An unreadable file (a damaged day) or unreadable lines of one are left out, said so, and the report goes on.
const unreadable: string[] = [];
// --data-dir or --simulator name the lowdb files explicitly; otherwise the store the server is configured with.
const explicitFiles = values['data-dir'] !== undefined || values.simulator === true;
const databaseUrl = values['database-url'] ?? (explicitFiles ? undefined : process.env.DATABASE_URL?.trim() || undefined);
let source: ReportSource & { close?: () => Promise<void> };
if (databaseUrl) {
  source = readPostgresStore(databaseUrl);
} else {
  source = await readStoreSnapshot(dataDir, (file, reason) => {
    unreadable.push(file);
    console.error(`skipped unreadable data in ${file}: ${reason}`);
  }).catch(async (error: unknown) => {
    if (!(error instanceof NoStoreFileError)) return fail(`cannot read the data in ${dataDir}: ${(error as Error).message}`, 1);
    const simulatorData = simulatorDataDir(serverDataDir);
    const hint = !values.simulator && (await readStoreSnapshot(simulatorData).then(() => true, () => false))
      ? `\nThe simulator's conversations are in ${simulatorData}: npm run report -- --simulator`
      : '';
    return fail(`${error.message}${hint}`, 1);
  });
}

// Titles only: a knowledge base that fails validation still leaves the figures worth reading.
const knowledge = await loadKnowledge();
if (!knowledge.ok) console.error(`knowledge/ is invalid (${knowledge.problems.length} problem(s)); entry titles are left out. Run npm run knowledge:check`);
const entries = knowledge.ok ? entryCatalog(knowledge.knowledge) : new Map();

const report = await loadUsageReport(source, entries, parsed.options).catch((error: unknown) => fail(`cannot read the store: ${(error as Error).message}`, 1));
if (table !== undefined) process.stdout.write(toCsv(reportTable(report, table)));
else {
  // FAQs to look at, and who changed what in the knowledge during the period (CLI and /admin).
  const period = periodOf(parsed.options);
  const faqs = knowledge.ok ? knowledge.knowledge.faq : [];
  const logs = await source.listLogs(period);
  const changes = await new FileChangeLog(dataDir).list({ from: period.from.toISOString(), to: period.to.toISOString() });
  process.stdout.write(`${reportText(report)}\n${faqReportText(faqHealth(faqs, logs, jstDateOf(new Date())), changes)}`);
}
await source.close?.();
if (unreadable.length > 0) console.error(`the report leaves out what could not be read of the ${unreadable.length} file(s) listed above`);
