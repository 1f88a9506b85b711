/**
 * What a server left in its data directory, read the way a test checks it: the main file must be
 * valid JSON of a known shape, and every day file a day file with no damaged line (a last line
 * cut short is skipped, as the server does: it was never acknowledged). Reading throws, naming
 * the file, when one is not.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CLAIM_JOURNAL_FILE_NAME } from '../../src/storage/claim-journal-file.js';
import { parseJournal } from '../../src/storage/claim-ledger.js';
import { DAY_LOG_DIR_NAME } from '../../src/storage/day-log-archive.js';
import { dayOfFileName } from '../../src/storage/day-key.js';
import { parseLegacyDayLog } from '../../src/storage/day-log-data.js';
import { parseDayLogText } from '../../src/storage/day-log-lines.js';
import { STORE_FILE_NAME } from '../../src/storage/open-store.js';
import { emptyStoreData, parseStoreData, STORE_DATA_VERSION, type StoreData } from '../../src/storage/store-data.js';
import type { FeedbackEntry, LogEntry } from '../../src/storage/store.js';

/** The main document with every day file's records gathered, oldest day first, and the claims of the claim journal. */
export interface StoredData extends StoreData {
  /** webhookEventId → ISO time claimed, from the journal (a torn last line is skipped, as the server does). */
  claimedEvents: Record<string, string>;
  logs: LogEntry[];
  feedback: FeedbackEntry[];
  /** The day files read, by name. */
  dayFiles: string[];
}

function parseFile(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${text.length} bytes)`, { cause: error });
  }
}

/** Reads the main file, the claim journal and every day file in `dataDir`. */
export function readStoredData(dataDir: string): StoredData {
  const mainFile = path.join(dataDir, STORE_FILE_NAME);
  // A server that only ever claimed and logged has not written the main file: claims and records live apart.
  const main = existsSync(mainFile) ? parseStoreData(parseFile(mainFile)) : emptyStoreData();
  if (main.version !== STORE_DATA_VERSION) throw new Error(`the main file is still version ${main.version}`);
  const logDir = path.join(dataDir, DAY_LOG_DIR_NAME);
  const names = existsSync(logDir) ? readdirSync(logDir) : [];
  const days = names.map(dayOfFileName).filter((day): day is string => day !== null);
  days.sort((a, b) => Date.parse(a) - Date.parse(b));
  const journal = path.join(dataDir, CLAIM_JOURNAL_FILE_NAME);
  const claims = existsSync(journal) ? parseJournal(readFileSync(journal, 'utf8'), Number.NEGATIVE_INFINITY).claims : new Map<string, number>();
  const claimedEvents = Object.fromEntries([...claims].map(([id, at]) => [id, new Date(at).toISOString()]));
  // A day's `.jsonl` wins over a version-1 `.json` left beside it, as the server reads them.
  const dayFiles = [...new Set(days)].map((day) => (names.includes(`${day}.jsonl`) ? `${day}.jsonl` : `${day}.json`));
  const stored: StoredData = { ...main, claimedEvents, logs: [], feedback: [], dayFiles };
  for (const name of dayFiles) {
    const file = path.join(logDir, name);
    const data = name.endsWith('.jsonl') ? parseDayLogText(readFileSync(file, 'utf8')) : { lists: parseLegacyDayLog(parseFile(file)), unreadable: 0 };
    if (data.unreadable > 0) throw new Error(`${file} has ${data.unreadable} damaged line(s)`);
    stored.logs.push(...data.lists.logs);
    stored.feedback.push(...data.lists.feedback);
  }
  return stored;
}

/** Files moved aside as unreadable, in the data directory or among the day files. */
export function quarantinedFiles(dataDir: string): string[] {
  const logDir = path.join(dataDir, DAY_LOG_DIR_NAME);
  const names = [...readdirSync(dataDir), ...(existsSync(logDir) ? readdirSync(logDir).map((name) => path.join(DAY_LOG_DIR_NAME, name)) : [])];
  return names.filter((name) => name.includes('.corrupt-'));
}
