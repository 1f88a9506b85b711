import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { Low } from 'lowdb';
import type { Adapter } from 'lowdb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClaimLedger } from '../../src/storage/claim-ledger.js';
import { NO_JOURNAL, type Journal } from '../../src/storage/journal-file.js';
import { LowdbStore, openLowdbStore } from '../../src/storage/lowdb-store.js';
import { InboxJournal } from '../../src/storage/inbox-journal.js';
import { StoreFileUnreadableError } from '../../src/storage/main-file-recovery.js';
import { MemoryRecords } from '../../src/storage/memory-records.js';
import { emptyStoreData, STORE_DATA_VERSION, UnsupportedStoreVersionError } from '../../src/storage/store-data.js';
import type { StoreData } from '../../src/storage/store-data.js';
import type { Store } from '../../src/storage/store.js';
import { readDay } from './day-file-text.js';
import { describeStoreContract, feedbackEntry, logEntry } from './store-contract.js';

const made: string[] = [];

async function tempFile(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dx-lowdb-'));
  made.push(dir);
  return path.join(dir, 'dx-navi.json');
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const quiet = { warn: () => undefined };

describeStoreContract('lowdb store on a file', async (options) => openLowdbStore(await tempFile(), { ...quiet, ...options }));

/** Writes that wait until the test releases them, oldest first, successfully or with an error. */
class HeldWrites {
  readonly #held: Array<{ release: (error?: Error) => void }> = [];

  /** Resolves (or rejects) when the test releases this write. */
  hold(): Promise<void> {
    return new Promise<void>((resolve, reject) => this.#held.push({ release: (error) => (error ? reject(error) : resolve()) }));
  }

  /** Finishes the oldest held write, successfully or with `error`. */
  async release(error?: Error): Promise<void> {
    await nextMacrotask();
    const held = this.#held.shift();
    if (!held) throw new Error('no write is held');
    held.release(error);
    await nextMacrotask();
  }
}

/** An adapter that keeps what each write received and lets the test decide when, and whether, each write finishes. */
class HeldAdapter extends HeldWrites implements Adapter<StoreData> {
  readonly written: StoreData[] = [];

  async read(): Promise<StoreData | null> {
    return null;
  }

  async write(data: StoreData): Promise<void> {
    const snapshot = JSON.parse(JSON.stringify(data)) as StoreData;
    await this.hold();
    this.written.push(snapshot);
  }
}

/** A claim journal that keeps each write's text and lets the test decide when, and whether, it finishes. */
class HeldJournal extends HeldWrites implements Journal {
  readonly appended: string[] = [];

  async append(text: string): Promise<void> {
    await this.hold();
    this.appended.push(text);
  }

  async replace(text: string): Promise<void> {
    await this.append(text);
  }

  async close(): Promise<void> {}

  /** The ids in what was written, in order. */
  ids(): string[] {
    return this.appended.flatMap((text) => text.trim().split('\n')).map((line) => (JSON.parse(line) as [string, number])[0]);
  }
}

function storeOver(adapter: Adapter<StoreData>, journal: Journal = new HeldJournal()): Store {
  return new LowdbStore(new Low(adapter, emptyStoreData()), new MemoryRecords(), new ClaimLedger(journal));
}

/** Tracks whether a promise has settled, without awaiting it. */
function watch<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

describe('openLowdbStore', () => {
  it('keeps everything across closing and reopening', async () => {
    const file = await tempFile();
    const log = logEntry('2025-04-01T00:00:00Z', { answered: false, entryId: null });
    const feedback = feedbackEntry('2025-04-01T00:01:00Z', { query: 'オンライン申請' });
    const first = await openLowdbStore(file, quiet);
    await first.claimEvent('01HPERSIST');
    await first.setMunicipality('alice', '西之表市');
    await first.setMunicipality('bob', '薩摩川内市');
    await first.forgetUser('bob');
    await first.appendLog(log);
    await first.addFeedback(feedback);
    await first.close();

    const second = await openLowdbStore(file, quiet);
    expect(await second.claimEvent('01HPERSIST')).toBe(false);
    expect(await second.getMunicipality('alice')).toBe('西之表市');
    expect(await second.getMunicipality('bob')).toBeNull();
    expect(await second.listLogs()).toEqual([log]);
    expect(await second.listFeedback()).toEqual([feedback]);
    await second.close();
  });

  it('has every change on disk by the time its call resolves, with the schema version', async () => {
    const file = await tempFile();
    const store = await openLowdbStore(file, quiet);
    await store.setMunicipality('alice', '鹿屋市');
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as StoreData;
    expect(onDisk.version).toBe(STORE_DATA_VERSION);
    expect(onDisk.municipalities).toEqual({ alice: '鹿屋市' });
    await store.close();
  });

  it('starts empty without creating anything when the file is missing', async () => {
    const file = await tempFile();
    const store = await openLowdbStore(file, quiet);
    expect(await store.listLogs()).toEqual([]);
    expect(await store.getMunicipality('alice')).toBeNull();
    expect(await readdir(path.dirname(file))).toEqual([]);
    await store.close();
  });

  it('keeps claims out of the main file, in the claim journal, and leaves expired ones out when reopened', async () => {
    const file = await tempFile();
    const store = await openLowdbStore(file, { ...quiet, eventTtlMs: 60_000 });
    const now = Date.now();
    await store.claimEvent('01HOLD', new Date(now - 120_000));
    await store.claimEvent('01HNEW', new Date(now));
    await store.setMunicipality('alice', '鹿屋市');
    await store.close();
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')) as object).sort()).toEqual(['municipalities', 'version']);
    expect(await readFile(path.join(path.dirname(file), 'dx-navi-claims.jsonl'), 'utf8')).toBe(`["01HOLD",${now - 120_000}]\n["01HNEW",${now}]\n`);

    const reopened = await openLowdbStore(file, { ...quiet, eventTtlMs: 60_000 });
    expect(await reopened.claimEvent('01HNEW', new Date(now + 1000))).toBe(false);
    expect(await reopened.claimEvent('01HOLD', new Date(now + 1000))).toBe(true);
    await reopened.close();
  });

  it.each([
    ['invalid JSON', '{"version":3,"municipalities":{"alice"'],
    ['an empty file', ''],
    ['JSON that is not store data', '["something", "else"]'],
  ])('refuses to start on a file holding %s with nothing to recover, naming the recovery command, and touches nothing', async (_label, content) => {
    const file = await tempFile();
    await writeFile(file, content);
    const opening = openLowdbStore(file, quiet);
    await expect(opening).rejects.toBeInstanceOf(StoreFileUnreadableError);
    await expect(opening).rejects.toThrow(`npm run data:recover -- --data-dir ${JSON.stringify(path.dirname(file))} --start-empty`);
    expect(await readdir(path.dirname(file))).toEqual(['dx-navi.json']);
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('recovers a damaged file from the previous copy kept at every write, losing only the last change, and keeps the damaged one', async () => {
    const file = await tempFile();
    const store = await openLowdbStore(file, quiet);
    await store.setMunicipality('alice', '鹿屋市');
    await store.setMunicipality('bob', '嬉野市');
    await store.close();
    const damaged = (await readFile(file, 'utf8')).slice(0, 20);
    await writeFile(file, damaged);

    const warn = vi.fn<(message: string) => void>();
    const reopened = await openLowdbStore(file, { warn });
    expect(await reopened.getMunicipality('alice')).toBe('鹿屋市');
    expect(await reopened.getMunicipality('bob')).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/recovered 1 remembered cities from its previous copy; the damaged file is kept as .*dx-navi\.json\.corrupt-/);
    const [aside] = (await readdir(path.dirname(file))).filter((name) => name.startsWith('dx-navi.json.corrupt-'));
    expect(await readFile(path.join(path.dirname(file), aside ?? ''), 'utf8')).toBe(damaged);
    // The recovered document is the main file again, and later writes go on as usual.
    await reopened.setMunicipality('carol', '垂水市');
    await reopened.close();
    expect((JSON.parse(await readFile(file, 'utf8')) as StoreData).municipalities).toEqual({ alice: '鹿屋市', carol: '垂水市' });
  });

  it('recovers the parseable part of a truncated version-2 file (claims and cities) when there is no previous copy', async () => {
    const file = await tempFile();
    const now = Date.now();
    const claims = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`01HCLAIM${i}`, new Date(now - i * 1000).toISOString()]));
    const cities = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`${i}`.padStart(64, 'a'), i % 2 ? '鹿屋市' : '嬉野市']));
    const whole = JSON.stringify({ version: 2, claimedEvents: claims, municipalities: cities });
    // Cut inside the 21st city's value.
    const cut = whole.indexOf(`"${`${20}`.padStart(64, 'a')}":"`) + 70;
    expect(whole.slice(cut - 2, cut)).toBe('嬉野');
    await writeFile(file, whole.slice(0, cut));

    const warn = vi.fn<(message: string) => void>();
    const store = await openLowdbStore(file, { warn });
    expect(warn.mock.calls[0]?.[0]).toContain('recovered 20 remembered cities from its parseable part');
    expect(await store.getMunicipality(`${19}`.padStart(64, 'a'))).toBe('鹿屋市');
    expect(await store.getMunicipality(`${20}`.padStart(64, 'a'))).toBeNull();
    for (const id of Object.keys(claims)) expect(await store.claimEvent(id), id).toBe(false);
    await store.close();
  });

  it('refuses a file from a newer program and leaves it untouched', async () => {
    const file = await tempFile();
    const content = JSON.stringify({ ...emptyStoreData(), version: STORE_DATA_VERSION + 1 });
    await writeFile(file, content);
    await expect(openLowdbStore(file, quiet)).rejects.toBeInstanceOf(UnsupportedStoreVersionError);
    expect(await readdir(path.dirname(file))).toEqual(['dx-navi.json']);
    expect(await readFile(file, 'utf8')).toBe(content);
  });
});

describe('LowdbStore writes', () => {
  it('coalesces claims made in one tick into one journal append that holds them all, and never rewrites the main document for them', async () => {
    const adapter = new HeldAdapter();
    const journal = new HeldJournal();
    const store = storeOver(adapter, journal);
    const claims = Promise.all(Array.from({ length: 25 }, (_, i) => store.claimEvent(`01HBURST${i}`)));
    await journal.release();
    expect(await claims).toEqual(Array.from({ length: 25 }, () => true));
    expect(journal.appended).toHaveLength(1);
    expect(journal.ids()).toHaveLength(25);
    expect(adapter.written).toEqual([]);
  });

  it('resolves a change only after a write that contains it', async () => {
    const adapter = new HeldAdapter();
    const store = storeOver(adapter);
    const first = watch(store.setMunicipality('alice', '鹿屋市'));
    await nextMacrotask();
    const second = watch(store.setMunicipality('bob', '嬉野市'));
    await adapter.release();
    expect(first.settled).toBe(true);
    expect(second.settled).toBe(false);
    expect(adapter.written[0]?.municipalities).toEqual({ alice: '鹿屋市' });
    await adapter.release();
    expect(second.settled).toBe(true);
    expect(adapter.written[1]?.municipalities).toEqual({ alice: '鹿屋市', bob: '嬉野市' });
  });

  it('never rewrites the main document for logs or feedback', async () => {
    const adapter = new HeldAdapter();
    const store = storeOver(adapter);
    await store.appendLog(logEntry('2025-04-01T00:00:00Z'));
    await store.addFeedback(feedbackEntry('2025-04-01T00:00:00Z'));
    expect(adapter.written).toEqual([]);
  });

  it('makes a duplicate claim wait until the first claim is on disk', async () => {
    const journal = new HeldJournal();
    const store = storeOver(new HeldAdapter(), journal);
    const first = watch(store.claimEvent('01HDUP'));
    const duplicate = watch(store.claimEvent('01HDUP'));
    await nextMacrotask();
    expect(duplicate.settled).toBe(false);
    await journal.release();
    expect(first).toMatchObject({ settled: true, value: true });
    expect(duplicate).toMatchObject({ settled: true, value: false });
  });

  it('undoes a claim whose write failed, so the redelivery can claim it', async () => {
    const journal = new HeldJournal();
    const store = storeOver(new HeldAdapter(), journal);
    const first = watch(store.claimEvent('01HFAIL'));
    const duplicate = watch(store.claimEvent('01HFAIL'));
    await journal.release(new Error('disk full'));
    expect(first.error).toBeInstanceOf(Error);
    // The duplicate was waiting on the failed claim and now claims the event itself.
    expect(duplicate.settled).toBe(false);
    await journal.release();
    expect(duplicate).toMatchObject({ settled: true, value: true });
    expect(journal.ids()).toEqual(['01HFAIL']);
  });
});

describe('ids from outside as keys, across a restart', () => {
  it.each(['__proto__', 'constructor', 'toString'])('still refuses a redelivery of %s after reopening, and keeps %s as a person', async (id) => {
    const file = await tempFile();
    const first = await openLowdbStore(file, quiet);
    expect(await first.claimEvent(id)).toBe(true);
    await first.setMunicipality(id, '嬉野市');
    await first.close();
    const second = await openLowdbStore(file, quiet);
    expect(await second.claimEvent(id)).toBe(false);
    expect(await second.getMunicipality(id)).toBe('嬉野市');
    await second.close();
  });
});

describe('LowdbStore inbox', () => {
  it('hands the events a dead process left in the inbox file to the next one at once', async () => {
    const file = await tempFile();
    const first = await openLowdbStore(file, quiet);
    const event = { webhookEventId: '01HLEFT', receivedAt: new Date().toISOString(), event: { type: 'follow' } };
    await first.acceptEvents([event, { ...event, webhookEventId: '01HDONE' }], 'first', 60_000);
    await first.finishEvents([{ webhookEventId: '01HDONE', outcome: 'handled' }]);
    // No close: the process "died" with 01HLEFT acknowledged and unfinished.
    const second = await openLowdbStore(file, quiet);
    expect(await second.takeOverEvents('second', 60_000, 10)).toEqual([event]);
    expect(await second.acceptEvents([event, { ...event, webhookEventId: '01HDONE' }], 'second', 60_000)).toEqual([]);
    // Finished by the second process, it stays a duplicate after another restart, though the first
    // process may have died before its claim reached the main file.
    await second.finishEvents([{ webhookEventId: '01HLEFT', outcome: 'handled' }]);
    const third = await openLowdbStore(file, quiet);
    expect(await third.acceptEvents([event], 'third', 60_000)).toEqual([]);
    await Promise.all([first.close(), second.close(), third.close()]);
  });

  it('undoes an accept whose write failed, so the redelivery is accepted', async () => {
    const adapter = new HeldAdapter();
    const inboxJournal = new ReadOnlyJournal();
    const store = new LowdbStore(new Low(adapter, emptyStoreData()), new MemoryRecords(), new ClaimLedger(NO_JOURNAL), { inbox: new InboxJournal(inboxJournal) });
    const event = { webhookEventId: '01HNOPE', receivedAt: new Date().toISOString(), event: {} };
    await expect(store.acceptEvents([event], 'p', 1000)).rejects.toThrow(/read-only/);
    inboxJournal.fail = false;
    expect(await store.health()).toMatchObject({ ok: false });
    expect(await store.acceptEvents([event], 'p', 1000)).toEqual([event]);
  });
});

describe('DayLog after a failed write', () => {
  it('does not store later, as if answered, an entry whose write failed', async () => {
    const dir = path.dirname(await tempFile());
    const logDir = path.join(dir, 'dx-navi-log');
    await writeFile(logDir, 'a file where the directory should be');
    const store = await openLowdbStore(path.join(dir, 'dx-navi.json'), quiet);
    await expect(store.appendLog(logEntry('2025-04-01T00:00:00Z', { text: 'lost' }))).rejects.toThrow();
    await rm(logDir);
    await store.appendLog(logEntry('2025-04-01T00:00:01Z', { text: 'kept' }));
    expect((await store.listLogs()).map((entry) => entry.text)).toEqual(['kept']);
    await store.close();
    expect((await readDay(dir, '2025-04-01')).logs.map((entry) => entry.text)).toEqual(['kept']);
  });
});

class ReadOnlyJournal implements Journal {
  fail = true;
  async append(): Promise<void> {
    if (this.fail) throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
  }
  async replace(): Promise<void> {
    await this.append();
  }
  async close(): Promise<void> {}
}
