import type { Server } from 'node:http';
import { once } from 'node:events';
import type { Config } from '../config.js';
import { messagingApiGateway } from '../bot/line-gateway.js';
import { ReloadableEngine } from '../engine/reloadable-engine.js';
import { jsonLogger, type Logger } from '../logging/logger.js';
import { openStore } from '../storage/open-store.js';
import { createApp } from './app.js';

/** Starts the server with a configuration; resolves once it listens. */
export async function startServer(
  config: Config,
  logger: Logger = jsonLogger(),
): Promise<{ server: Server; engine: ReloadableEngine; stop: () => Promise<void> }> {
  const started = Date.now();
  const [engine, store] = await Promise.all([
    ReloadableEngine.create(config.knowledgeDir ?? undefined),
    openStore({ kind: 'lowdb', dir: config.dataDir, warn: (message: string) => logger.warn(message) }),
  ]);
  const line = messagingApiGateway({ baseUrl: config.lineApiBaseUrl, channelAccessToken: config.channelAccessToken });
  const { app, idle } = createApp({
    deps: { engine: () => engine.current(), store, line, logger, userHashSalt: config.userHashSalt, defaultMunicipality: config.defaultMunicipality },
    channelSecret: config.channelSecret,
    maxBodyBytes: config.maxBodyBytes,
  });
  const server = app.listen(config.port);
  await once(server, 'listening');
  logger.info('ready', { port: config.port, lineApiBaseUrl: config.lineApiBaseUrl, readyMs: Date.now() - started });
  return {
    server,
    engine,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await idle();
      await store.close();
    },
  };
}
