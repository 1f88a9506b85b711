import express, { type Express, type RequestHandler } from 'express';
import type { BotDependencies } from '../bot/bot-dependencies.js';
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
}

/** The HTTP app plus a way to wait for events still being processed after their 200. */
export interface BotApp {
  app: Express;
  /** Resolves when every event received so far has been processed. */
  idle(): Promise<void>;
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
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', pendingEvents: pending.size });
  });
  app.use(webhookRouter({ channelSecret: typeof secret === 'function' ? secret : () => secret, maxBodyBytes: options.maxBodyBytes, deps: options.deps, track }));
  for (const router of options.extraRoutes ?? []) app.use(router);
  app.use(errorHandler((error) => options.deps.logger.error('request failed', { error })));
  return {
    app,
    idle: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
