import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirsRemovedAfterEach } from '../support/temp-dirs.js';
import { ClaimLedger } from '../../src/storage/claim-ledger.js';
import { LEGACY_INBOX_FILE_NAME } from '../../src/storage/inbox-data.js';
import { openInboxJournal, readInboxJournal } from '../../src/storage/inbox-journal-file.js';
import { acceptedLine, finishedLine, INBOX_JOURNAL_FILE_NAME, InboxJournal, parseInboxJournal } from '../../src/storage/inbox-journal.js';
import { NO_JOURNAL, type Journal } from '../../src/storage/journal-file.js';
import { openLowdbStore } from '../../src/storage/lowdb-store.js';

const tempDir = tempDirsRemovedAfterEach('dx-inbox-');

/** A journal that records each write it was handed, and can be made to fail. */
class RecordingJournal implements Journal {
  readonly writes: Array<{ kind: 'append' | 'replace'; text: string }> = [];
  fail = false;
  async append(text: string): Promise<void> {
    if (this.fail) throw new Error('ENOSPC: no space left on device');
    this.writes.push({ kind: 'append', text });
  }
  async replace(text: string): Promise<void> {
    if (this.fail) throw new Error('ENOSPC: no space left on device');
    this.writes.push({ kind: 'replace', text });
  }
  async close(): Promise<void> {}
}

const T = 1_764_000_000_000;
const record = (n: number) => ({ receivedAt: new Date(T + n).toISOString(), event: { type: 'message', message: { type: 'text', text: `質問${n}` } } });

describe('parseInboxJournal', () => {
  it('replays accepts and finishes in order, skipping damaged lines and a torn last line', () => {
    const text = [acceptedLine('a', record(1)), acceptedLine('b', record(2)), 'garbage\n', '["x","c"]\n', finishedLine('a', T + 1), acceptedLine('c', record(3)), '["a","d","20'].join('');
    const { pending, finished, lines, unreadable, torn } = parseInboxJournal(text);
    expect([...pending.keys()]).toEqual(['b', 'c']);
    expect(pending.get('c')).toEqual(record(3));
    expect(finished).toEqual(new Map([['a', T + 1]]));
    expect(lines).toBe(7);
    expect(unreadable).toBe(2);
    expect(torn).toBe(true);
  });

  it('never brings back a finished event from an accept line written after its finish', () => {
    expect(parseInboxJournal(finishedLine('a', T) + acceptedLine('a', record(1))).pending.size).toBe(0);
  });

  it('keeps an id such as "__proto__" as a plain id', () => {
    expect([...parseInboxJournal(acceptedLine('__proto__', record(1))).pending.keys()]).toEqual(['__proto__']);
  });
});

describe('InboxJournal', () => {
  it('appends one line per accepted event, however many events the inbox already holds', async () => {
    const journal = new RecordingJournal();
    const inbox = new InboxJournal(journal);
    for (let n = 0; n < 2000; n++) inbox.accept(`held${n}`, record(n));
    await inbox.write();
    inbox.accept('new', record(9));
    await inbox.write();
    expect(journal.writes.at(-1)).toEqual({ kind: 'append', text: acceptedLine('new', record(9)) });
  });

  it('groups the changes of one turn into one write', async () => {
    const journal = new RecordingJournal();
    const inbox = new InboxJournal(journal);
    inbox.accept('a', record(1));
    inbox.accept('b', record(2));
    await Promise.all([inbox.write(), inbox.write()]);
    expect(journal.writes).toEqual([{ kind: 'append', text: acceptedLine('a', record(1)) + acceptedLine('b', record(2)) }]);
  });

  it('claims a finished event from when it was received, and ignores one that is not pending', async () => {
    const journal = new RecordingJournal();
    const inbox = new InboxJournal(journal);
    inbox.accept('a', record(1));
    expect(inbox.finish('a', T + 60_000)).toBe(true);
    expect(inbox.finish('a', T + 60_000)).toBe(false);
    expect(inbox.finish('never', T)).toBe(false);
    await inbox.write();
    expect(parseInboxJournal(journal.writes.map((write) => write.text).join('')).finished).toEqual(new Map([['a', T + 1]]));
  });

  it('folds finished claims into the claim ledger first, then replaces the journal with what is still pending', async () => {
    const journal = new RecordingJournal();
    const claimJournal = new RecordingJournal();
    const inbox = new InboxJournal(journal);
    const claims = new ClaimLedger(claimJournal);
    inbox.accept('done', record(1));
    inbox.accept('waiting', record(2));
    inbox.finish('done', T);
    await inbox.write();
    await inbox.foldInto(claims);
    expect(claims.claimedAt('done')).toBe(T + 1);
    expect(claimJournal.writes).toHaveLength(1);
    expect(journal.writes.at(-1)).toEqual({ kind: 'replace', text: acceptedLine('waiting', record(2)) });
    expect(inbox.has('done')).toBe(false);
    expect(inbox.has('waiting')).toBe(true);
  });

  it('keeps the finished claims when the claim ledger cannot take them', async () => {
    const journal = new RecordingJournal();
    const claimJournal = new RecordingJournal();
    claimJournal.fail = true;
    const inbox = new InboxJournal(journal);
    inbox.accept('done', record(1));
    inbox.finish('done', T);
    await inbox.write();
    await expect(inbox.foldInto(new ClaimLedger(claimJournal))).rejects.toThrow(/ENOSPC/);
    expect(inbox.finishedCount).toBe(1);
    expect(journal.writes.map((write) => write.kind)).toEqual(['append']);
  });

  it('replaces the journal whole after a failed append, without the accepts that were taken back', async () => {
    const journal = new RecordingJournal();
    const inbox = new InboxJournal(journal);
    inbox.accept('kept', record(1));
    await inbox.write();
    journal.fail = true;
    inbox.accept('refused', record(2));
    await expect(inbox.write()).rejects.toThrow(/ENOSPC/);
    inbox.unaccept(['refused']);
    journal.fail = false;
    inbox.accept('next', record(3));
    await inbox.write();
    // The failed append may have left half a line: the journal is rewritten rather than appended to.
    expect(journal.writes.at(-1)).toEqual({ kind: 'replace', text: acceptedLine('kept', record(1)) + acceptedLine('next', record(3)) });
  });

  it('keeps nothing on disk in memory mode', async () => {
    const inbox = new InboxJournal(NO_JOURNAL);
    inbox.accept('a', record(1));
    await inbox.write();
    expect([...inbox.pending()].map(([id]) => id)).toEqual(['a']);
  });
});

describe('openInboxJournal', () => {
  const quietWarnings = () => {
    const warnings: string[] = [];
    return { warnings, warn: (message: string) => warnings.push(message) };
  };

  it('reads back what a process appended before it died, and rewrites a torn last line away', async () => {
    const dir = await tempDir();
    const first = await openInboxJournal(dir, () => undefined);
    first.accept('left', record(1));
    first.accept('done', record(2));
    await first.write();
    first.finish('done', T);
    await first.write();
    // Died here, in the middle of its next append.
    await writeFile(path.join(dir, INBOX_JOURNAL_FILE_NAME), `${await readFile(path.join(dir, INBOX_JOURNAL_FILE_NAME), 'utf8')}["a","torn","20`);
    const { warnings, warn } = quietWarnings();
    const second = await openInboxJournal(dir, warn);
    expect([...second.pending()]).toEqual([['left', record(1)]]);
    expect(second.has('done')).toBe(true);
    // What a power cut leaves is expected, and was never acknowledged: no warning.
    expect(warnings).toEqual([]);
    expect((await readInboxJournal(dir)).torn).toBe(false);
    second.accept('after', record(3));
    await second.write();
    expect([...(await readInboxJournal(dir)).pending.keys()]).toEqual(['left', 'after']);
    await Promise.all([first.close(), second.close()]);
  });

  it('names damaged lines in the middle of the journal, and rewrites the journal without them', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, INBOX_JOURNAL_FILE_NAME), `${acceptedLine('a', record(1))}{"not":"an inbox line"}\n${acceptedLine('b', record(2))}`);
    const { warnings, warn } = quietWarnings();
    const inbox = await openInboxJournal(dir, warn);
    expect([...inbox.pending()].map(([id]) => id)).toEqual(['a', 'b']);
    expect(warnings).toEqual([expect.stringMatching(/skipped 1 damaged line\(s\) of dx-navi-inbox\.jsonl/)]);
    expect(await readFile(path.join(dir, INBOX_JOURNAL_FILE_NAME), 'utf8')).toBe(acceptedLine('a', record(1)) + acceptedLine('b', record(2)));
    await inbox.close();
  });

  it('takes in the inbox file of an earlier version, then removes it', async () => {
    const dir = await tempDir();
    const legacy = {
      version: 1,
      events: { waiting: { receivedAt: record(1).receivedAt, event: record(1).event } },
      finished: { done: new Date(T).toISOString() },
    };
    await writeFile(path.join(dir, LEGACY_INBOX_FILE_NAME), JSON.stringify(legacy));
    const inbox = await openInboxJournal(dir, () => undefined);
    expect([...inbox.pending()]).toEqual([['waiting', record(1)]]);
    expect(existsSync(path.join(dir, LEGACY_INBOX_FILE_NAME))).toBe(false);
    const onDisk = await readInboxJournal(dir);
    expect([...onDisk.pending.keys()]).toEqual(['waiting']);
    expect(onDisk.finished).toEqual(new Map([['done', T]]));
    await inbox.close();
  });

  it('moves an unreadable inbox file of an earlier version aside and says so', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, LEGACY_INBOX_FILE_NAME), '{"version":1,"events":{');
    const { warnings, warn } = quietWarnings();
    const inbox = await openInboxJournal(dir, warn);
    expect([...inbox.pending()]).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/not valid JSON; moved it to .*corrupt-.*not answered/)]);
    expect((await readdir(dir)).some((name) => name.startsWith(`${LEGACY_INBOX_FILE_NAME}.corrupt-`))).toBe(true);
    await inbox.close();
  });

  it('leaves the store with an empty journal after a clean stop, every claim in the claim journal', async () => {
    const dir = await tempDir();
    const store = await openLowdbStore(path.join(dir, 'dx-navi.json'), { warn: () => undefined });
    // Received now: a claim older than the claims' time to live would rightly be forgotten.
    const events = [1, 2, 3].map((n) => ({ webhookEventId: `ev${n}`, ...record(n), receivedAt: new Date().toISOString() }));
    await store.acceptEvents(events, 'me', 60_000);
    await store.finishEvents(events.map((event) => ({ webhookEventId: event.webhookEventId, outcome: 'handled' as const })));
    await store.close();
    expect(await readFile(path.join(dir, INBOX_JOURNAL_FILE_NAME), 'utf8')).toBe('');
    const reopened = await openLowdbStore(path.join(dir, 'dx-navi.json'), { warn: () => undefined });
    expect(await reopened.acceptEvents(events, 'me', 60_000)).toEqual([]);
    await reopened.close();
  });
});
