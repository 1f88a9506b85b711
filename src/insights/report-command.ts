/**
 * What `npm run report` does, as a function of its arguments and environment: the CLI is a thin
 * entry over it (src/cli/report.ts), and tests run it in-process instead of a process per case.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FileChangeLog } from '../changes/file-change-log.js';
import { loadKnowledge } from '../knowledge/load.js';
import { projectRoot } from '../project-root.js';
import { simulatorDataDir } from '../simulator/simulator-data-dir.js';
import { toCsv } from './csv.js';
import { entryCatalog } from './entry-catalog.js';
import { faqHealth } from './faq-health.js';
import { faqReportText } from './faq-report-text.js';
import { jstDateOf } from './jst-dates.js';
import { loadUsageReport, type ReportSource } from './load-usage-report.js';
import { parseReportOptions, periodOf } from './report-options.js';
import { isReportTableName, REPORT_TABLES, reportTable } from './report-tables.js';
import { reportText } from './report-text.js';
import { NoStoreFileError, readStoreSnapshot } from './store-snapshot.js';

const REPORT_USAGE = `usage: npm run report -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--municipality 鹿屋市] [--csv ${REPORT_TABLES.join('|')}] [--data-dir DIR | --simulator | --database-url postgres://…]`;

/** Where the command writes, and what it reads of its environment. */
export interface ReportIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Ends the command with an exit code and a message for stderr. */
class ReportExit extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** Runs the report for `argv` (the arguments after the script); resolves with the exit code. */
export async function runReportCommand(argv: readonly string[], io: ReportIo): Promise<number> {
  try {
    await report(argv, io);
    return 0;
  } catch (error) {
    if (!(error instanceof ReportExit)) throw error;
    io.stderr(`${error.message}\n`);
    return error.code;
  }
}

async function report(argv: readonly string[], io: ReportIo): Promise<void> {
  let values: { from?: string; to?: string; municipality?: string; csv?: string; 'data-dir'?: string; simulator?: boolean; 'database-url'?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { from: { type: 'string' }, to: { type: 'string' }, municipality: { type: 'string' }, csv: { type: 'string' }, 'data-dir': { type: 'string' }, simulator: { type: 'boolean' }, 'database-url': { type: 'string' } },
    }));
  } catch (error) {
    throw new ReportExit(`${(error as Error).message}\n${REPORT_USAGE}`, 2);
  }

  const parsed = parseReportOptions(values);
  if (!parsed.ok) throw new ReportExit(`${parsed.message}\n${REPORT_USAGE}`, 2);
  const table = values.csv;
  if (table !== undefined && !isReportTableName(table)) throw new ReportExit(`--csv must be one of: ${REPORT_TABLES.join(', ')}`, 2);

  if (values.simulator && values['data-dir'] !== undefined) throw new ReportExit(`--simulator and --data-dir cannot be combined\n${REPORT_USAGE}`, 2);
  const serverDataDir = path.resolve(values['data-dir'] ?? (io.env.DATA_DIR?.trim() || path.join(projectRoot(), 'data')));
  // The simulator keeps its conversations apart from the server's, under <DATA_DIR>/simulator.
  const dataDir = values.simulator ? simulatorDataDir(serverDataDir) : serverDataDir;
  // An unreadable file (a damaged day) or unreadable lines of one are left out, said so, and the report goes on.
  const unreadable: string[] = [];
  // --data-dir or --simulator name the lowdb files explicitly; otherwise the store the server is configured with.
  const explicitFiles = values['data-dir'] !== undefined || values.simulator === true;
  const databaseUrl = values['database-url'] ?? (explicitFiles ? undefined : io.env.DATABASE_URL?.trim() || undefined);
  let source: ReportSource & { close?: () => Promise<void> };
  if (databaseUrl) {
    // Loaded only here: most reports read the files, and pg is a tenth of a second to load.
    const { readPostgresStore } = await import('../storage/postgres/postgres-store.js');
    source = readPostgresStore(databaseUrl);
  } else {
    source = await readStoreSnapshot(dataDir, (file, reason) => {
      unreadable.push(file);
      io.stderr(`skipped unreadable data in ${file}: ${reason}\n`);
    }).catch(async (error: unknown) => {
      if (!(error instanceof NoStoreFileError)) throw new ReportExit(`cannot read the data in ${dataDir}: ${(error as Error).message}`, 1);
      const simulatorData = simulatorDataDir(serverDataDir);
      const hint = !values.simulator && (await readStoreSnapshot(simulatorData).then(() => true, () => false))
        ? `\nThe simulator's conversations are in ${simulatorData}: npm run report -- --simulator`
        : '';
      throw new ReportExit(`${error.message}${hint}`, 1);
    });
  }

  try {
    // Titles only: a knowledge base that fails validation still leaves the figures worth reading.
    const knowledge = await loadKnowledge();
    if (!knowledge.ok) io.stderr(`knowledge/ is invalid (${knowledge.problems.length} problem(s)); entry titles are left out. Run npm run knowledge:check\n`);
    const entries = knowledge.ok ? entryCatalog(knowledge.knowledge) : new Map();

    const usage = await loadUsageReport(source, entries, parsed.options).catch((error: unknown) => {
      throw new ReportExit(`cannot read the store: ${(error as Error).message}`, 1);
    });
    if (table !== undefined) io.stdout(toCsv(reportTable(usage, table)));
    else {
      // FAQs to look at, and who changed what in the knowledge during the period (CLI and /admin).
      const period = periodOf(parsed.options);
      const faqs = knowledge.ok ? knowledge.knowledge.faq : [];
      const logs = await source.listLogs(period);
      const changes = await new FileChangeLog(dataDir).list({ from: period.from.toISOString(), to: period.to.toISOString() });
      io.stdout(`${reportText(usage)}\n${faqReportText(faqHealth(faqs, logs, jstDateOf(new Date())), changes)}`);
    }
  } finally {
    await source.close?.();
  }
  if (unreadable.length > 0) io.stderr(`the report leaves out what could not be read of the ${unreadable.length} file(s) listed above\n`);
}
