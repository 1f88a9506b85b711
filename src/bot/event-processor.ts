import type { webhook } from '@line/bot-sdk';
import { HTTPFetchError } from '@line/bot-sdk';
import type { BotDependencies } from './bot-dependencies.js';
import { routeEvent } from './event-router.js';

/** How handling one event ended. */
export type EventOutcome = 'handled' | 'ignored' | 'failed';

/**
 * Handles one stored event. The inbox has already made sure it is not a redelivery; a failure is
 * logged and reported as 'failed', never thrown, so one bad event never stops the others.
 */
export async function handleEvent(event: webhook.Event, deps: BotDependencies, context: Record<string, unknown>, receivedAt?: number): Promise<EventOutcome> {
  try {
    return (await routeEvent(event, deps, receivedAt)) ? 'handled' : 'ignored';
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
