/**
 * A redelivery storm: LINE redelivers (isRedelivery: true, same webhookEventId) when it saw no
 * 200 in time, and a proxy or a retrying client can repeat a request verbatim. However many
 * copies arrive, at once or one after another, each event gets one reply and one record.
 * The real app and the real file store (LowdbStore over AtomicJsonFile, fsync and all), so claims
 * race through real disk writes rather than an in-memory map.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HANDLED_EVENT_TYPES } from '../../src/bot/event-shape.js';
import { INBOX_JOURNAL_FILE_NAME, parseInboxJournal } from '../../src/storage/inbox-journal.js';
import { openStore } from '../../src/storage/open-store.js';
import type { Store } from '../../src/storage/store.js';
import { startHarness, type Harness } from '../server/webhook-harness.js';
import { readStoredData } from './stored-data.js';
import { fixtureBody, redelivered, type WebhookBody, type WebhookEvent } from './webhook-events.js';

// Every kind of event the bot answers, stores, or ignores; ids are unique across these files.
const FIXTURES = [
  'text-glossary.json',
  'text-procedure.json',
  'text-plan.json',
  'group-text.json',
  'room-text.json',
  'postback-municipality.json',
  'postback-feedback.json',
  'postback-more.json',
  'follow.json',
  'join-group.json',
  'sticker.json',
  'multi-events.json',
];
const ANSWERED_TYPES = new Set(['message', 'follow', 'postback', 'join']);
const CONCURRENT_COPIES = 20;
const SEQUENTIAL_COPIES = 5;
const COPIES_IN_ONE_REQUEST = 5;

let h: Harness;
let store: Store;
let dataDir: string;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'dx-navi-storm-'));
  store = await openStore({ kind: 'lowdb', dir: dataDir });
  h = await startHarness({ store });
});

afterEach(async () => {
  await h.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const asRedelivery = (body: WebhookBody): WebhookBody => ({ ...body, events: body.events.map(redelivered) });
const shuffled = <T>(items: T[]): T[] => {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
};

describe('a redelivery storm', () => {
  it('answers and records each event exactly once, however many copies arrive and in whatever order', async () => {
    const bodies = FIXTURES.map(fixtureBody);
    const events: WebhookEvent[] = bodies.flatMap((body) => body.events);
    expect(new Set(events.map((event) => event.webhookEventId)).size, 'fixture events are distinct').toBe(events.length);

    // At once, originals and redeliveries mixed, while the API holds every reply: the copies
    // arrive while the first delivery is still between its claim and its reply.
    let release!: () => void;
    const apiHeld = new Promise<void>((resolve) => (release = resolve));
    h.stub.setBehaviour(() => ({ status: 200, body: {}, until: apiHeld }));
    const storm = shuffled(bodies.flatMap((body) => Array.from({ length: CONCURRENT_COPIES }, (_, copy) => (copy % 2 === 0 ? body : asRedelivery(body)))));
    const statuses = await Promise.all(storm.map(async (body) => (await h.post(JSON.stringify(body))).status));
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    release();
    await h.bot.idle();

    // One after another, each after the previous was fully processed; the API now answers as
    // LINE does, refusing a used reply token (so a second reply would also show as a failure).
    h.stub.setBehaviour(null);
    for (let copy = 0; copy < SEQUENTIAL_COPIES; copy++) {
      for (const body of bodies) {
        await h.post(JSON.stringify(asRedelivery(body))).expect(200);
        await h.bot.idle();
      }
    }

    // The same events repeated inside one request body.
    const repeated = { destination: bodies[0]!.destination, events: shuffled(events.flatMap((event) => Array.from({ length: COPIES_IN_ONE_REQUEST }, () => redelivered(event)))) };
    await h.post(JSON.stringify(repeated)).expect(200);
    await h.bot.idle();

    const replyTokens = h.stub.replies().map((reply) => reply.replyToken);
    const answerable = events.filter((event) => ANSWERED_TYPES.has(event.type as string) && event.replyToken);
    for (const event of answerable) {
      expect(replyTokens.filter((token) => token === event.replyToken), `replies to ${event.type as string} ${event.webhookEventId as string}`).toHaveLength(1);
    }
    expect(replyTokens).toHaveLength(answerable.length);

    const textEvents = events.filter((event) => event.type === 'message' && event.message.type === 'text');
    const logs = await store.listLogs();
    expect(logs.map((log) => log.text).sort()).toEqual(textEvents.map((event) => event.message.text as string).sort());
    expect(await store.listFeedback()).toHaveLength(events.filter((event) => event.type === 'postback' && String(event.postback.data).includes('action=feedback')).length);

    // Events of a type the bot does nothing with (unsend) are not claimed, so not counted as duplicates.
    const claimable = events.filter((event) => HANDLED_EVENT_TYPES.has(event.type as string));
    expect(claimable.length, 'the fixtures include an event the bot does not handle').toBeLessThan(events.length);
    const deliveries = claimable.length * (CONCURRENT_COPIES + SEQUENTIAL_COPIES + COPIES_IN_ONE_REQUEST);
    expect(h.logger.lines.filter((line) => line.message === 'duplicate event skipped')).toHaveLength(deliveries - claimable.length);
    expect(h.logger.lines.filter((line) => line.level === 'error'), 'no event failed').toEqual([]);

    // The claims are on disk, not only in memory: a restart would still refuse the copies. A
    // handled event's claim is in the inbox journal until it is folded into the claim journal.
    const inbox = parseInboxJournal(readFileSync(path.join(dataDir, INBOX_JOURNAL_FILE_NAME), 'utf8'));
    const onDisk = new Set([...Object.keys(readStoredData(dataDir).claimedEvents), ...inbox.pending.keys(), ...inbox.finished.keys()]);
    const handled = claimable.filter((event) => event.mode !== 'standby');
    expect([...onDisk].sort()).toEqual(handled.map((event) => event.webhookEventId as string).sort());
  });
});
