import { CityPrompt } from '../bot/city-prompt.js';
import express, { type Express, type RequestHandler } from 'express';
import type { BotDependencies } from '../bot/bot-dependencies.js';
import { EventInbox, type EventInboxOptions } from '../bot/event-inbox.js';
import type { StoreHealth } from '../storage/store.js';
import { errorHandler } from './http-errors.js';
import { webhookRouter } from './webhook-route.js';

export interface AppOptions {
  deps: BotDependencies;
  channelSecret: string | (() => string);
  maxBodyBytes: number;
  /** Extra routes (the simulator page, the admin page) mounted before the error handler. */
  extraRoutes?: express.Router[];
  /** Checks every request passes first, before any route (the simulator's Host check). */
  guards?: RequestHandler[];
  /** Inbox settings (lease, reply window, take-over interval); defaults suit production. */
  inbox?: Omit<EventInboxOptions, 'deps' | 'track'>;
}

// A database that does not answer must not hold the load balancer's health check open.
const HEALTH_TIMEOUT_MS = 2000;

/** The HTTP app plus a way to wait for events still being processed after their 200. */
export interface BotApp {
  app: Express;
  /** Resolves when every event received so far has been processed. */
  idle(): Promise<void>;
  /** The durable inbox (started; stop it before closing the store). */
  inbox: EventInbox;
}

/** Builds the Express app: POST /webhook, GET /healthz, and any extra routes. */
export function createApp(options: AppOptions): BotApp {
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const settled = work.catch((error: unknown) => options.deps.logger.error('webhook processing failed', { error })).finally(() => pending.delete(settled));
    pending.add(settled);
  };
  const secret = options.channelSecret;
  const app = express();
  app.disable('x-powered-by');
  for (const guard of options.guards ?? []) app.use(guard);
  const droppedRecords = { logs: 0, feedback: 0 };
  const deps: BotDependencies = {
    ...options.deps,
    // Asked each time, as the caller's own deps are: a reload (or a test) may swap the engine.
    engine: () => options.deps.engine(),
    // Each app remembers whom it asked to choose a city; two apps in one process never share it.
    cityPrompt: options.deps.cityPrompt ?? new CityPrompt(),
    onRecordDropped: (kind) => {
      droppedRecords[kind] += 1;
      options.deps.onRecordDropped?.(kind);
    },
  };
  const inbox = new EventInbox({ ...options.inbox, deps, track });
  inbox.start();
  // 503 with the reason when the store cannot write: the load balancer stops sending this
  // instance requests it could only refuse, and the operator sees why.
  app.get('/healthz', async (_req, res) => {
    const health = await Promise.race([
      options.deps.store.health(),
      new Promise<StoreHealth>((resolve) => setTimeout(() => resolve({ ok: false, reason: `the store did not answer within ${HEALTH_TIMEOUT_MS} ms` }), HEALTH_TIMEOUT_MS).unref()),
    ]);
    res.status(health.ok ? 200 : 503).json({
      status: health.ok ? 'ok' : 'unavailable',
      ...(health.ok ? {} : { reason: health.reason }),
      pendingEvents: pending.size,
      inbox: inbox.stats(),
      droppedRecords,
    });
  });
  app.use(webhookRouter({ channelSecret: typeof secret === 'function' ? secret : () => secret, maxBodyBytes: options.maxBodyBytes, inbox, track }));
  for (const router of options.extraRoutes ?? []) app.use(router);
  app.use(errorHandler((error) => options.deps.logger.error('request failed', { error })));
  return {
    app,
    inbox,
    idle: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
