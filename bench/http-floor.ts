/**
 * The floors for `npm run bench:scaling`. The HTTP floor is what LINE's protocol costs a process
 * before any answering: the webhook request read with the bot's own size limit, its signature
 * checked, its JSON parsed, 200 sent, and one reply posted to the Messaging API stand-in through
 * the bot's own gateway. No engine, no store. With FLOOR_WITH_ENGINE=1 (the engine floor) each
 * text message is also answered by the compiled engine and replied with the bot's real messages:
 * still no store, no inbox, no log, no loading animation. A server's CPU per event minus a floor
 * is what the bot adds on top of it.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateSignature, type messagingApi } from '@line/bot-sdk';
import express from 'express';
import { messagingApiGateway } from '../src/bot/line-gateway.js';
import { projectRoot } from '../src/project-root.js';
import { readRawBody } from '../src/server/raw-body.js';

type EngineModule = typeof import('../src/engine/create-engine.js');
type MessagesModule = typeof import('../src/line/answer-messages.js');

// The compiled engine and message builder, as `npm start` runs them and as "engine alone" measures them.
const compiled = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(projectRoot(), 'dist', 'src', file)).href)) as T;

/** A text's reply as the bot builds it: the compiled engine's answer as LINE messages. */
async function compiledAnswerer(): Promise<(text: string) => messagingApi.Message[]> {
  const { createAnswerEngine } = await compiled<EngineModule>('engine/create-engine.js');
  const { answerToMessages } = await compiled<MessagesModule>('line/answer-messages.js');
  const engine = await createAnswerEngine();
  return (text) => {
    const answer = engine.ask(text);
    return answerToMessages(answer, { feedback: answer.answered });
  };
}

const answerText = process.env.FLOOR_WITH_ENGINE === '1' ? await compiledAnswerer() : null;
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
  const events = (JSON.parse(body.toString('utf8')) as { events: Array<{ replyToken?: string; message?: { type?: string; text?: string } }> }).events;
  res.status(200).json({});
  setImmediate(() => {
    for (const event of events) {
      if (!event.replyToken) continue;
      const text = event.message?.type === 'text' ? event.message.text : undefined;
      const messages: messagingApi.Message[] = answerText && text ? answerText(text) : [{ type: 'text', text: '受け付けました。' }];
      void gateway.reply(event.replyToken, messages).catch(() => undefined);
    }
  });
});
app.listen(Number(process.env.PORT ?? 3001), '127.0.0.1');
