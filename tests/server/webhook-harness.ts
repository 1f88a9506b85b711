/**
 * The real app wired to a local Messaging API stand-in and a chosen store, plus helpers to post
 * signed webhook bodies from webhooks/. Every server test drives the app through HTTP.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import type { BotDependencies } from '../../src/bot/bot-dependencies.js';
import { messagingApiGateway } from '../../src/bot/line-gateway.js';
import type { AnswerEngine } from '../../src/engine/answer-engine.js';
import { createAnswerEngine } from '../../src/engine/create-engine.js';
import { startMessagingApiStub, type MessagingApiStub } from '../../src/line-stub/messaging-api-stub.js';
import { memoryLogger } from '../../src/logging/logger.js';
import { openStore } from '../../src/storage/open-store.js';
import type { Store } from '../../src/storage/store.js';
import { createApp, type BotApp } from '../../src/server/app.js';

export const CHANNEL_SECRET = 'test-channel-secret';
export const MAX_BODY_BYTES = 64 * 1024;

let sharedEngine: Promise<AnswerEngine> | undefined;
/** One engine per test file: the dictionary and index take a second to build. */
export function engineForTests(): Promise<AnswerEngine> {
  sharedEngine ??= createAnswerEngine();
  return sharedEngine;
}

/** A webhook request body from webhooks/, as text (signatures are over the exact bytes). */
export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../webhooks/${name}`, import.meta.url)), 'utf8');
}

/** The x-line-signature LINE would send for this body. */
export function sign(body: string | Buffer, secret = CHANNEL_SECRET): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

export interface Harness {
  bot: BotApp;
  stub: MessagingApiStub;
  store: Store;
  logger: ReturnType<typeof memoryLogger>;
  deps: BotDependencies;
  /** POSTs a body to /webhook, signed correctly unless a signature is given (null = none). */
  post(body: string | Buffer, signature?: string | null): request.Test;
  close(): Promise<void>;
}

/** Starts the stand-in API and builds the app around a memory store (or the one given). */
export async function startHarness(options: { store?: Store } = {}): Promise<Harness> {
  const [engine, stub] = await Promise.all([engineForTests(), startMessagingApiStub()]);
  const store = options.store ?? (await openStore({ kind: 'memory' }));
  const logger = memoryLogger();
  const deps: BotDependencies = {
    engine: () => engine,
    store,
    line: messagingApiGateway({ baseUrl: stub.url, channelAccessToken: 'test-access-token' }),
    logger,
    userHashSalt: 'test-salt',
    defaultMunicipality: null,
  };
  const bot = createApp({ deps, channelSecret: CHANNEL_SECRET, maxBodyBytes: MAX_BODY_BYTES });
  return {
    bot,
    stub,
    store,
    logger,
    deps,
    post: (body, signature) => {
      const test = request(bot.app).post('/webhook').set('content-type', 'application/json');
      if (signature !== null) test.set('x-line-signature', signature ?? sign(body));
      return test.send(body);
    },
    close: async () => {
      bot.inbox.stop();
      await bot.idle();
      await stub.close();
    },
  };
}
