/**
 * A local stand-in for LINE's Messaging API: it accepts what the bot sends, records it, and can
 * be told to be slow or to fail. Tests, the simulator and benchmarks talk to it; the real LINE
 * platform is never a load-test target.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { RichMenuStore } from './rich-menu-store.js';

/** One request the bot made to the stand-in. */
export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  authorization: string | undefined;
  /** The request's content type (rich-menu images are sent as image/png or image/jpeg). */
  contentType: string | undefined;
  /** Parsed JSON, or a Buffer for an image upload. */
  body: unknown;
}

/** How the stand-in answers a request: a status and body after an optional delay. */
export interface StubResponse {
  status: number;
  body?: unknown;
  delayMs?: number;
  /** Holds the answer until this settles: lets a test keep the API "slow" for exactly as long as it needs. */
  until?: Promise<unknown>;
  /** Bytes to answer with instead of JSON (a rich-menu image download). */
  binary?: { type: string; bytes: Buffer };
}

export type StubBehaviour = (request: RecordedRequest) => StubResponse | undefined;

export interface MessagingApiStub {
  /** Base URL to give the bot as LINE_API_BASE_URL. */
  url: string;
  requests: RecordedRequest[];
  /** Reply requests only, in arrival order. */
  replies(): Array<{ replyToken: string; messages: unknown[] }>;
  /** Overrides the default answers (undefined from the behaviour = default). */
  setBehaviour(behaviour: StubBehaviour | null): void;
  /** Resolves once at least `count` replies arrived, or rejects after `timeoutMs`. */
  waitForReplies(count: number, timeoutMs?: number): Promise<void>;
  /** The rich menus made through the stand-in, and which is the default. */
  richMenus: RichMenuStore;
  /** Listeners called for every recorded request (the simulator streams replies to the page). */
  onRequest(listener: (request: RecordedRequest) => void): () => void;
  reset(): void;
  close(): Promise<void>;
}

/** Starts the stand-in on a loopback port (0 = any free port). */
export async function startMessagingApiStub(options: { port?: number; host?: string } = {}): Promise<MessagingApiStub> {
  const requests: RecordedRequest[] = [];
  const usedReplyTokens = new Set<string>();
  const listeners = new Set<(request: RecordedRequest) => void>();
  let behaviour: StubBehaviour | null = null;
  const richMenus = new RichMenuStore();

  const app = express();
  // Rich-menu images arrive as bytes (on LINE's data host; here the same server serves both hosts).
  app.use(express.raw({ type: ['image/*', 'application/octet-stream'], limit: '2mb' }));
  app.use(express.json({ limit: '2mb' }));
  app.all('/{*path}', async (req, res) => {
    const recorded: RecordedRequest = { at: Date.now(), method: req.method, path: req.path, authorization: req.get('authorization'), contentType: req.get('content-type'), body: req.body };
    requests.push(recorded);
    for (const listener of listeners) listener(recorded);
    const response = behaviour?.(recorded) ?? defaultResponse(recorded, usedReplyTokens, richMenus);
    if (response.delayMs) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
    if (response.until) await response.until.catch(() => undefined);
    // LINE tags every response with a request id; operators quote it to LINE support.
    res.set('x-line-request-id', randomUUID());
    if (response.binary) res.status(response.status).type(response.binary.type).send(response.binary.bytes);
    else res.status(response.status).json(response.body ?? {});
  });

  const server: Server = app.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const replies = () =>
    requests
      .filter((request) => request.path === '/v2/bot/message/reply')
      .map((request) => request.body as { replyToken: string; messages: unknown[] });

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    replies,
    richMenus,
    setBehaviour: (next) => {
      behaviour = next;
    },
    waitForReplies: async (count, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (replies().length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} replies, got ${replies().length}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    onRequest: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset: () => {
      requests.length = 0;
      usedReplyTokens.clear();
      richMenus.reset();
      behaviour = null;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

// What LINE does: a reply token works once; a request without a bearer token is refused.
function defaultResponse(request: RecordedRequest, usedReplyTokens: Set<string>, richMenus: RichMenuStore): StubResponse {
  if (!request.authorization?.startsWith('Bearer ')) return { status: 401, body: { message: 'Authentication failed' } };
  if (request.path === '/v2/bot/message/reply') {
    const body = request.body as { replyToken?: unknown; messages?: unknown };
    if (typeof body.replyToken !== 'string' || usedReplyTokens.has(body.replyToken)) return { status: 400, body: { message: 'Invalid reply token' } };
    if (!Array.isArray(body.messages) || body.messages.length === 0 || body.messages.length > 5) {
      return { status: 400, body: { message: 'The request body has 1 error(s)', details: [{ message: 'Size must be between 1 and 5', property: 'messages' }] } };
    }
    usedReplyTokens.add(body.replyToken);
    return { status: 200, body: { sentMessages: body.messages.map((_, index) => ({ id: String(Date.now() * 10 + index), quoteToken: 'stub' })) } };
  }
  if (request.path === '/v2/bot/chat/loading/start') return { status: 202, body: {} };
  return richMenus.handle(request.method, request.path, request.body, request.contentType) ?? { status: 404, body: { message: 'Not found' } };
}
