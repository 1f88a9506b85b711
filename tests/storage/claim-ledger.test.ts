import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirsRemovedAfterEach } from '../support/temp-dirs.js';
import { openClaimJournal } from '../../src/storage/claim-journal-file.js';
import { ClaimLedger, claimLine, MIN_LINES_TO_COMPACT, parseJournal } from '../../src/storage/claim-ledger.js';
import type { Journal } from '../../src/storage/journal-file.js';

const tempDir = tempDirsRemovedAfterEach('dx-claims-');
async function journalPath(): Promise<string> {
  return path.join(await tempDir(), 'dx-navi-claims.jsonl');
}

/** A journal that records what each write was handed. */
class RecordingJournal implements Journal {
  readonly writes: Array<{ kind: 'append' | 'replace'; bytes: number; lines: number }> = [];
  async append(text: string): Promise<void> {
    this.writes.push({ kind: 'append', bytes: Buffer.byteLength(text), lines: text.split('\n').length - 1 });
  }
  async replace(text: string): Promise<void> {
    this.writes.push({ kind: 'replace', bytes: Buffer.byteLength(text), lines: text.split('\n').length - 1 });
  }
  async close(): Promise<void> {}
}

const T = 1_764_000_000_000;

describe('parseJournal', () => {
  it('reads the latest time of each id, leaves out expired claims, and skips damaged and torn lines', () => {
    const text = [claimLine('a', T), claimLine('b', T + 1), 'garbage\n', '["c"]\n', claimLine('a', T + 5), claimLine('old', T - 100), '["d",17640'].join('');
    const { claims, lines, unreadable } = parseJournal(text, T - 1);
    expect(claims).toEqual(new Map([['a', T + 5], ['b', T + 1]]));
    expect(lines).toBe(7);
    expect(unreadable).toBe(3);
  });

  it('never reads a torn last line as a claim, even one that parses', () => {
    // `["x",12` cut from `["x",1234]`: valid JSON would need the bracket, but a cut number could be whole.
    expect(parseJournal(`${claimLine('a', T)}["x",12]`, 0).claims.has('x')).toBe(false);
  });
});

describe('ClaimLedger', () => {
  it('writes one line per claim however many claims are kept: the cost does not grow with the journal', async () => {
    const journal = new RecordingJournal();
    const few = new ClaimLedger(journal, new Map([['01HONE', T]]));
    await few.add('01HZZZZZZZZZZZZZZZZZZZZZZZ1', T);
    const many = new ClaimLedger(journal, new Map(Array.from({ length: 50_000 }, (_, i) => [`01HKEPT${i}`, T] as [string, number])));
    await many.add('01HZZZZZZZZZZZZZZZZZZZZZZZ2', T);
    const [small, large] = journal.writes;
    expect(small).toEqual({ kind: 'append', bytes: claimLine('01HZZZZZZZZZZZZZZZZZZZZZZZ1', T).length, lines: 1 });
    expect(large).toEqual(small);
  });

  it('compacts the journal to the live claims only once it holds more than twice as many lines, keeping appends amortised constant', async () => {
    const journal = new RecordingJournal();
    const ledger = new ClaimLedger(journal);
    const claims = 5 * MIN_LINES_TO_COMPACT;
    let at = T;
    for (let i = 0; i < claims; i++) {
      await ledger.add(`01HEVENT${i}`, at++);
      // A window of 1,000 live claims, as a steady flow with a TTL would keep.
      ledger.expire(at - 1_000);
    }
    const replaced = journal.writes.filter((write) => write.kind === 'replace');
    expect(ledger.size).toBe(999);
    expect(replaced.length).toBeGreaterThan(0);
    for (const write of replaced) expect(write.lines).toBeLessThanOrEqual(1_000);
    // All the compactions together wrote no more lines than the appends did.
    const appended = journal.writes.filter((write) => write.kind === 'append').reduce((sum, write) => sum + write.lines, 0);
    expect(replaced.reduce((sum, write) => sum + write.lines, 0)).toBeLessThan(appended);
    expect(ledger.compactions).toBe(replaced.length);
  });
});

describe('the claim journal file', () => {
  it('survives a torn last line: skipped, reported, the file rewritten clean, and later appends read back', async () => {
    const file = await journalPath();
    await writeFile(file, `${claimLine('01HA', T)}${claimLine('01HB', T + 1)}["01HC",${T}`);
    const opened = await openClaimJournal(file, 0);
    expect(opened.unreadable).toBe(1);
    expect(await readFile(file, 'utf8')).toBe(`${claimLine('01HA', T)}${claimLine('01HB', T + 1)}`);
    await opened.ledger.add('01HD', T + 2);
    await opened.ledger.close();
    const reopened = await openClaimJournal(file, 0);
    expect(reopened.unreadable).toBe(0);
    expect(['01HA', '01HB', '01HC', '01HD'].map((id) => reopened.ledger.claimedAt(id))).toEqual([T, T + 1, undefined, T + 2]);
    await reopened.ledger.close();
  });

  it('after compaction holds only live claims and reads back the same', async () => {
    const file = await journalPath();
    const { ledger } = await openClaimJournal(file, 0);
    // In bursts of 256 claims per tick (one append each), as a busy webhook makes them.
    for (let start = 0; start < 2 * MIN_LINES_TO_COMPACT; start += 256) {
      await Promise.all(Array.from({ length: 256 }, (_, k) => ledger.add(`01HEVENT${start + k}`, T + start + k)));
      ledger.expire(T + start + 255 - 100);
    }
    expect(ledger.compactions).toBeGreaterThan(0);
    await ledger.close();
    const text = await readFile(file, 'utf8');
    expect(text.split('\n').length - 1).toBeLessThan(MIN_LINES_TO_COMPACT + 200);
    const reopened = await openClaimJournal(file, T + 2 * MIN_LINES_TO_COMPACT - 101);
    expect(reopened.ledger.size).toBe(100);
    await reopened.ledger.close();
  });
});
