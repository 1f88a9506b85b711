import type { Store } from '../storage/store.js';
import type { EntryCatalog } from './entry-catalog.js';
import { periodOf, type ReportOptions } from './report-options.js';
import { buildUsageReport, type UsageReport } from './usage-report.js';

/** Where a report's records come from: the running server's store or a snapshot of its file. */
export type ReportSource = Pick<Store, 'listLogs' | 'listFeedback'>;

// Feedback on the first day of a period usually rates an answer given shortly before; a day of
// earlier logs is enough to find the municipality that answer was for.
const FEEDBACK_LOOKBACK_MS = 24 * 60 * 60 * 1000;

/** Reads the period's records and computes the report. */
export async function loadUsageReport(source: ReportSource, entries: EntryCatalog, options: ReportOptions): Promise<UsageReport> {
  const period = periodOf(options);
  const [logs, feedback] = await Promise.all([
    source.listLogs({ from: new Date(period.from.getTime() - FEEDBACK_LOOKBACK_MS), to: period.to }),
    source.listFeedback(period),
  ]);
  return buildUsageReport({ logs, feedback, options, entries });
}
