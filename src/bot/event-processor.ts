import { HTTPFetchError } from '@line/bot-sdk';
import type { BotDependencies } from './bot-dependencies.js';
import { checkEvent } from './event-shape.js';
import { routeEvent } from './event-router.js';

export type EventOutcome = 'handled' | 'ignored' | 'standby' | 'duplicate' | 'invalid' | 'failed';

/**
 * Processes every event of one webhook request independently: one failing event neither stops
 * nor delays the others. Each event is claimed by its webhookEventId first, so a redelivered or
 * repeated event never gets a second reply.
 */
export async function processEvents(events: readonly unknown[], deps: BotDependencies, requestId: string): Promise<EventOutcome[]> {
  return Promise.all(events.map((event) => processEvent(event, deps, requestId)));
}

async function processEvent(raw: unknown, deps: BotDependencies, requestId: string): Promise<EventOutcome> {
  const checked = checkEvent(raw);
  const fields = raw as { webhookEventId?: unknown; type?: unknown } | null;
  const context = { requestId, webhookEventId: printable(fields?.webhookEventId), type: printable(fields?.type) };
  if (checked.kind === 'invalid') {
    deps.logger.warn('malformed event skipped', { ...context, reason: checked.reason });
    return 'invalid';
  }
  // Nothing is done for a type the bot does not use, so nothing needs remembering either: a
  // redelivery of it is left alone just the same, without a claim kept for a week.
  if (checked.kind === 'unhandled') return 'ignored';
  const { event } = checked;
  // In standby another channel (e.g. a staff chat module) owns the conversation.
  if (event.mode === 'standby') return 'standby';
  try {
    if (!(await deps.store.claimEvent(event.webhookEventId))) {
      deps.logger.info('duplicate event skipped', { ...context, redelivery: event.deliveryContext?.isRedelivery ?? false });
      return 'duplicate';
    }
    return (await routeEvent(event, deps)) ? 'handled' : 'ignored';
  } catch (error) {
    deps.logger.error('event failed', { ...context, ...describeError(error) });
    return 'failed';
  }
}

/** A field from outside, fit for a log line: strings cut short, anything else by its type. */
function printable(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value.slice(0, 128) : `(${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value})`;
}

// One place that turns SDK and other errors into what an operator needs in the log.
function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof HTTPFetchError) {
    return { error: 'line-api', status: error.status, body: error.body.slice(0, 500), lineRequestId: error.headers.get('x-line-request-id') };
  }
  return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
