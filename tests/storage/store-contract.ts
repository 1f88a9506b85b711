import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_TTL_MS } from '../../src/storage/store.js';
import type { FeedbackEntry, InboxEvent, LogEntry, Store, StoreOptions } from '../../src/storage/store.js';

/** Opens a fresh, empty store of the kind under test. */
export type OpenFreshStore = (options?: StoreOptions) => Promise<Store>;

/** A log entry at the given time, with the rest filled in plausibly. */
export function logEntry(at: string, overrides: Partial<LogEntry> = {}): LogEntry {
  return {
    at,
    userKey: 'a'.repeat(64),
    sourceType: 'user',
    text: 'マイナンバーカードの申請は？',
    intent: 'procedure',
    answered: true,
    entryId: 'kanoya-mynaportal',
    municipality: '鹿屋市',
    ...overrides,
  };
}

/** Feedback at the given time, with the rest filled in plausibly. */
export function feedbackEntry(at: string, overrides: Partial<FeedbackEntry> = {}): FeedbackEntry {
  return { at, userKey: 'b'.repeat(64), entryId: 'kanoya-mynaportal', helpful: true, ...overrides };
}

const t0 = new Date('2025-04-01T00:00:00.000Z');
const after = (ms: number): Date => new Date(t0.getTime() + ms);

/** The behaviour every Store must show, run against whichever store `openFresh` opens. */
export function describeStoreContract(name: string, openFresh: OpenFreshStore): void {
  describe(`${name} (Store contract)`, () => {
    const opened: Store[] = [];
    async function open(options?: StoreOptions): Promise<Store> {
      const store = await openFresh(options);
      opened.push(store);
      return store;
    }

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describe('claimEvent', () => {
      it('is true the first time and false for a redelivery', async () => {
        const store = await open();
        expect(await store.claimEvent('01HEVENTA', t0)).toBe(true);
        expect(await store.claimEvent('01HEVENTA', after(1000))).toBe(false);
        expect(await store.claimEvent('01HEVENTB', after(1000))).toBe(true);
      });

      it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])('remembers %s as an id like any other', async (id) => {
        const store = await open();
        expect(await store.claimEvent(id, t0)).toBe(true);
        expect(await store.claimEvent(id, after(1000))).toBe(false);
        expect(await store.claimEvent(id, after(2000))).toBe(false);
      });

      it('lets exactly one of many concurrent claims of one id win', async () => {
        const store = await open();
        const results = await Promise.all(Array.from({ length: 20 }, () => store.claimEvent('01HSAME', t0)));
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('lets each of many concurrent claims of different ids win', async () => {
        const store = await open();
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claimEvent(`01HID${i}`, t0)));
        expect(results.every(Boolean)).toBe(true);
      });

      it('forgets a claim after the default TTL of seven days', async () => {
        const store = await open();
        expect(await store.claimEvent('01HEXPIRY', t0)).toBe(true);
        expect(await store.claimEvent('01HEXPIRY', after(DEFAULT_EVENT_TTL_MS - 1))).toBe(false);
        expect(await store.claimEvent('01HEXPIRY', after(DEFAULT_EVENT_TTL_MS))).toBe(true);
        expect(await store.claimEvent('01HEXPIRY', after(DEFAULT_EVENT_TTL_MS + 1))).toBe(false);
      });

      it('honours a configured TTL', async () => {
        const store = await open({ eventTtlMs: 60_000 });
        expect(await store.claimEvent('01HSHORT', t0)).toBe(true);
        expect(await store.claimEvent('01HSHORT', after(59_999))).toBe(false);
        expect(await store.claimEvent('01HSHORT', after(60_000))).toBe(true);
      });

      it('keeps unexpired claims while pruning expired ones', async () => {
        const store = await open({ eventTtlMs: 60_000 });
        await store.claimEvent('01HOLD', t0);
        await store.claimEvent('01HRECENT', after(30_000));
        await store.claimEvent('01HTRIGGER', after(70_000));
        expect(await store.claimEvent('01HRECENT', after(80_000))).toBe(false);
        expect(await store.claimEvent('01HOLD', after(80_000))).toBe(true);
      });

      it('rejects a TTL that is not positive', async () => {
        await expect(openFresh({ eventTtlMs: 0 })).rejects.toThrow(RangeError);
      });
    });

    describe('inbox', () => {
      const inboxEvent = (id: string, at: Date = t0): InboxEvent => ({ webhookEventId: id, receivedAt: at.toISOString(), event: { type: 'message', webhookEventId: id, message: { type: 'text', text: 'RPAとは' } } });
      const ids = (events: InboxEvent[]) => events.map((event) => event.webhookEventId);

      it('accepts each event once, whether repeated in one call, across calls or concurrently', async () => {
        const store = await open();
        expect(ids(await store.acceptEvents([inboxEvent('01HA'), inboxEvent('01HB'), inboxEvent('01HA')], 'p1', 10_000, t0))).toEqual(['01HA', '01HB']);
        expect(ids(await store.acceptEvents([inboxEvent('01HB'), inboxEvent('01HC')], 'p1', 10_000, t0))).toEqual(['01HC']);
        const concurrent = await Promise.all(Array.from({ length: 10 }, () => store.acceptEvents([inboxEvent('01HSAME')], 'p2', 10_000, t0)));
        expect(concurrent.flat().map((event) => event.webhookEventId)).toEqual(['01HSAME']);
      });

      it('hands the stored event back unchanged to whoever takes it over', async () => {
        const store = await open();
        const event = inboxEvent('01HKEEP');
        await store.acceptEvents([event], 'dead', 1000, t0);
        expect(await store.takeOverEvents('alive', 1000, 10, after(1000))).toEqual([event]);
      });

      it('lets an event be taken over only once its lease has run out, and by one taker', async () => {
        const store = await open();
        await store.acceptEvents([inboxEvent('01HL1', t0), inboxEvent('01HL2', after(1))], 'dead', 5000, t0);
        expect(await store.takeOverEvents('alive', 5000, 10, after(4999))).toEqual([]);
        expect(ids(await store.takeOverEvents('alive', 5000, 10, after(5000)))).toEqual(['01HL1', '01HL2']);
        // Now leased to "alive": nobody else gets it until that lease runs out too.
        expect(await store.takeOverEvents('other', 5000, 10, after(9000))).toEqual([]);
        expect(ids(await store.takeOverEvents('other', 5000, 1, after(10_000)))).toEqual(['01HL1']);
      });

      it('keeps an event with its owner while the owner renews the lease', async () => {
        const store = await open();
        await store.acceptEvents([inboxEvent('01HR')], 'p1', 5000, t0);
        expect(await store.renewLeases('p1', 5000, after(4000))).toBe(1);
        expect(await store.renewLeases('someone-else', 5000, after(4000))).toBe(0);
        expect(await store.takeOverEvents('p2', 5000, 10, after(8000))).toEqual([]);
        expect(ids(await store.takeOverEvents('p2', 5000, 10, after(9000)))).toEqual(['01HR']);
      });

      it('never hands out a finished event again, and still knows it as seen', async () => {
        const store = await open();
        await store.acceptEvents([inboxEvent('01HF1'), inboxEvent('01HF2')], 'p1', 1000, t0);
        await store.finishEvents([{ webhookEventId: '01HF1', outcome: 'handled' }], after(10));
        expect(ids(await store.takeOverEvents('p2', 1000, 10, after(2000)))).toEqual(['01HF2']);
        expect(await store.acceptEvents([inboxEvent('01HF1')], 'p2', 1000, after(3000))).toEqual([]);
        expect(await store.renewLeases('p1', 1000, after(3000))).toBe(0);
      });

      it('records a log entry or feedback for one event once, however often it is handled', async () => {
        const store = await open();
        const log = logEntry('2025-04-01T00:00:00Z', { eventId: '01HLOGGED' });
        await store.appendLog(log);
        await store.appendLog({ ...log });
        await store.appendLog(logEntry('2025-04-01T00:00:01Z'));
        await store.appendLog(logEntry('2025-04-01T00:00:01Z'));
        expect(await store.listLogs()).toHaveLength(3);
        const feedback = feedbackEntry('2025-04-01T00:00:00Z', { eventId: '01HFEEDBACK' });
        await store.addFeedback(feedback);
        await store.addFeedback({ ...feedback });
        expect(await store.listFeedback()).toEqual([feedback]);
      });

      it('reports itself healthy when it can write', async () => {
        const store = await open();
        expect(await store.health()).toEqual({ ok: true });
      });
    });

    describe('municipality', () => {
      it('is null for someone never seen', async () => {
        const store = await open();
        expect(await store.getMunicipality('unknown')).toBeNull();
        expect(await store.getMunicipality('toString')).toBeNull();
      });

      it('is remembered, replaced and forgotten per person', async () => {
        const store = await open();
        await store.setMunicipality('alice', '鹿屋市');
        await store.setMunicipality('bob', '嬉野市');
        expect(await store.getMunicipality('alice')).toBe('鹿屋市');
        await store.setMunicipality('alice', '垂水市');
        expect(await store.getMunicipality('alice')).toBe('垂水市');
        await store.forgetUser('alice');
        expect(await store.getMunicipality('alice')).toBeNull();
        expect(await store.getMunicipality('bob')).toBe('嬉野市');
      });

      it.each(['__proto__', 'constructor', 'toString'])('keeps a person keyed %s like any other', async (key) => {
        const store = await open();
        expect(await store.getMunicipality(key)).toBeNull();
        await store.setMunicipality(key, '鹿屋市');
        expect(await store.getMunicipality(key)).toBe('鹿屋市');
        expect(await store.getMunicipality('someone-else')).toBeNull();
        await store.forgetUser(key);
        expect(await store.getMunicipality(key)).toBeNull();
      });

      it('forgets someone never seen without complaint', async () => {
        const store = await open();
        await expect(store.forgetUser('nobody')).resolves.toBeUndefined();
      });
    });

    describe('logs', () => {
      const march = logEntry('2025-03-31T23:59:59.999Z');
      const aprilFirst = logEntry('2025-04-01T00:00:00.000Z', { answered: false, entryId: null, intent: 'unknown' });
      const aprilSecond = logEntry('2025-04-02T09:00:00+09:00', { sourceType: 'group', municipality: null });

      async function storeWithLogs(): Promise<Store> {
        const store = await open();
        for (const entry of [march, aprilFirst, aprilSecond]) await store.appendLog(entry);
        return store;
      }

      it('lists everything in the order appended', async () => {
        const store = await storeWithLogs();
        expect(await store.listLogs()).toEqual([march, aprilFirst, aprilSecond]);
      });

      it('lists a period with `from` inclusive and `to` exclusive', async () => {
        const store = await storeWithLogs();
        const april = { from: new Date('2025-04-01T00:00:00Z'), to: new Date('2025-05-01T00:00:00Z') };
        expect(await store.listLogs(april)).toEqual([aprilFirst, aprilSecond]);
        expect(await store.listLogs({ to: new Date('2025-04-01T00:00:00Z') })).toEqual([march]);
        expect(await store.listLogs({ from: new Date('2025-04-02T00:00:00Z') })).toEqual([aprilSecond]);
      });

      it('finds unanswered questions by filtering the log', async () => {
        const store = await storeWithLogs();
        const unanswered = (await store.listLogs()).filter((entry) => !entry.answered);
        expect(unanswered).toEqual([aprilFirst]);
      });

      it('prunes entries older than a time and says how many', async () => {
        const store = await storeWithLogs();
        expect(await store.pruneLogs(new Date('2025-04-01T00:00:00Z'))).toBe(1);
        expect(await store.listLogs()).toEqual([aprilFirst, aprilSecond]);
        expect(await store.pruneLogs(new Date('2025-04-01T00:00:00Z'))).toBe(0);
      });

      it('hands out copies, so a caller cannot change what is stored', async () => {
        const store = await open();
        const entry = logEntry('2025-04-01T00:00:00Z');
        await store.appendLog(entry);
        entry.text = 'changed after append';
        const [listed] = await store.listLogs();
        if (listed) listed.text = 'changed after list';
        expect((await store.listLogs())[0]?.text).toBe('マイナンバーカードの申請は？');
      });

      it('refuses an entry whose time is not a date', async () => {
        const store = await open();
        await expect(store.appendLog(logEntry('yesterday'))).rejects.toThrow(RangeError);
        expect(await store.listLogs()).toEqual([]);
      });
    });

    describe('feedback', () => {
      it('is listed in order, by period, with the optional query kept', async () => {
        const store = await open();
        const early = feedbackEntry('2025-04-01T00:00:00Z', { helpful: false, query: '罹災証明書' });
        const late = feedbackEntry('2025-04-03T00:00:00Z');
        await store.addFeedback(early);
        await store.addFeedback(late);
        expect(await store.listFeedback()).toEqual([early, late]);
        expect(await store.listFeedback({ from: new Date('2025-04-02T00:00:00Z') })).toEqual([late]);
        expect(await store.listFeedback({ to: new Date('2025-04-02T00:00:00Z') })).toEqual([early]);
      });

      it('prunes feedback older than a time, keeping the rest and the logs', async () => {
        const store = await open();
        const old = feedbackEntry('2025-03-31T23:59:59.999Z', { query: '古い質問' });
        const boundary = feedbackEntry('2025-04-01T00:00:00.000Z', { helpful: false });
        const recent = feedbackEntry('2025-04-02T09:00:00+09:00');
        for (const entry of [old, boundary, recent]) await store.addFeedback(entry);
        const log = logEntry('2025-03-01T00:00:00Z');
        await store.appendLog(log);
        expect(await store.pruneFeedback(new Date('2025-04-01T00:00:00Z'))).toBe(1);
        expect(await store.listFeedback()).toEqual([boundary, recent]);
        expect(await store.listLogs()).toEqual([log]);
        expect(await store.pruneFeedback(new Date('2025-04-01T00:00:00Z'))).toBe(0);
      });

      it('refuses feedback whose time is not a date', async () => {
        const store = await open();
        await expect(store.addFeedback(feedbackEntry(''))).rejects.toThrow(RangeError);
      });
    });

    describe('close', () => {
      it('waits for writes in progress and refuses calls afterwards', async () => {
        const store = await openFresh();
        const pending = store.setMunicipality('alice', '鹿屋市');
        await store.close();
        await expect(pending).resolves.toBeUndefined();
        await expect(store.getMunicipality('alice')).rejects.toThrow(/closed/);
        await expect(store.claimEvent('01HLATE')).rejects.toThrow(/closed/);
        await expect(store.close()).resolves.toBeUndefined();
      });
    });
  });
}
