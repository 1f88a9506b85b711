/**
 * Calendar days as the municipalities count them: in Japan Standard Time. Japan has no daylight
 * saving, so a fixed +09:00 offset is exact and keeps reports independent of the server's zone.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The JST calendar date (YYYY-MM-DD) a moment falls on. */
export function jstDateOf(moment: Date | string): string {
  const time = typeof moment === 'string' ? Date.parse(moment) : moment.getTime();
  return new Date(time + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** A moment as JST wall-clock text, `YYYY-MM-DD HH:MM`, for people reading a report. */
export function jstDateTimeOf(moment: Date | string): string {
  const time = typeof moment === 'string' ? Date.parse(moment) : moment.getTime();
  return new Date(time + JST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** True for a YYYY-MM-DD string naming a real calendar date. */
export function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

/** The moment a JST calendar date begins; throws RangeError for anything but a real YYYY-MM-DD. */
export function startOfJstDate(date: string): Date {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return new Date(Date.parse(`${date}T00:00:00Z`) - JST_OFFSET_MS);
}

/** The date `days` after (or before, when negative) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every date from `first` to `last`, both included. */
export function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) dates.push(date);
  return dates;
}
