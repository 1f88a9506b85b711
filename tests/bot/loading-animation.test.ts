/**
 * The loading animation costs an API call per message: it is sent only for an answer that is not
 * ready within a second, as when a burst of messages queues behind slow answers. The engine is the
 * real one, made slow (600 ms an answer) so that the third of three messages waits over a second.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { LOADING_DELAY_MS } from '../../src/bot/handlers/text-message-handler.js';
import type { AnswerEngine } from '../../src/engine/answer-engine.js';
import { fixture, sign, startHarness, type Harness } from '../server/webhook-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const SLOW_ANSWER_MS = 600;

it(`shows the loading animation only to a person whose answer waited more than ${LOADING_DELAY_MS} ms`, async () => {
  const engine = h.deps.engine();
  const slow = Object.create(engine) as AnswerEngine;
  slow.ask = (...args) => {
    const until = Date.now() + SLOW_ANSWER_MS;
    while (Date.now() < until) {
      // busy: answering is synchronous CPU work, so a slow answer holds the event loop
    }
    return engine.ask(...args);
  };
  h.deps.engine = () => slow;

  const body = JSON.parse(fixture('text-glossary.json')) as { destination: string; events: Array<Record<string, unknown>> };
  const template = body.events[0]!;
  const users = ['U00000000000000000000000000000001', 'U00000000000000000000000000000002', 'U00000000000000000000000000000003'];
  body.events = users.map((userId, index) => ({ ...template, webhookEventId: `01KV49ZDN9YM8AAW1VZ4ADWBM${index}`, replyToken: `reply-${index}`, source: { type: 'user', userId } }));
  const raw = JSON.stringify(body);
  await h.post(raw, sign(raw)).expect(200);
  await h.bot.idle();

  expect(h.stub.replies()).toHaveLength(3);
  const loadingFor = () => h.stub.requests.filter((r) => r.path === '/v2/bot/chat/loading/start').map((r) => (r.body as { chatId: string }).chatId);
  // The third waits for two answers: it gets one (sent without waiting, so it may land after the reply).
  await expect.poll(loadingFor, { timeout: 5_000 }).toContain(users[2]);
  // The first answer is ready in 600 ms: no animation.
  expect(loadingFor()).not.toContain(users[0]);
});
