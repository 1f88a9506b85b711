import { randomUUID } from 'node:crypto';
import { validateSignature } from '@line/bot-sdk';
import express, { type RequestHandler, type Router } from 'express';
import type { EventInbox } from '../bot/event-inbox.js';
import { readRawBody } from './raw-body.js';
import { InvalidJsonError, InvalidWebhookBodyError, SignatureMismatchError, SignatureMissingError, StoreUnavailableError } from './http-errors.js';

export interface WebhookOptions {
  channelSecret: () => string;
  maxBodyBytes: number;
  inbox: EventInbox;
  /** Keeps track of background work so shutdown and tests can wait for it. */
  track: (work: Promise<unknown>) => void;
}

/**
 * POST /webhook: the raw body is read with a size limit (413 past it, before any hashing), the
 * signature checked, the JSON parsed, the events stored in the durable inbox (one write shared
 * with concurrent requests), and only then LINE answered 200. Events are handled after the
 * response, so a slow Messaging API never delays the acknowledgement; a store that cannot write
 * gets 503, so LINE redelivers instead of believing the events taken care of.
 */
export function webhookRouter(options: WebhookOptions): Router {
  const router = express.Router();
  router.post('/webhook', readRawBody(options.maxBodyBytes), verifyAndAcknowledge(options));
  return router;
}

function verifyAndAcknowledge(options: WebhookOptions): RequestHandler {
  return async (req, res) => {
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
    let accepted;
    try {
      accepted = await options.inbox.accept(events, requestId);
    } catch (error) {
      throw new StoreUnavailableError(error instanceof Error ? error.message : String(error));
    }
    res.status(200).json({});
    if (accepted.length > 0) {
      // setImmediate lets the 200 leave before any event work starts.
      options.track(new Promise((resolve) => setImmediate(resolve)).then(() => options.inbox.process(accepted, requestId)));
    }
  };
}
