import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BotDependencies } from '../bot/bot-dependencies.js';
import { messagingApiGateway } from '../bot/line-gateway.js';
import type { AnswerEngine } from '../engine/answer-engine.js';
import { createAnswerEngine } from '../engine/create-engine.js';
import { startMessagingApiStub, type MessagingApiStub } from '../line-stub/messaging-api-stub.js';
import { jsonLogger, type Logger } from '../logging/logger.js';
import { projectRoot } from '../project-root.js';
import { createApp } from '../server/app.js';
import { listenWithLimits } from '../server/http-server.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { sentMessageStream } from './sent-message-stream.js';
import { loopbackHostOnly } from './loopback-host.js';
import { simulatorRouter } from './simulator-router.js';
import { throwawayChannel, type ThrowawayChannel } from './throwaway-channel.js';

/**
 * The simulator's user keys are hashes of fictional persona ids. A fixed salt keeps those keys,
 * and so each persona's city in the lowdb file, the same from one run to the next, while the
 * channel secret is new every run.
 */
export const SIMULATOR_USER_HASH_SALT = 'dx-navi-simulator';

/** How to start the simulator. */
export interface SimulatorOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** A throwaway in-memory store instead of the lowdb file. */
  memory: boolean;
  /** The interface to listen on; loopback by default, because the page is handed the channel secret. */
  host?: string;
  /** Parent of the simulator's data folder (`<dataDir>/simulator`); DATA_DIR or ./data by default. */
  dataDir?: string;
  /** An engine to reuse (tests share one); built from knowledge/ otherwise. */
  engine?: AnswerEngine;
  logger?: Logger;
}

/** A running simulator. */
export interface RunningSimulator {
  /** The chat page. */
  url: string;
  /** The webhook app's own base URL (the page posts to `${baseUrl}/webhook`). */
  baseUrl: string;
  server: Server;
  stub: MessagingApiStub;
  store: Store;
  channel: ThrowawayChannel;
  deps: BotDependencies;
  /** Resolves when every webhook event received so far has been processed. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** The folder the simulator's lowdb file lives in: apart from the production data file. */
export function simulatorDataDir(dataDir: string = process.env.DATA_DIR?.trim() || path.join(projectRoot(), 'data')): string {
  return path.join(path.resolve(dataDir), 'simulator');
}

/**
 * Starts the real webhook app against a local stand-in of the Messaging API, with a fresh
 * random channel secret and the simulator page mounted beside /webhook.
 */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const logger = options.logger ?? jsonLogger({ mode: 'simulator' });
  const [engine, stub, store] = await Promise.all([
    options.engine ?? createAnswerEngine(),
    startMessagingApiStub(),
    openStore(options.memory ? { kind: 'memory' } : { kind: 'lowdb', dir: simulatorDataDir(options.dataDir), warn: (message: string) => logger.warn(message) }),
  ]);
  const channel = throwawayChannel();
  const deps: BotDependencies = {
    engine: () => engine,
    store,
    line: messagingApiGateway({ baseUrl: stub.url, channelAccessToken: 'simulator' }),
    logger,
    userHashSalt: SIMULATOR_USER_HASH_SALT,
    defaultMunicipality: null,
    sourceTypeOverride: 'simulator',
  };
  const stream = sentMessageStream(stub);
  const { app, idle, inbox } = createApp({
    deps,
    channelSecret: channel.secret,
    maxBodyBytes: 1024 * 1024,
    extraRoutes: [simulatorRouter({ deps, channel, stream })],
    guards: [loopbackHostOnly(options.host === undefined ? [] : [options.host])],
  });

  const host = options.host ?? '127.0.0.1';
  let server: Server;
  try {
    server = await listenWithLimits(app, options.port, host);
  } catch (error) {
    // A busy port must not leave the stand-in and the store open behind the error.
    stream.close();
    await Promise.allSettled([stub.close(), store.close()]);
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  // localhost is a secure context in every browser, which the page's Web Crypto signing needs.
  const origin = `http://${host === '127.0.0.1' || host === '::1' || host === 'localhost' ? 'localhost' : host}:${port}`;

  return {
    url: `${origin}/simulator/`,
    baseUrl: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    server,
    stub,
    store,
    channel,
    deps,
    idle,
    close: async () => {
      // Open event streams would keep server.close waiting forever; end them first.
      stream.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      inbox.stop();
      await idle();
      await stub.close();
      await store.close();
    },
  };
}
