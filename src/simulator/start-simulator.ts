import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import type { BotDependencies } from '../bot/bot-dependencies.js';
import { messagingApiGateway } from '../bot/line-gateway.js';
import type { AnswerEngine } from '../engine/answer-engine.js';
import { createAnswerEngine } from '../engine/create-engine.js';
import { startMessagingApiStub, type MessagingApiStub } from '../line-stub/messaging-api-stub.js';
import { jsonLogger, type Logger } from '../logging/logger.js';
import { createApp } from '../server/app.js';
import { listenWithLimits } from '../server/http-server.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { applyRichMenu, richMenuClients } from '../richmenu/apply-rich-menu.js';
import { loadRichMenuConfig } from '../richmenu/rich-menu-config.js';
import { RICH_MENU_PNG_PATH } from '../richmenu/rich-menu-image.js';
import { namedRichMenuRequest } from '../richmenu/rich-menu-request.js';
import { sentMessageStream } from './sent-message-stream.js';
import { loopbackHostOnly } from './loopback-host.js';
import { simulatorDataDir } from './simulator-data-dir.js';

export { simulatorDataDir } from './simulator-data-dir.js';
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
  /** The engine to answer each message with, when it can change while running (a reloadable one). */
  currentEngine?: () => AnswerEngine;
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

/** Listens on `host` as well; null where that address does not exist here (no IPv6) or is taken. */
async function listenIfPossible(app: Express, port: number, host: string): Promise<Server | null> {
  // The same limits as the IPv4 listener: a slow client is cut off on either loopback.
  return listenWithLimits(app, port, host).catch(() => null);
}

/** The 市のホームページ area's link in the simulator when RICH_MENU_LINK_URL is not set. */
export const SIMULATOR_RICH_MENU_LINK = 'https://www.example.lg.jp/';

async function applySimulatorRichMenu(stub: MessagingApiStub): Promise<void> {
  const configured = loadRichMenuConfig(process.env, { needToken: false });
  const linkUrl = 'config' in configured ? configured.config.linkUrl : SIMULATOR_RICH_MENU_LINK;
  const image = new Uint8Array(await readFile(RICH_MENU_PNG_PATH));
  const clients = richMenuClients({ baseUrl: stub.url, dataBaseUrl: stub.url, channelAccessToken: 'simulator' });
  await applyRichMenu(clients, namedRichMenuRequest(linkUrl, image), { bytes: image, type: 'image/png' });
}


/**
 * Starts the real webhook app against a local stand-in of the Messaging API, with a fresh
 * random channel secret and the simulator page mounted beside /webhook.
 */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const logger = options.logger ?? jsonLogger({ mode: 'simulator' });
  const [engine, stub, store] = await Promise.all([
    options.engine ?? (options.currentEngine ? options.currentEngine() : createAnswerEngine()),
    startMessagingApiStub(),
    openStore(options.memory ? { kind: 'memory' } : { kind: 'lowdb', dir: simulatorDataDir(options.dataDir), warn: (message: string) => logger.warn(message) }),
  ]);
  // The rich menu is set on the stand-in by the same code as `npm run richmenu -- --apply`, so the
  // page shows (and taps) exactly what LINE would have been sent.
  try {
    await applySimulatorRichMenu(stub);
  } catch (error) {
    await Promise.allSettled([stub.close(), store.close()]);
    throw error;
  }
  const channel = throwawayChannel();
  const deps: BotDependencies = {
    engine: options.currentEngine ?? (() => engine),
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
    extraRoutes: [simulatorRouter({ deps, channel, stream, richMenus: stub.richMenus })],
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
  // The page is printed as http://localhost:…, and localhost may resolve to ::1 first (curl, some
  // browsers, Node's own fetch): the same app answers on the IPv6 loopback too, where there is one.
  const ipv6 = host === '127.0.0.1' ? await listenIfPossible(app, port, '::1') : null;
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
      await Promise.all(
        [server, ...(ipv6 ? [ipv6] : [])].map(
          (listening) =>
            new Promise<void>((resolve) => {
              listening.close(() => resolve());
              listening.closeIdleConnections();
            }),
        ),
      );
      inbox.stop();
      await idle();
      await stub.close();
      await store.close();
    },
  };
}
