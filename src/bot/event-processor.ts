import type { webhook } from '@line/bot-sdk';
import { HTTPFetchError } from '@line/bot-sdk';
import type { BotDependencies } from './bot-dependencies.js';
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
  const event = raw as Partial<webhook.Event>;
  const context = { requestId, webhookEventId: event?.webhookEventId, type: event?.type };
  if (!event || typeof event !== 'object' || typeof event.type !== 'string' || typeof event.webhookEventId !== 'string') {
    deps.logger.warn('malformed event skipped', context);
    return 'invalid';
  }
  // In standby another channel (e.g. a staff chat module) owns the conversation.
  if (event.mode === 'standby') return 'standby';
  try {
    if (!(await deps.store.claimEvent(event.webhookEventId))) {
      deps.logger.info('duplicate event skipped', { ...context, redelivery: event.deliveryContext?.isRedelivery ?? false });
      return 'duplicate';
    }
    return (await routeEvent(event as webhook.Event, deps)) ? 'handled' : 'ignored';
  } catch (error) {
    deps.logger.error('event failed', { ...context, ...describeError(error) });
    return 'failed';
  }
}

// One place that turns SDK and other errors into what an operator needs in the log.
function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof HTTPFetchError) {
    return { error: 'line-api', status: error.status, body: error.body.slice(0, 500), lineRequestId: error.headers.get('x-line-request-id') };
  }
  return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
