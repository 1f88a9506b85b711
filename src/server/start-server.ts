import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import { adminRouter } from '../admin/admin-router.js';
import { watchKnowledge } from '../admin/knowledge-watch.js';
import { KnowledgeSync } from '../admin/knowledge-sync.js';
import { KnowledgeWriter } from '../admin/knowledge-writer.js';
import { reloadKnowledge } from '../admin/reload-knowledge.js';
import { processOwnerName } from '../bot/event-inbox.js';
import { PostgresKnowledgeEditLog } from '../storage/postgres/knowledge-edit-log.js';
import { PostgresStore } from '../storage/postgres/postgres-store.js';
import { messagingApiGateway } from '../bot/line-gateway.js';
import { FileChangeLog } from '../changes/file-change-log.js';
import { ReloadableEngine } from '../engine/reloadable-engine.js';
import { DEFAULT_KNOWLEDGE_DIR } from '../knowledge/load.js';
import { jsonLogger, type Logger } from '../logging/logger.js';
import { openStore, type StoreConfig } from '../storage/open-store.js';
import { scheduleRetention } from '../storage/retention.js';
import { createApp } from './app.js';
import { DEFAULT_HTTP_LIMITS, listenWithLimits } from './http-server.js';

/** Switches that are not part of Config. */
export interface StartOptions {
  /** Reload when knowledge/ changes on disk (KNOWLEDGE_WATCH=1). */
  knowledgeWatch?: boolean;
}

/** The store the configuration selects: PostgreSQL when DATABASE_URL is set, else the lowdb files in DATA_DIR. */
export function storeConfigOf(config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'dataDir'>, warn: (message: string) => void): StoreConfig {
  return config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize, warn } : { kind: 'lowdb', dir: config.dataDir, warn };
}

/** Starts the server with a configuration; resolves once it listens. */
export async function startServer(
  config: Config,
  logger: Logger = jsonLogger(),
  options: StartOptions = { knowledgeWatch: config.knowledgeWatch },
): Promise<{ server: Server; engine: ReloadableEngine; stop: () => Promise<void> }> {
  const started = Date.now();
  const knowledgeDir = config.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR;
  const [engine, store] = await Promise.all([
    ReloadableEngine.create(knowledgeDir),
    openStore(storeConfigOf(config, (message: string) => logger.warn(message))),
  ]);
  // Said at start, not first discovered by LINE: a store that cannot write answers 503 on /healthz and /webhook.
  const health = await store.health();
  if (health.ok) logger.info('store ready', { store: config.databaseUrl ? 'postgres' : 'lowdb', ...(config.databaseUrl ? {} : { dataDir: config.dataDir }) });
  else logger.error('store cannot write: /healthz answers 503 and webhook requests are refused until it can', { store: config.databaseUrl ? 'postgres' : 'lowdb', reason: health.reason });
  // Logs and feedback hold what residents typed: kept for LOG_RETENTION_DAYS, pruned now and daily.
  const retention = scheduleRetention(store, {
    retentionDays: config.logRetentionDays,
    onPruned: (result) => logger.info('old records pruned', { before: result.before.toISOString(), logs: result.logs, feedback: result.feedback }),
    onError: (error) => logger.error('pruning old records failed', { error }),
  });
  // With PostgreSQL, /admin edits reach every instance and survive restarts (see docs/deploy.md).
  const writer = new KnowledgeWriter(knowledgeDir, engine);
  const sync = store instanceof PostgresStore && config.databaseUrl ? new KnowledgeSync(new PostgresKnowledgeEditLog(store.pool, config.databaseUrl), writer, processOwnerName(), logger, () => reloadKnowledge(engine, logger, 'shared edit')) : null;
  await sync?.start();
  const line = messagingApiGateway({ baseUrl: config.lineApiBaseUrl, channelAccessToken: config.channelAccessToken });
  const { app, idle, inbox } = createApp({
    deps: { engine: () => engine.current(), store, line, logger, userHashSalt: config.userHashSalt, defaultMunicipality: config.defaultMunicipality },
    channelSecret: config.channelSecret,
    maxBodyBytes: config.maxBodyBytes,
    extraRoutes: [
      adminRouter({
        adminToken: config.adminToken,
        adminTokens: config.adminTokens ?? [],
        changeLog: new FileChangeLog(config.dataDir),
        store,
        engine,
        knowledgeDir,
        logger,
        writer,
        ...(sync ? { onEdited: (edit, file) => sync.share(edit, file) } : {}),
      }),
    ],
  });
  const onWatchError = (error: unknown) => logger.error('knowledge watch failed', { error });
  const watch = options.knowledgeWatch
    ? watchKnowledge(knowledgeDir, () => void reloadKnowledge(engine, logger, 'watch').catch(onWatchError), { onError: onWatchError })
    : null;
  if (config.trustProxy !== false) app.set('trust proxy', config.trustProxy);
  const server = await listenWithLimits(app, config.port, undefined, { ...DEFAULT_HTTP_LIMITS, maxConnections: config.maxConnections });
  // The port actually bound: PORT=0 picks a free one.
  logger.info('ready', {
    port: (server.address() as AddressInfo).port,
    lineApiBaseUrl: config.lineApiBaseUrl,
    admin: config.adminToken !== null || (config.adminTokens ?? []).length > 0,
    knowledgeWatch: watch !== null,
    readyMs: Date.now() - started,
  });
  return {
    server,
    engine,
    stop: async () => {
      watch?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      inbox.stop();
      await sync?.stop();
      await idle();
      await retention.stop();
      await store.close();
    },
  };
}
