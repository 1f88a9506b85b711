import type { RequestHandler, Response } from 'express';
import type { MessagingApiStub, RecordedRequest } from '../line-stub/messaging-api-stub.js';

/** What the page learns about one call the bot made to the stand-in Messaging API. */
export type SentToLine =
  /** A reply: the page finds the chat by the reply token it generated for the event. */
  | { type: 'reply'; replyToken: string; messages: unknown[] }
  /** The "…" animation: LINE keys it by the chat (the user id in a 1:1 chat). */
  | { type: 'loading'; chatId: string; loadingSeconds: number };

/** Maps a recorded request to what the page shows; null for calls it has nothing to show for. */
export function sentToLine(request: RecordedRequest): SentToLine | null {
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (request.method === 'POST' && request.path === '/v2/bot/message/reply' && typeof body.replyToken === 'string') {
    return { type: 'reply', replyToken: body.replyToken, messages: Array.isArray(body.messages) ? body.messages : [] };
  }
  if (request.method === 'POST' && request.path === '/v2/bot/chat/loading/start' && typeof body.chatId === 'string') {
    // LINE's default is 20 seconds when the bot names no duration.
    return { type: 'loading', chatId: body.chatId, loadingSeconds: typeof body.loadingSeconds === 'number' ? body.loadingSeconds : 20 };
  }
  return null;
}

/** The Server-Sent Events endpoint, and a way to end every open stream on shutdown. */
export interface SentMessageStream {
  handler: RequestHandler;
  close(): void;
}

// Proxies and browsers drop a silent connection after a while; a comment line keeps it open.
const HEARTBEAT_MS = 20_000;

/**
 * Streams what the bot sends to the stand-in Messaging API to every open simulator page, as
 * Server-Sent Events (`event: reply` / `event: loading`). One-way push is all the page needs,
 * and EventSource reconnects by itself.
 */
export function sentMessageStream(stub: Pick<MessagingApiStub, 'onRequest'>): SentMessageStream {
  const clients = new Set<Response>();
  const unsubscribe = stub.onRequest((request) => {
    const event = sentToLine(request);
    if (!event) return;
    const frame = `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const client of clients) client.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': heartbeat\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    handler: (_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
      });
      // The comment flushes the headers, so the page's EventSource reports "open" at once.
      res.write(': connected\n\n');
      clients.add(res);
      // The response's close, not the request's: it is the one that fires when the page goes away.
      res.on('close', () => clients.delete(res));
    },
    close: () => {
      unsubscribe();
      clearInterval(heartbeat);
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}
