/**
 * The stand-in Messaging API behaves as LINE does where the bot depends on it: replies are
 * recorded, a reply token works once, a missing bearer token is refused, and a test can make it
 * slow or failing. Driven over real HTTP, partly through the bot's own gateway (the LINE SDK).
 */
import { HTTPFetchError } from '@line/bot-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messagingApiGateway } from '../../src/bot/line-gateway.js';
import { startMessagingApiStub, type MessagingApiStub, type RecordedRequest } from '../../src/line-stub/messaging-api-stub.js';

let stub: MessagingApiStub;
beforeEach(async () => {
  stub = await startMessagingApiStub();
});
afterEach(async () => {
  await stub.close();
});

const text = (value: string) => ({ type: 'text' as const, text: value });

/** A raw POST, for what the SDK would never send (no token, wrong shapes). */
function post(path: string, body: unknown, headers: Record<string, string> = { authorization: 'Bearer token' }) {
  return fetch(`${stub.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('messaging API stand-in — default behaviour', () => {
  it('listens on loopback and records a reply sent through the bot gateway', async () => {
    expect(stub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const gateway = messagingApiGateway({ baseUrl: stub.url, channelAccessToken: 'token-1' });
    await gateway.reply('reply-token-1', [text('こんにちは')]);

    expect(stub.replies()).toEqual([{ replyToken: 'reply-token-1', messages: [text('こんにちは')] }]);
    const [request] = stub.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v2/bot/message/reply', authorization: 'Bearer token-1' });
    expect(typeof request?.at).toBe('number');
  });

  it('answers a reply with sentMessages, one per message', async () => {
    const response = await post('/v2/bot/message/reply', { replyToken: 't', messages: [text('a'), text('b')] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { sentMessages: Array<{ id: string; quoteToken: string }> };
    expect(body.sentMessages).toHaveLength(2);
  });

  it('refuses a reply token used a second time with 400, as LINE does', async () => {
    const gateway = messagingApiGateway({ baseUrl: stub.url, channelAccessToken: 'token' });
    await gateway.reply('once', [text('1')]);
    const second = await gateway.reply('once', [text('2')]).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(HTTPFetchError);
    expect((second as HTTPFetchError).status).toBe(400);
    expect((second as HTTPFetchError).body).toContain('Invalid reply token');
    // Both attempts are recorded: a test can see the bot tried twice.
    expect(stub.replies().map((reply) => reply.replyToken)).toEqual(['once', 'once']);
  });

  it('refuses a request without a bearer token with 401', async () => {
    const missing = await post('/v2/bot/message/reply', { replyToken: 'x', messages: [text('a')] }, {});
    expect(missing.status).toBe(401);
    const basic = await post('/v2/bot/message/reply', { replyToken: 'y', messages: [text('a')] }, { authorization: 'Basic abc' });
    expect(basic.status).toBe(401);
    // A refused token was never consumed: the same token still works with a bearer.
    expect((await post('/v2/bot/message/reply', { replyToken: 'x', messages: [text('a')] })).status).toBe(200);
  });

  it('refuses no messages or more than five with 400', async () => {
    expect((await post('/v2/bot/message/reply', { replyToken: 'a', messages: [] })).status).toBe(400);
    const six = Array.from({ length: 6 }, (_, index) => text(String(index)));
    const response = await post('/v2/bot/message/reply', { replyToken: 'b', messages: six });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('Size must be between 1 and 5');
  });

  it('accepts the loading animation with 202 and answers unknown paths with 404', async () => {
    const gateway = messagingApiGateway({ baseUrl: stub.url, channelAccessToken: 'token' });
    await gateway.showLoading('U0123456789abcdef0123456789abcdef', 5);
    expect(stub.requests[0]).toMatchObject({ path: '/v2/bot/chat/loading/start', body: { chatId: 'U0123456789abcdef0123456789abcdef', loadingSeconds: 5 } });
    expect((await post('/v2/bot/chat/loading/start', { chatId: 'U1' })).status).toBe(202);
    expect((await post('/v2/bot/message/push', { to: 'U1', messages: [text('a')] })).status).toBe(404);
    expect(stub.replies()).toEqual([]);
  });
});

describe('messaging API stand-in — setBehaviour, listeners, waiting, reset', () => {
  it('delays an answer by delayMs', async () => {
    stub.setBehaviour(() => ({ status: 200, body: {}, delayMs: 150 }));
    const started = Date.now();
    const response = await post('/v2/bot/message/reply', { replyToken: 'slow', messages: [text('a')] });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('fails on demand, and the bot gateway sees the failure', async () => {
    stub.setBehaviour((request) => (request.path === '/v2/bot/message/reply' ? { status: 500, body: { message: 'down' } } : undefined));
    const gateway = messagingApiGateway({ baseUrl: stub.url, channelAccessToken: 'token' });
    const error = await gateway.reply('t', [text('a')]).catch((caught: unknown) => caught);
    expect((error as HTTPFetchError).status).toBe(500);
    // undefined from the behaviour means "default": the loading call still gets its 202.
    await expect(gateway.showLoading('U1')).resolves.toBeUndefined();
  });

  it('holds an answer until the `until` promise settles', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    stub.setBehaviour(() => ({ status: 200, until: gate }));
    let answered = false;
    const pending = post('/v2/bot/message/reply', { replyToken: 'held', messages: [text('a')] }).then((response) => {
      answered = true;
      return response;
    });
    await stub.waitForReplies(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    release();
    expect((await pending).status).toBe(200);
  });

  it('returns to the default when the behaviour is cleared', async () => {
    stub.setBehaviour(() => ({ status: 503 }));
    expect((await post('/v2/bot/message/reply', { replyToken: 'a', messages: [text('a')] })).status).toBe(503);
    stub.setBehaviour(null);
    expect((await post('/v2/bot/message/reply', { replyToken: 'a', messages: [text('a')] })).status).toBe(200);
  });

  it('tells listeners about every request until they unsubscribe', async () => {
    const seen: RecordedRequest[] = [];
    const unsubscribe = stub.onRequest((request) => seen.push(request));
    await post('/v2/bot/message/reply', { replyToken: 'a', messages: [text('a')] });
    await post('/v2/bot/chat/loading/start', { chatId: 'U1' });
    unsubscribe();
    await post('/v2/bot/message/reply', { replyToken: 'b', messages: [text('b')] });
    expect(seen.map((request) => request.path)).toEqual(['/v2/bot/message/reply', '/v2/bot/chat/loading/start']);
  });

  it('waitForReplies resolves once enough replies arrived and rejects after its timeout', async () => {
    const waiting = stub.waitForReplies(2, 2000);
    await post('/v2/bot/message/reply', { replyToken: 'a', messages: [text('a')] });
    await post('/v2/bot/message/reply', { replyToken: 'b', messages: [text('b')] });
    await expect(waiting).resolves.toBeUndefined();
    await expect(stub.waitForReplies(3, 50)).rejects.toThrow('expected 3 replies, got 2');
  });

  it('reset forgets requests, used tokens and the behaviour', async () => {
    stub.setBehaviour(() => ({ status: 500 }));
    await post('/v2/bot/message/reply', { replyToken: 'a', messages: [text('a')] });
    stub.reset();
    expect(stub.requests).toEqual([]);
    expect((await post('/v2/bot/message/reply', { replyToken: 'a', messages: [text('a')] })).status).toBe(200);
    stub.reset();
    // The token used just before the reset works again.
    expect((await post('/v2/bot/message/reply', { replyToken: 'a', messages: [text('a')] })).status).toBe(200);
  });
});
