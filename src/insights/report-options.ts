import { MUNICIPALITIES, municipalitySchema, type Municipality } from '../knowledge/schema.js';
import type { Period } from '../storage/store.js';
import { addDays, isCalendarDate, jstDateOf, startOfJstDate } from './jst-dates.js';

/** The report's days when none are chosen: the last 30, today included. */
export const DEFAULT_REPORT_DAYS = 30;
/** Longest period one report covers: the longest retention allowed, so nothing kept is out of reach. */
export const MAX_REPORT_DAYS = 3650;

/** What a report covers: JST dates, both included, and optionally one municipality. */
export interface ReportOptions {
  from: string;
  to: string;
  municipality: Municipality | null;
}

/** What staff typed, before checking: the CLI's flags and the admin API's query string alike. */
export interface RawReportOptions {
  from?: string | undefined;
  to?: string | undefined;
  municipality?: string | undefined;
}

/** Either the checked options or a message saying what to fix. */
export type ParsedReportOptions = { ok: true; options: ReportOptions } | { ok: false; message: string };

/**
 * Checks and completes the options: a missing `to` is today, a missing `from` is 29 days before
 * `to`; an empty municipality (or すべて) means every municipality.
 */
export function parseReportOptions(raw: RawReportOptions, now: Date = new Date()): ParsedReportOptions {
  const from = raw.from?.trim() || undefined;
  const to = raw.to?.trim() || undefined;
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value !== undefined && !isCalendarDate(value)) return { ok: false, message: `${name} must be a date written YYYY-MM-DD, got "${value}"` };
  }
  const last = to ?? jstDateOf(now);
  const first = from ?? addDays(last, -(DEFAULT_REPORT_DAYS - 1));
  if (first > last) return { ok: false, message: `from (${first}) is after to (${last})` };
  if (addDays(first, MAX_REPORT_DAYS) <= last) return { ok: false, message: `a report covers at most ${MAX_REPORT_DAYS} days` };

  const municipalityText = raw.municipality?.trim() ?? '';
  let municipality: Municipality | null = null;
  if (municipalityText !== '' && municipalityText !== 'すべて') {
    const parsed = municipalitySchema.safeParse(municipalityText);
    if (!parsed.success) return { ok: false, message: `municipality must be one of ${MUNICIPALITIES.join(', ')}, got "${municipalityText}"` };
    municipality = parsed.data;
  }
  return { ok: true, options: { from: first, to: last, municipality } };
}

/** The stored-record period for report options: from the start of `from` to the end of `to`, JST. */
export function periodOf(options: Pick<ReportOptions, 'from' | 'to'>): Required<Period> {
  return { from: startOfJstDate(options.from), to: startOfJstDate(addDays(options.to, 1)) };
}
