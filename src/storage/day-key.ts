import type { Period } from './store.js';

const DAY_MS = 24 * 60 * 60 * 1000;
// ISO dates; years outside 0000–9999 take the expanded ±YYYYYY form toISOString gives them.
// `.jsonl` is the current format, `.json` a version-1 day document written by earlier versions.
const DAY_FILE_NAME = /^((?:\d{4}|[+-]\d{6})-\d{2}-\d{2})\.jsonl?$/;

/** The UTC day an entry's time falls on, as `YYYY-MM-DD`; `at` must parse. */
export function dayOf(at: string): string {
  const iso = new Date(Date.parse(at)).toISOString();
  return iso.slice(0, iso.indexOf('T'));
}

/** When the day begins, in ms since the epoch (ISO date-only forms are read as UTC). */
export function dayStart(day: string): number {
  return Date.parse(day);
}

/** True when some instant of the day falls in the period. */
export function dayOverlaps(day: string, { from, to }: Period): boolean {
  const start = dayStart(day);
  return (from === undefined || start + DAY_MS > from.getTime()) && (to === undefined || start < to.getTime());
}

/** True when every instant of the day is before `cutoffMs`. */
export function dayEndsBy(day: string, cutoffMs: number): boolean {
  return dayStart(day) + DAY_MS <= cutoffMs;
}

/** Days in calendar order. */
export function sortDays(days: Iterable<string>): string[] {
  return [...days].sort((a, b) => dayStart(a) - dayStart(b));
}

/** The file name a day's records are appended to (JSON Lines). */
export function dayFileName(day: string): string {
  return `${day}.jsonl`;
}

/** The file name earlier versions kept a day's whole document under (version 1), read until the day is next written. */
export function legacyDayFileName(day: string): string {
  return `${day}.json`;
}

/** The day a file name holds, current or legacy, or null for anything else in the directory (temp and quarantined files). */
export function dayOfFileName(name: string): string | null {
  const day = DAY_FILE_NAME.exec(name)?.[1];
  return day !== undefined && !Number.isNaN(dayStart(day)) && dayOf(day) === day ? day : null;
}
