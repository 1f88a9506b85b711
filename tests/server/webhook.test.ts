import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lineLimitViolations } from '../support/line-limits.js';
import { LINE_OPENAPI_SKIP, lineSchemaValidator } from '../support/line-openapi.js';
import { originOf } from '../../src/bot/event-source.js';
import { fixture, MAX_BODY_BYTES, sign, startHarness, type Harness } from './webhook-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

type Reply = { replyToken: string; messages: Array<Record<string, unknown>> };
const replies = () => h.stub.replies() as Reply[];
const textOf = (reply: Reply | undefined) => JSON.stringify(reply?.messages ?? []);
const eventsOf = (name: string) => (JSON.parse(fixture(name)) as { events: Array<Record<string, any>> }).events;

describe('POST /webhook — signature and body', () => {
  it("answers the console's Verify request (no events) with 200 and sends nothing", async () => {
    await h.post(fixture('verify-empty.json')).expect(200);
    await h.bot.idle();
    expect(h.stub.requests).toEqual([]);
  });

  it('rejects a missing signature with 401', async () => {
    await h.post(fixture('text-glossary.json'), null).expect(401);
  });

  it('rejects a forged signature with 401 and processes nothing', async () => {
    await h.post(fixture('text-glossary.json'), sign(fixture('text-glossary.json'), 'another-secret')).expect(401);
    await h.post(fixture('text-glossary.json'), 'not-even-base64!').expect(401);
    await h.bot.idle();
    expect(h.stub.requests).toEqual([]);
  });

  it('rejects a body whose bytes differ from the signed ones', async () => {
    const body = fixture('text-glossary.json');
    await h.post(body.replace('RPA', 'BPR'), sign(body)).expect(401);
  });

  it('answers 400 to malformed JSON under a valid signature', async () => {
    await h.post('{"events": [', undefined).expect(400);
    await h.post('{"destination":"U0"}', undefined).expect(400);
  });

  it('answers 413 to a body over the limit', async () => {
    const huge = JSON.stringify({ destination: 'x', events: [], padding: 'x'.repeat(MAX_BODY_BYTES) });
    await h.post(huge, 'irrelevant').expect(413);
  });

  it('serves GET /healthz', async () => {
    const { default: request } = await import('supertest');
    const response = await request(h.bot.app).get('/healthz').expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      pendingEvents: 0,
      inbox: { accepted: 0, duplicates: 0, takenOver: 0, missed: 0, unfinished: 0 },
      droppedRecords: { logs: 0, feedback: 0 },
    });
    // README documents exactly what it answers: every field, so the two cannot drift apart.
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const documented = /`GET \/healthz`[^`]*answers `200` with `(\{[^`]*\})`/.exec(readme)?.[1];
    expect(documented, 'README documents GET /healthz').toBeDefined();
    expect(Object.keys(JSON.parse(documented!.replace(/:N\b/g, ':0')) as object).sort()).toEqual(Object.keys(response.body).sort());
  });
});

describe('POST /webhook — timing and idempotency', () => {
  it('acknowledges before a slow Messaging API has answered', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    h.stub.setBehaviour(() => ({ status: 200, body: {}, until: gate }));
    await h.post(fixture('text-glossary.json')).expect(200);
    // The 200 is back while the API still holds every call the bot made.
    release();
    await h.bot.idle();
    expect(h.stub.requests.some((r) => r.path === '/v2/bot/message/reply')).toBe(true);
  });

  it('replies once to an event delivered twice and redelivered', async () => {
    await h.post(fixture('text-glossary.json')).expect(200);
    await h.post(fixture('text-glossary.json')).expect(200);
    await h.post(fixture('redelivered-text.json')).expect(200);
    await h.bot.idle();
    expect(replies()).toHaveLength(1);
    expect(h.logger.lines.filter((line) => line.message === 'duplicate event skipped')).toHaveLength(2);
  });

  it('replies exactly once per event when the same body arrives concurrently', async () => {
    await Promise.all(Array.from({ length: 10 }, () => h.post(fixture('text-procedure.json')).expect(200)));
    await h.bot.idle();
    expect(replies()).toHaveLength(1);
  });

  it('skips events in standby mode', async () => {
    await h.post(fixture('standby-text.json')).expect(200);
    await h.bot.idle();
    expect(replies()).toEqual([]);
  });
});

describe('POST /webhook — events', () => {
  it('answers a text question with a Flex bubble, and no loading animation for an answer ready at once', async () => {
    await h.post(fixture('text-glossary.json')).expect(200);
    await h.bot.idle();
    expect(h.stub.requests.map((r) => r.path)).toEqual(['/v2/bot/message/reply']);
    const message = replies()[0]!.messages.at(-1)!;
    expect(message.type).toBe('flex');
    expect(String(message.altText)).toContain('RPA');
    expect(replies()[0]!.replyToken).toBe(eventsOf('text-glossary.json')[0]!.replyToken);
  });

  it('logs the question with a hashed user id, never the raw one', async () => {
    await h.post(fixture('text-procedure.json')).expect(200);
    await h.bot.idle();
    const [log] = await h.store.listLogs();
    const userId = eventsOf('text-procedure.json')[0]!.source.userId as string;
    expect(log?.text).toBe(eventsOf('text-procedure.json')[0]!.message.text);
    expect(log?.userKey).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await h.store.listLogs())).not.toContain(userId);
  });

  it('welcomes a new friend and asks for the municipality with quick replies', async () => {
    await h.post(fixture('follow.json')).expect(200);
    await h.bot.idle();
    const text = textOf(replies()[0]);
    expect(text).toContain('友だち追加ありがとうございます');
    for (const city of ['垂水市', '西之表市', '鹿屋市', '嬉野市', '薩摩川内市']) expect(text).toContain(city);
    expect(text).toContain('"type":"postback"');
  });

  it('remembers the municipality chosen by postback and uses it for answers', async () => {
    const chosen = new URLSearchParams(eventsOf('postback-municipality.json')[0]!.postback.data).get('value')!;
    await h.post(fixture('postback-municipality.json')).expect(200);
    await h.bot.idle();
    expect(textOf(replies()[0])).toContain(`${chosen}に設定しました`);
    const [log] = await (async () => {
      await h.post(fixture('text-glossary.json')).expect(200);
      await h.bot.idle();
      return h.store.listLogs();
    })();
    expect(log?.municipality).toBe(chosen);
  });

  it('records feedback from a postback', async () => {
    await h.post(fixture('postback-feedback.json')).expect(200);
    await h.bot.idle();
    const [feedback] = await h.store.listFeedback();
    expect(feedback?.entryId).toBeTruthy();
    expect(typeof feedback?.helpful).toBe('boolean');
    expect(replies()).toHaveLength(1);
  });

  it('offers other candidates from a "more" postback', async () => {
    await h.post(fixture('postback-more.json')).expect(200);
    await h.bot.idle();
    expect(textOf(replies()[0])).toContain('quickReply');
  });

  it('forgets the municipality on unfollow, and sends nothing', async () => {
    // The same person who chose a municipality then blocks the bot.
    const person = eventsOf('postback-municipality.json')[0]!.source;
    const unfollow = JSON.parse(fixture('unfollow.json')) as { events: Array<Record<string, unknown>> };
    unfollow.events[0]!.source = person;
    const key = originOf(person, h.deps.userHashSalt).key;
    await h.post(fixture('postback-municipality.json')).expect(200);
    await h.bot.idle();
    expect(await h.store.getMunicipality(key)).not.toBeNull();
    await h.post(JSON.stringify(unfollow)).expect(200);
    await h.bot.idle();
    expect(await h.store.getMunicipality(key)).toBeNull();
    expect(replies()).toHaveLength(1);
  });

  it.each(['sticker.json', 'image.json', 'video.json', 'audio.json', 'file.json', 'location.json'])('answers %s with a polite note on what the bot reads', async (name) => {
    await h.post(fixture(name)).expect(200);
    await h.bot.idle();
    expect(textOf(replies()[0])).toContain('文字のご質問');
  });

  it('introduces itself when invited to a group', async () => {
    await h.post(fixture('join-group.json')).expect(200);
    await h.bot.idle();
    expect(textOf(replies()[0])).toContain('DX ナビです');
  });

  it.each(['group-text.json', 'group-text-no-user.json', 'room-text.json'])('answers in a group or room (%s) without the loading animation', async (name) => {
    await h.post(fixture(name)).expect(200);
    await h.bot.idle();
    expect(replies()).toHaveLength(1);
    expect(h.stub.requests.some((r) => r.path === '/v2/bot/chat/loading/start')).toBe(false);
  });

  it('answers emoji and a 5,000-character text within LINE limits', async () => {
    await h.post(fixture('text-emoji.json')).expect(200);
    await h.post(fixture('text-long-5000.json')).expect(200);
    await h.bot.idle();
    expect(replies()).toHaveLength(2);
    for (const reply of replies()) {
      expect(reply.messages.length).toBeLessThanOrEqual(5);
      for (const message of reply.messages) if (message.type === 'text') expect(String(message.text).length).toBeLessThanOrEqual(5000);
    }
  });
});

describe('POST /webhook — failures', () => {
  it.each([
    [400, { message: 'Invalid reply token' }],
    [429, { message: 'Too Many Requests' }],
    [500, { message: 'Internal Server Error' }],
  ])('survives a Messaging API %i and logs it', async (status, body) => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    h.stub.setBehaviour((r) => (r.path === '/v2/bot/message/reply' ? { status, body } : undefined));
    await h.post(fixture('text-glossary.json')).expect(200);
    await h.bot.idle();
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
    const failure = h.logger.lines.find((line) => line.message === 'event failed');
    expect(failure?.fields).toMatchObject({ status, type: 'message' });
    expect(failure?.fields.lineRequestId).toMatch(/^[0-9a-f-]{36}$/);
    // The server still answers.
    h.stub.setBehaviour(null);
    await h.post(fixture('text-procedure.json')).expect(200);
    await h.bot.idle();
    expect(replies().at(-1)?.replyToken).toBe(eventsOf('text-procedure.json')[0]!.replyToken);
  });

  it('processes each event independently: one failing does not stop the others', async () => {
    const events = eventsOf('multi-events.json');
    const failing = events.find((event) => event.replyToken)!.replyToken as string;
    h.stub.setBehaviour((r) => ((r.body as { replyToken?: string }).replyToken === failing ? { status: 500, body: {} } : undefined));
    await h.post(fixture('multi-events.json')).expect(200);
    await h.bot.idle();
    const answered = replies().map((reply) => reply.replyToken);
    const expected = events.filter((event) => event.replyToken && event.replyToken !== failing && ['message', 'follow', 'postback', 'join'].includes(event.type));
    for (const event of expected) expect(answered).toContain(event.replyToken);
  });
});

describe('POST /webhook — events that are not what a handler needs', () => {
  /** The text-glossary event with some fields changed (undefined removes one), under a fresh id. */
  const textEvent = (changes: Record<string, unknown>, message: Record<string, unknown> = {}) => {
    const [event] = eventsOf('text-glossary.json');
    const changed: Record<string, any> = { ...event, webhookEventId: `01HBAD${Math.random().toString(36).slice(2, 12).toUpperCase()}`, ...changes };
    changed.message = { ...event!.message, ...message };
    for (const [key, value] of Object.entries(changes)) if (value === undefined) delete changed[key];
    for (const [key, value] of Object.entries(message)) if (value === undefined) delete changed.message[key];
    return changed;
  };
  const body = (events: unknown[]) => JSON.stringify({ destination: 'U0', events });

  it.each<[string, Record<string, unknown>, Record<string, unknown>?]>([
    ['no timestamp', { timestamp: undefined }],
    ['a timestamp that is a string', { timestamp: '2025-04-01T00:00:00Z' }],
    ['a timestamp out of range', { timestamp: 1e20 }],
    ['a text that is a number', {}, { text: 12345 }],
    ['a text that is an object', {}, { text: { toString: 'x' } }],
    ['no text', {}, { text: undefined }],
    ['a source without a type', { source: { userId: 'U1' } }],
  ])('skips an event with %s before claiming it: a warning with the reason, no stack trace, no reply', async (_what, changes, message) => {
    const bad = textEvent(changes, message);
    const good = textEvent({ replyToken: 'good-reply-token' });
    await h.post(body([bad, good])).expect(200);
    await h.bot.idle();
    const skipped = h.logger.lines.filter((line) => line.message === 'malformed event skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.fields).toMatchObject({ webhookEventId: bad.webhookEventId, reason: expect.any(String) });
    expect(h.logger.lines.filter((line) => line.level === 'error')).toEqual([]);
    // The good event beside it is answered; the bad one is not claimed, so a corrected redelivery could be.
    expect(replies().map((reply) => reply.replyToken)).toEqual(['good-reply-token']);
    expect(await h.store.claimEvent(bad.webhookEventId as string)).toBe(true);
  });

  it('does not claim events of types it does not handle, and does nothing with them', async () => {
    const unknown = { type: 'membership', mode: 'active', timestamp: Date.now(), webhookEventId: '01HUNHANDLED00000000000000', source: { type: 'user', userId: 'U1' }, deliveryContext: { isRedelivery: false } };
    await h.post(body([unknown])).expect(200);
    await h.post(body([unknown])).expect(200);
    await h.bot.idle();
    expect(h.stub.requests).toEqual([]);
    expect(h.logger.lines.filter((line) => line.message === 'duplicate event skipped')).toEqual([]);
    // Nothing was stored for it: the store would still give the id out.
    expect(await h.store.claimEvent('01HUNHANDLED00000000000000')).toBe(true);
  });

  it.each(['toString', 'constructor', '__proto__'])('answers a message of type %s as any unknown kind, not with a function body', async (type) => {
    const event = textEvent({ replyToken: `reply-${type}` }, { type, text: undefined });
    await h.post(body([event])).expect(200);
    await h.bot.idle();
    const [reply] = replies();
    expect(textOf(reply)).toContain('このメッセージをお送りいただき');
    expect(textOf(reply)).not.toMatch(/function|native code|\[object/);
  });

  it.each(['__proto__', 'constructor', 'toString'])('answers an event with webhookEventId %s once, however often it is delivered', async (id) => {
    const event = textEvent({ webhookEventId: id, replyToken: `reply-${id}` });
    for (let i = 0; i < 3; i++) await h.post(body([event])).expect(200);
    await h.bot.idle();
    expect(replies()).toHaveLength(1);
  });
});

describe('POST /webhook — what the bot sends conforms to LINE', () => {
  const validate = lineSchemaValidator('messaging-api', 'ReplyMessageRequest');
  it.skipIf(!validate)('every reply to every fixture is a valid ReplyMessageRequest within LINE limits', async () => {
    const names = readdirSync(fileURLToPath(new URL('../../webhooks/', import.meta.url))).filter((name) => name.endsWith('.json'));
    for (const name of names) await h.post(fixture(name)).expect(200);
    await h.bot.idle();
    expect(replies().length).toBeGreaterThan(15);
    for (const reply of replies()) {
      const result = validate!(reply);
      expect(result.errors, JSON.stringify(reply).slice(0, 300)).toEqual([]);
      expect(lineLimitViolations(reply.messages as never)).toEqual([]);
    }
  });
  if (!validate) it('LINE OpenAPI schema check', () => console.log(LINE_OPENAPI_SKIP));
});
