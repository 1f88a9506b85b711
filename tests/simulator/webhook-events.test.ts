/**
 * The page's own module (public/webhook-events.js) builds and signs webhook bodies; these tests
 * import that very file and prove the real /webhook accepts what it signs and refuses anything
 * tampered with, and that the bodies have LINE's shape.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../src/simulator/personas.js';
import {
  followEvent,
  newUserId,
  postbackEvent,
  randomHex,
  sendEvents,
  signBody,
  SIMULATOR_STICKER,
  stickerMessageEvent,
  textMessageEvent,
  ulid,
  unfollowEvent,
  webhookBody,
} from '../../src/simulator/public/webhook-events.js';
import { rememberedMunicipality } from '../../src/simulator/remembered-municipality.js';
import { lineOpenApiAvailable, LINE_OPENAPI_SKIP, lineSchemaValidator } from '../support/line-openapi.js';
import { startTestSimulator } from './simulator-fixture.js';

const USER_ID = /^U[0-9a-f]{32}$/;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function ulidTime(id: string): number {
  return [...id.slice(0, 10)].reduce((time, char) => time * 32 + CROCKFORD.indexOf(char), 0);
}

describe('webhook-events.js — ids and shapes', () => {
  it('makes LINE-style user ids, ULID event ids and hex reply tokens', () => {
    expect(newUserId()).toMatch(USER_ID);
    expect(newUserId()).not.toBe(newUserId());
    expect(randomHex(16)).toMatch(/^[0-9a-f]{32}$/);
    const now = Date.UTC(2025, 2, 1, 9, 30);
    const id = ulid(now);
    expect(id).toMatch(ULID);
    expect(ulidTime(id)).toBe(now);
  });

  it('builds a text message event with every field LINE sends', () => {
    const event = textMessageEvent('U0123456789abcdef0123456789abcdef', 'RPAとは', 1_700_000_000_000);
    expect(event).toMatchObject({
      type: 'message',
      message: { type: 'text', text: 'RPAとは' },
      deliveryContext: { isRedelivery: false },
      timestamp: 1_700_000_000_000,
      mode: 'active',
      source: { type: 'user', userId: 'U0123456789abcdef0123456789abcdef' },
    });
    expect(event.message.id).toMatch(/^[1-9]\d{17}$/);
    expect(event.message.quoteToken).toMatch(/^[A-Za-z0-9_-]{100,}$/);
    expect(event.webhookEventId).toMatch(ULID);
    expect(event.replyToken).toMatch(/^[0-9a-f]{32}$/);
  });

  it('builds sticker, postback, follow and unfollow events', () => {
    const userId = newUserId();
    expect(stickerMessageEvent(userId).message).toMatchObject({ type: 'sticker', packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC' });
    expect(postbackEvent(userId, 'action=more&q=RPA')).toMatchObject({ type: 'postback', postback: { data: 'action=more&q=RPA' } });
    expect(followEvent(userId)).toMatchObject({ type: 'follow', follow: { isUnblocked: false } });
    // LINE sends no reply token with an unfollow: nobody is left to reply to.
    expect(unfollowEvent(userId)).not.toHaveProperty('replyToken');
  });

  it.skipIf(!lineOpenApiAvailable())(lineOpenApiAvailable() ? "matches LINE's webhook schema (CallbackRequest)" : LINE_OPENAPI_SKIP, () => {
    const validate = lineSchemaValidator('webhook', 'CallbackRequest');
    const userId = newUserId();
    const events = [textMessageEvent(userId, 'こんにちは'), stickerMessageEvent(userId), postbackEvent(userId, 'action=x'), followEvent(userId), unfollowEvent(userId)];
    for (const event of events) {
      const result = validate!(JSON.parse(webhookBody(newUserId(), [event])));
      expect(result.errors, event.type).toEqual([]);
    }
  });

  it('gives every persona a distinct LINE-style user id', () => {
    for (const persona of PERSONAS) expect(persona.userId, persona.name).toMatch(USER_ID);
    expect(new Set(PERSONAS.map((persona) => persona.userId)).size).toBe(PERSONAS.length);
  });
});

describe('webhook-events.js — signing', () => {
  it("signs exactly as LINE does: HMAC-SHA256 of the body's UTF-8 bytes, base64", async () => {
    const body = webhookBody('Uabc', [textMessageEvent(newUserId(), '児童手当😀𠮷')]);
    const expected = createHmac('sha256', 'secret-ä').update(Buffer.from(body, 'utf8')).digest('base64');
    expect(await signBody(body, 'secret-ä')).toBe(expected);
  });
});

describe('webhook-events.js — against the real /webhook', () => {
  let simulator: Awaited<ReturnType<typeof startTestSimulator>>;
  beforeAll(async () => {
    simulator = await startTestSimulator();
  });
  afterAll(async () => {
    await simulator.close();
  });

  const send = (events: unknown[], channelSecret = simulator.channel.secret) =>
    sendEvents({ endpoint: `${simulator.baseUrl}/webhook`, destination: simulator.channel.botUserId, channelSecret, events });

  it('is accepted, and the bot replies to the event it signed', async () => {
    simulator.stub.reset();
    const event = textMessageEvent(newUserId(), 'RPAとは');
    const response = await send([event]);
    expect(response.status).toBe(200);
    await simulator.stub.waitForReplies(1);
    const [reply] = simulator.stub.replies();
    expect(reply?.replyToken).toBe(event.replyToken);
    expect(JSON.stringify(reply?.messages)).toContain('Robotic Process Automation');
  });

  it('is refused with 401 when the body is changed after signing', async () => {
    simulator.stub.reset();
    const body = webhookBody(simulator.channel.botUserId, [textMessageEvent(newUserId(), 'RPAとは')]);
    const signature = await signBody(body, simulator.channel.secret);
    const tampered = body.replace('RPAとは', 'BPRとは');
    const response = await fetch(`${simulator.baseUrl}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signature }, body: tampered });
    expect(response.status).toBe(401);
    await simulator.idle();
    expect(simulator.stub.requests).toEqual([]);
  });

  it('is refused with 401 when signed with another secret, or not signed', async () => {
    expect((await send([textMessageEvent(newUserId(), 'RPAとは')], 'not-the-channel-secret')).status).toBe(401);
    const body = webhookBody(simulator.channel.botUserId, [textMessageEvent(newUserId(), 'RPAとは')]);
    expect((await fetch(`${simulator.baseUrl}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(401);
  });

  it('drives every event the page sends: follow, postback, sticker, unfollow', async () => {
    simulator.stub.reset();
    const userId = newUserId();
    const follow = followEvent(userId);
    expect((await send([follow])).status).toBe(200);
    await simulator.stub.waitForReplies(1);
    expect(JSON.stringify(simulator.stub.replies()[0]?.messages)).toContain('友だち追加ありがとうございます');

    const city = postbackEvent(userId, new URLSearchParams({ action: 'municipality', value: '鹿屋市' }).toString());
    expect((await send([city])).status).toBe(200);
    await simulator.stub.waitForReplies(2);
    expect(await rememberedMunicipality(simulator.store, simulator.deps.userHashSalt, userId)).toBe('鹿屋市');

    expect((await send([stickerMessageEvent(userId, SIMULATOR_STICKER)])).status).toBe(200);
    await simulator.stub.waitForReplies(3);
    expect(JSON.stringify(simulator.stub.replies()[2]?.messages)).toContain('スタンプ');

    expect((await send([unfollowEvent(userId)])).status).toBe(200);
    await simulator.idle();
    expect(await rememberedMunicipality(simulator.store, simulator.deps.userHashSalt, userId)).toBeNull();
  });

  it("logs the simulator's questions as source type 'simulator'", async () => {
    await send([textMessageEvent(newUserId(), '転出届はオンラインで出せますか')]);
    await simulator.idle();
    const logs = await simulator.store.listLogs();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.every((entry) => entry.sourceType === 'simulator')).toBe(true);
  });
});
