import { ClaimLedger, claimLine, parseJournal } from './claim-ledger.js';
import { JournalFile, readJournalText } from './journal-file.js';

/** The claim journal's name beside the main data file. */
export const CLAIM_JOURNAL_FILE_NAME = 'dx-navi-claims.jsonl';

/** What opening the journal did, for the store's warning. */
export interface OpenedClaims {
  ledger: ClaimLedger;
  journal: JournalFile;
  /** Lines skipped as unreadable (a torn last line after a crash, or damage); the journal was rewritten without them. */
  unreadable: number;
}

/**
 * Reads the journal at `file` (none yet is an empty one), leaving out claims made at or before
 * `expiredBy`, and returns the ledger that goes on appending to it. A journal with unreadable
 * lines is rewritten at once with what was read, so the next append starts on a clean line.
 * `imported` (claims from an older main file) are merged in and written the same way.
 */
export async function openClaimJournal(file: string, expiredBy: number, imported: ReadonlyMap<string, number> = new Map()): Promise<OpenedClaims> {
  const { claims, lines, unreadable } = parseJournal(await readJournalText(file), expiredBy);
  let merged = 0;
  for (const [id, at] of imported) {
    if (at > expiredBy && at > (claims.get(id) ?? Number.NEGATIVE_INFINITY)) {
      claims.set(id, at);
      merged++;
    }
  }
  const journal = new JournalFile(file);
  const ledger = new ClaimLedger(journal, claims, lines);
  if (unreadable > 0 || merged > 0) {
    await journal.replace([...claims].map(([id, at]) => claimLine(id, at)).join(''));
    return { ledger: new ClaimLedger(journal, claims, claims.size), journal, unreadable };
  }
  return { ledger, journal, unreadable };
}
