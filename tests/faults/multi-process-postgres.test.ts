/**
 * Two server processes on one PostgreSQL, as behind a load balancer. Signed events go to both
 * alternately, and every event is redelivered to the other process as well (LINE redelivers to
 * whichever instance the balancer picks). One process is killed with SIGKILL while events are
 * being handled, and restarted.
 *
 * "Acknowledged" here is the HTTP 200: the inbox stores the events before answering it, so every
 * event that got a 200 from either process must get a reply within 30 s of the kill, handled by
 * the survivor (after the dead process's lease runs out) or by the restarted process. A reply
 * token works once (the stand-in refuses a second use, as LINE does), so "never answered twice"
 * is checked on what reached the stand-in: no token accepted twice, and the attempts re-sent
 * with a spent token (an event answered just before the kill, finished too late) are counted.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMessagingApiStub, type MessagingApiStub } from '../../src/line-stub/messaging-api-stub.js';
import { skipReason, testDatabase, type TestDatabase } from '../support/test-database.js';
import { messagingApiQuiet, sleep, startServerProcess, type ServerProcess } from './server-process.js';
import { bodyOf, freshEvent, newUserId, redelivered, type WebhookEvent } from './webhook-events.js';

const EVENTS = 240;
const CONCURRENCY = 6;
const REPLY_DEADLINE_MS = 30_000;
const TEXT_FIXTURES = ['text-glossary.json', 'text-procedure.json', 'text-plan.json', 'postback-municipality.json', 'follow.json'];

let db: TestDatabase | null = null;
let stub: MessagingApiStub;
let url = '';

beforeAll(async () => {
  db = await testDatabase();
  stub = await startMessagingApiStub();
  if (db) url = await db.freshSchemaUrl();
});
afterAll(async () => {
  await stub?.close();
  await db?.close();
});

function makeEvent(index: number): WebhookEvent {
  return freshEvent(TEXT_FIXTURES[index % TEXT_FIXTURES.length]!, (event) => {
    event.source = { type: 'user', userId: newUserId() };
    if (event.message?.type === 'text') event.message.text = `${event.message.text as string} [${index}]`;
  });
}

const replyAttempts = (): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const reply of stub.replies()) counts.set(reply.replyToken, (counts.get(reply.replyToken) ?? 0) + 1);
  return counts;
};

describe('two processes on one PostgreSQL, one killed with SIGKILL under load', () => {
  it('answers every acknowledged event once, within 30 s, and leaves the tables consistent', async (context) => {
    if (!db) context.skip(skipReason ?? 'no PostgreSQL');
    const start = () => startServerProcess({ dataDir: '/nonexistent-lowdb-is-not-used', lineApiBaseUrl: stub.url, env: { DATABASE_URL: url } });
    let [a, b] = (await Promise.all([start(), start()])) as [ServerProcess, ServerProcess];
    // A slowish Messaging API keeps events between their 200 and their reply when the kill comes.
    // Like LINE (and the stand-in's default), a reply token is accepted once.
    const spent = new Set<string>();
    stub.setBehaviour((request) => {
      if (request.path !== '/v2/bot/message/reply') return undefined;
      const token = (request.body as { replyToken: string }).replyToken;
      if (spent.has(token)) return { status: 400, body: { message: 'Invalid reply token' } };
      spent.add(token);
      return { status: 200, body: { sentMessages: [] }, delayMs: 150 };
    });
    const events = Array.from({ length: EVENTS }, (_, index) => makeEvent(index));
    const acknowledged = new Set<string>();
    let killedAt = 0;
    const killAt = Math.floor(EVENTS / 3);
    let sent = 0;
    try {
      const post = async (server: ServerProcess, event: WebhookEvent) => {
        if (!server.alive()) return;
        const result = await server.post(bodyOf(event)).catch(() => null);
        if (result?.status === 200) acknowledged.add(event.webhookEventId as string);
      };
      let next = 0;
      const worker = async () => {
        while (next < events.length) {
          const index = next++;
          const event = events[index]!;
          const [first, second] = index % 2 === 0 ? [a, b] : [b, a];
          await post(first, event);
          if (++sent === killAt) {
            a.kill();
            killedAt = Date.now();
          }
          await post(second, redelivered(event));
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      expect(killedAt, 'the kill came during the load').toBeGreaterThan(0);
      expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });
      a = await start();
      // Once more to both, after the restart: every one is a duplicate by now.
      for (const [index, event] of events.entries()) await (index % 2 === 0 ? a : b).post(bodyOf(redelivered(event)));

      const answered = () => [...acknowledged].every((id) => replyAttempts().has(events.find((event) => event.webhookEventId === id)!.replyToken as string));
      while (!answered() && Date.now() - killedAt < REPLY_DEADLINE_MS) await sleep(200);
      await messagingApiQuiet(stub);
      const elapsed = Date.now() - killedAt;
      const attempts = replyAttempts();
      const unanswered = events.filter((event) => acknowledged.has(event.webhookEventId as string) && !attempts.has(event.replyToken as string));
      expect(unanswered.map((event) => event.webhookEventId), `acknowledged but unanswered ${elapsed} ms after the kill`).toEqual([]);
      expect(elapsed, 'every acknowledged event answered within 30 s of the kill').toBeLessThanOrEqual(REPLY_DEADLINE_MS);
      expect(acknowledged.size, 'nearly every event acknowledged by one process or the other').toBeGreaterThan(EVENTS * 0.9);

      const resent = [...attempts.values()].filter((count) => count > 1).length;
      const takenOver = [...a.lines, ...b.lines].filter((line) => line.message === 'inbox events taken over from a process that stopped').reduce((sum, line) => sum + Number(line.count), 0);
      // Re-sent replies can only come from events the dead process answered but had not marked finished.
      expect(resent, 'replies re-sent with a spent token').toBeLessThanOrEqual(takenOver);

      await Promise.all([a.idle(), b.idle()]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        // An event the dead process answered but had not marked finished is taken over (and its
        // spent reply refused) once its lease runs out: the table is consistent within the deadline.
        const unfinishedCount = async () => (await client.query('SELECT count(*)::int AS n FROM inbox WHERE finished_at IS NULL')).rows[0].n as number;
        while ((await unfinishedCount()) > 0 && Date.now() - killedAt < REPLY_DEADLINE_MS) await sleep(200);
        await Promise.all([a.idle(), b.idle()]);
        expect(await unfinishedCount(), 'no event left unfinished in the inbox').toBe(0);
        const missed = await client.query("SELECT count(*)::int AS n FROM inbox WHERE outcome = 'missed'");
        expect(missed.rows[0].n, 'nothing missed: all were taken over in time').toBe(0);
        const logs = await client.query('SELECT event_id, count(*)::int AS n FROM conversation_logs GROUP BY event_id HAVING count(*) > 1');
        expect(logs.rows, 'no event logged twice').toEqual([]);
        const textEvents = events.filter((event) => event.message?.type === 'text' && acknowledged.has(event.webhookEventId as string));
        const logged = await client.query('SELECT count(*)::int AS n FROM conversation_logs WHERE event_id = ANY($1)', [textEvents.map((event) => event.webhookEventId)]);
        expect(logged.rows[0].n, 'every acknowledged question logged').toBe(textEvents.length);
        console.info(
          `multi-process-postgres: ${EVENTS} events, ${acknowledged.size} acknowledged, all answered ${elapsed} ms after the kill; ` +
            `${takenOver} taken over, ${resent} replies re-sent with a spent token (refused), ${textEvents.length} questions logged once each`,
        );
      } finally {
        await client.end();
      }
    } finally {
      for (const server of [a, b]) if (server.alive()) await server.stop();
    }
  });
});
