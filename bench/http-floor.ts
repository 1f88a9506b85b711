/**
 * The HTTP floor for `npm run bench:scaling`: what LINE's protocol costs a process before any
 * answering: the webhook request read with the bot's own size limit, its signature checked, its
 * JSON parsed, 200 sent, and one reply posted to the Messaging API stand-in through the bot's own
 * gateway. No engine, no store. A server's CPU per event minus this floor and minus the engine
 * alone is what the bot itself adds (inbox, logs, routing, message building, GC).
 */
import { validateSignature } from '@line/bot-sdk';
import express from 'express';
import { messagingApiGateway } from '../src/bot/line-gateway.js';
import { readRawBody } from '../src/server/raw-body.js';

const secret = process.env.LINE_CHANNEL_SECRET ?? '';
const gateway = messagingApiGateway({ baseUrl: process.env.LINE_API_BASE_URL ?? '', channelAccessToken: 'bench' });
const app = express();
app.disable('x-powered-by');
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/webhook', readRawBody(1024 * 1024), (req, res) => {
  const body = req.body as Buffer;
  if (!validateSignature(body, secret, req.get('x-line-signature') ?? '')) {
    res.status(401).end();
    return;
  }
  const events = (JSON.parse(body.toString('utf8')) as { events: Array<{ replyToken?: string }> }).events;
  res.status(200).json({});
  setImmediate(() => {
    for (const event of events) {
      if (event.replyToken) void gateway.reply(event.replyToken, [{ type: 'text', text: '受け付けました。' }]).catch(() => undefined);
    }
  });
});
app.listen(Number(process.env.PORT ?? 3001), '127.0.0.1');
