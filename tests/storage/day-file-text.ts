/**
 * A day file read strictly, line by line, the way a test checks what the archive wrote: the
 * header, then one complete `{"kind","entry"}` line per entry. Throws on anything else.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DAY_LOG_DIR_NAME } from '../../src/storage/day-log-archive.js';
import type { RecordLists } from '../../src/storage/record-archive.js';

/** The `.jsonl` of `day` under the data directory `dir`. */
export const dayPath = (dir: string, day: string): string => path.join(dir, DAY_LOG_DIR_NAME, `${day}.jsonl`);

/** The version-1 `.json` day document of `day` under the data directory `dir`. */
export const legacyDayPath = (dir: string, day: string): string => path.join(dir, DAY_LOG_DIR_NAME, `${day}.json`);

/** The header's version and the entries of a day file's text, in file order. */
export function parseDayText(text: string): RecordLists & { version: unknown } {
  if (!text.endsWith('\n')) throw new Error('a day file ends with a newline');
  const [header, ...lines] = text.slice(0, -1).split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const day: RecordLists & { version: unknown } = { version: header?.version, logs: [], feedback: [] };
  if (Object.keys(header ?? {}).join() !== 'version') throw new Error(`not a header: ${JSON.stringify(header)}`);
  for (const line of lines) {
    if (Object.keys(line).join() !== 'kind,entry' || (line.kind !== 'logs' && line.kind !== 'feedback')) throw new Error(`not an entry line: ${JSON.stringify(line)}`);
    (day[line.kind] as unknown[]).push(line.entry);
  }
  return day;
}

/** The day file of `day` under the data directory `dir`, read strictly. */
export async function readDay(dir: string, day: string): Promise<RecordLists & { version: unknown }> {
  return parseDayText(await readFile(dayPath(dir, day), 'utf8'));
}
