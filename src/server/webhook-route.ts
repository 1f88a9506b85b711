import { randomUUID } from 'node:crypto';
import { validateSignature } from '@line/bot-sdk';
import express, { type RequestHandler, type Router } from 'express';
import type { BotDependencies } from '../bot/bot-dependencies.js';
import { processEvents } from '../bot/event-processor.js';
import { readRawBody } from './raw-body.js';
import { InvalidJsonError, InvalidWebhookBodyError, SignatureMismatchError, SignatureMissingError } from './http-errors.js';

export interface WebhookOptions {
  channelSecret: () => string;
  maxBodyBytes: number;
  deps: BotDependencies;
  /** Keeps track of background work so shutdown and tests can wait for it. */
  track: (work: Promise<unknown>) => void;
}

/**
 * POST /webhook: the raw body is read with a size limit (413 past it, before any hashing), the
 * signature checked, the JSON parsed, and LINE answered 200 at once. Events are processed after
 * the response, so a slow Messaging API never delays the acknowledgement.
 */
export function webhookRouter(options: WebhookOptions): Router {
  const router = express.Router();
  router.post('/webhook', readRawBody(options.maxBodyBytes), verifyAndAcknowledge(options));
  return router;
}

function verifyAndAcknowledge(options: WebhookOptions): RequestHandler {
  return (req, res) => {
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.get('x-line-signature');
    if (!signature) throw new SignatureMissingError();
    if (!validateSignature(body, options.channelSecret(), signature)) throw new SignatureMismatchError();
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new InvalidJsonError();
    }
    const events = (parsed as { events?: unknown })?.events;
    if (!Array.isArray(events)) throw new InvalidWebhookBodyError();

    const requestId = randomUUID();
    res.status(200).json({});
    if (events.length > 0) {
      // setImmediate lets the 200 leave before any event work starts.
      options.track(new Promise((resolve) => setImmediate(resolve)).then(() => processEvents(events, options.deps, requestId)));
    }
  };
}
