/*
 * A day's records as JSON Lines: a header line `{"version":2}`, then one line per entry in the
 * order appended, `{"kind":"logs","entry":{...}}` or `{"kind":"feedback","entry":{...}}`. An entry
 * is added by appending its line, so recording one costs that line, whatever the day holds.
 */
import { parseJsonLines } from './json-lines.js';
import { emptyDayLog } from './day-log-data.js';
import type { RecordKind, RecordLists, RecordOf } from './record-archive.js';
import { isRecord, UnrecognisedStoreDataError, UnsupportedStoreVersionError } from './store-data.js';

/** Bumped whenever the shape of a day file changes, independently of the main document's version (1 was the whole-document `.json`). */
export const DAY_LOG_VERSION = 2;

/** The first line of every day file. */
export function dayLogHeader(): string {
  return `${JSON.stringify({ version: DAY_LOG_VERSION })}\n`;
}

/** One entry's line, newline included. */
export function dayLogLine<K extends RecordKind>(kind: K, entry: RecordOf[K]): string {
  return `${JSON.stringify({ kind, entry })}\n`;
}

/** A whole day file holding `lists`: the header, then logs, then feedback (order matters only within a kind). */
export function dayLogText(lists: RecordLists): string {
  let text = dayLogHeader();
  for (const entry of lists.logs) text += dayLogLine('logs', entry);
  for (const entry of lists.feedback) text += dayLogLine('feedback', entry);
  return text;
}

/** What a day file held. */
export interface ParsedDayLog {
  lists: RecordLists;
  /** False when the file holds no complete header line (empty, or cut short while it was created). */
  headed: boolean;
  /** Complete lines that are not an entry of a known kind (damage): skipped. */
  unreadable: number;
  /** True when the text after the last newline is not empty: an append cut short, never an entry. */
  torn: boolean;
}

function entryOf(value: unknown): { kind: RecordKind; entry: { at: string } } | null {
  if (!isRecord(value) || (value.kind !== 'logs' && value.kind !== 'feedback')) return null;
  const { entry } = value;
  if (!isRecord(entry) || typeof entry.at !== 'string') return null;
  return { kind: value.kind, entry: entry as { at: string } };
}

/**
 * Reads a day file's text. Unreadable lines are skipped and counted rather than failing the day,
 * so damage to one line never costs the others. The file as a whole is refused only when its
 * first complete line is no header (UnrecognisedStoreDataError: not a day file) or names a newer
 * version (UnsupportedStoreVersionError: never overwritten).
 */
export function parseDayLogText(text: string): ParsedDayLog {
  // An entry is stored only once its newline is: appends end every line with one, so text after
  // the last newline was cut short (a `{"kind":"logs","entry":{…}}` missing only it is not stored either).
  const { values, torn } = parseJsonLines(text);
  const parsed: ParsedDayLog = { lists: emptyDayLog(), headed: false, unreadable: 0, torn };
  if (values.length === 0) return parsed;
  const [header, ...entries] = values;
  const version = isRecord(header) ? header.version : undefined;
  if (typeof version !== 'number') throw new UnrecognisedStoreDataError('day log has no header line with a numeric "version"');
  if (version > DAY_LOG_VERSION) throw new UnsupportedStoreVersionError(version, DAY_LOG_VERSION);
  if (version !== DAY_LOG_VERSION) throw new UnrecognisedStoreDataError(`unknown day log version ${version}`);
  parsed.headed = true;
  for (const value of entries) {
    const found = entryOf(value);
    if (!found) {
      parsed.unreadable++;
      continue;
    }
    (parsed.lists[found.kind] as Array<{ at: string }>).push(found.entry);
  }
  return parsed;
}
