/*
 * The main data file (dx-navi.json) holds each person's chosen city (and, before version 3, the
 * claimed event ids). It is replaced atomically, so it is only ever damaged from outside: a disk
 * fault, a bad restore, an editor. Starting empty would silently drop every remembered city, so
 * a damaged file is recovered from, in this order:
 *
 * 1. its previous copy (`dx-navi.json.prev`, kept at every write), losing at most the last change;
 * 2. the parseable part of the file itself: every complete `"key":"value"` pair of its
 *    `municipalities` and `claimedEvents` objects up to the damage;
 * 3. neither works: the server refuses to start and says how to go on (restore a backup, or
 *    `npm run data:recover -- --start-empty`, which moves the file aside).
 *
 * The damaged file is always kept (copied to `dx-navi.json.corrupt-<time>`) for inspection.
 */
import { copyFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { CorruptJsonFileError, previousCopyOf } from './atomic-json-file.js';
import { dictionary, parseStoreData, UnrecognisedStoreDataError } from './store-data.js';
import type { AnyStoreData, StoreDataV2 } from './store-data.js';

/** The command that moves an unrecoverable main file aside, as the refusal prints it. */
export function recoverCommand(dataDir: string): string {
  return `npm run data:recover -- --data-dir ${JSON.stringify(dataDir)} --start-empty`;
}

/** The main file is damaged and nothing could be recovered from it or its previous copy. */
export class StoreFileUnreadableError extends Error {
  /** Names the file, why it is unreadable, and what the operator can do. */
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(
      `${file} is damaged (${reason}), and neither its previous copy (${path.basename(previousCopyOf(file))}) nor any part of it can be read. ` +
        `Not starting empty: every resident's chosen city would be silently lost. Restore the file from a backup, or, to start without it ` +
        `(the file is moved aside, not deleted), run: ${recoverCommand(path.dirname(file))}`,
    );
    this.name = 'StoreFileUnreadableError';
  }
}

/** What reading the main file found. */
export interface MainDocument {
  /** The document, or null for a new data directory. */
  data: AnyStoreData | null;
  /** Set when the file was damaged and the data was recovered; the caller must write `data` back. */
  recovered?: { from: 'previous copy' | 'parseable part'; damagedCopy: string | null; reason: string; municipalities: number };
}

type Read = { ok: true; data: AnyStoreData | null } | { ok: false; reason: string; text: string | null };

/** Reads and checks one candidate; ENOENT is `data: null`, damage is a reason. A newer version throws. */
async function readCandidate(file: string): Promise<Read> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, data: null };
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: new CorruptJsonFileError(file, error).message, text };
  }
  try {
    return { ok: true, data: parseStoreData(value) };
  } catch (error) {
    if (error instanceof UnrecognisedStoreDataError) return { ok: false, reason: error.message, text };
    throw error;
  }
}

/**
 * Reads the main file, recovering from damage as described above; throws
 * StoreFileUnreadableError when nothing can be recovered, and UnsupportedStoreVersionError (never
 * recovered from) for a file of a newer program. On recovery the damaged file is copied aside and
 * removed, so that the caller's write of the recovered data does not keep it as the previous copy.
 */
export async function readMainDocument(file: string, now: Date = new Date()): Promise<MainDocument> {
  const main = await readCandidate(file);
  const previousFile = previousCopyOf(file);
  if (main.ok && main.data !== null) return { data: main.data };
  const previous = await readCandidate(previousFile);
  // No main file beside a previous copy: a crash between moving a damaged file away and writing
  // its recovery. The previous copy is the data.
  if (main.ok) {
    if (previous.ok && previous.data !== null) return { data: previous.data, recovered: { from: 'previous copy', damagedCopy: null, reason: 'the file was missing', municipalities: Object.keys(previous.data.municipalities).length } };
    return { data: null };
  }
  const salvaged = main.text === null ? null : salvageStoreData(main.text);
  const data = previous.ok && previous.data !== null ? previous.data : salvaged;
  if (!data) throw new StoreFileUnreadableError(file, main.reason);
  const damagedCopy = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  await copyFile(file, damagedCopy);
  await rm(file);
  return {
    data,
    recovered: { from: data === salvaged ? 'parseable part' : 'previous copy', damagedCopy, reason: main.reason, municipalities: Object.keys(data.municipalities).length },
  };
}

/**
 * The complete entries of a damaged (typically truncated) main file, as a version-2 document so
 * that claims go through the usual migration; null when the text is not a store document or
 * holds no complete entry.
 */
export function salvageStoreData(text: string): StoreDataV2 | null {
  const version = /^\s*\{\s*"version"\s*:\s*(\d+)\s*,/.exec(text)?.[1];
  // Version 1 held logs too; its day-file migration needs the whole document.
  if (version !== '2' && version !== '3') return null;
  const municipalities = completePairs(text, 'municipalities');
  const claimedEvents = completePairs(text, 'claimedEvents');
  if (Object.keys(municipalities).length + Object.keys(claimedEvents).length === 0) return null;
  return { version: 2, claimedEvents, municipalities };
}

/** Every `"key":"value"` pair of the object under `name`, up to the first one that is not complete. */
function completePairs(text: string, name: string): Record<string, string> {
  const pairs = dictionary();
  const opening = new RegExp(`"${name}"\\s*:\\s*\\{`, 'g').exec(text);
  if (!opening) return pairs;
  // A pair counts only when the comma or brace after it arrived: a value cut short is not one.
  const pair = /\s*"((?:[^"\\]|\\.)*)"\s*:\s*"((?:[^"\\]|\\.)*)"\s*([,}])/y;
  pair.lastIndex = opening.index + opening[0].length;
  for (let match = pair.exec(text); match; match = pair.exec(text)) {
    try {
      pairs[JSON.parse(`"${match[1]}"`) as string] = JSON.parse(`"${match[2]}"`) as string;
    } catch {
      break;
    }
    if (match[3] === '}') break;
  }
  return pairs;
}
