import express, { type Request, type Router } from 'express';
import { toCsv } from '../insights/csv.js';
import { cachedEntryCatalog } from '../insights/entry-catalog.js';
import { loadUsageReport, type ReportSource } from '../insights/load-usage-report.js';
import { parseReportOptions, type ReportOptions } from '../insights/report-options.js';
import { isReportTableName, REPORT_TABLES, reportFileName, reportTable } from '../insights/report-tables.js';
import { HttpError } from '../server/http-errors.js';
import type { AdminEngine } from './admin-engine.js';
import { queryParam } from './query-string.js';

/** What the report routes read from. */
export interface ReportRouteOptions {
  store: ReportSource;
  engine: Pick<AdminEngine, 'knowledge'>;
  now?: () => Date;
}

/** GET report (JSON) and report.csv?table=… for ?from&to&municipality; mounted under the authenticated API. */
export function reportRoutes(options: ReportRouteOptions): Router {
  const router = express.Router();
  const now = options.now ?? (() => new Date());
  const optionsOf = (req: Request): ReportOptions => {
    const parsed = parseReportOptions({ from: queryParam(req, 'from'), to: queryParam(req, 'to'), municipality: queryParam(req, 'municipality') }, now());
    if (!parsed.ok) throw new HttpError(400, parsed.message);
    return parsed.options;
  };
  const reportFor = (req: Request) => loadUsageReport(options.store, cachedEntryCatalog(options.engine.knowledge()), optionsOf(req));

  router.get('/report', async (req, res) => {
    res.json(await reportFor(req));
  });

  router.get('/report.csv', async (req, res) => {
    const table = queryParam(req, 'table') ?? '';
    if (!isReportTableName(table)) throw new HttpError(400, `table must be one of: ${REPORT_TABLES.join(', ')}`);
    const report = await reportFor(req);
    res
      .type('text/csv; charset=utf-8')
      .attachment(reportFileName(report, table))
      .send(toCsv(reportTable(report, table)));
  });
  return router;
}
