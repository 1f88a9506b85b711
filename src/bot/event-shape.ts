import type { webhook } from '@line/bot-sdk';

/** Event types the bot acts on; any other is acknowledged and left alone, unclaimed. */
export const HANDLED_EVENT_TYPES: ReadonlySet<string> = new Set(['message', 'follow', 'unfollow', 'postback', 'join']);

/** What checking an event found: an event the bot can act on, one it does not act on, or a reason to skip it. */
export type EventCheck = { kind: 'handled'; event: webhook.Event } | { kind: 'unhandled'; type: string } | { kind: 'invalid'; reason: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
// LINE's times are milliseconds since the epoch; beyond ±8.64e15 a Date cannot hold them.
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 8.64e15;

/**
 * Checks, before the event is claimed, every field its handler reads, so a malformed event is
 * skipped with a reason instead of being claimed and then failing halfway. The platform sends
 * well-formed events; this guards against anything else that gets a valid signature (a leaked
 * secret, a test tool, a future field change).
 */
export function checkEvent(raw: unknown): EventCheck {
  if (!isObject(raw)) return { kind: 'invalid', reason: 'not an object' };
  const { type, webhookEventId, timestamp, mode, source, replyToken } = raw;
  if (!isText(type)) return { kind: 'invalid', reason: 'type is not a string' };
  if (!isText(webhookEventId) || webhookEventId.length > 128) return { kind: 'invalid', reason: 'webhookEventId is not a string of at most 128 characters' };
  if (!HANDLED_EVENT_TYPES.has(type)) return { kind: 'unhandled', type };
  if (!isTime(timestamp)) return { kind: 'invalid', reason: 'timestamp is not a time in milliseconds' };
  if (mode !== undefined && typeof mode !== 'string') return { kind: 'invalid', reason: 'mode is not a string' };
  if (replyToken !== undefined && !isText(replyToken)) return { kind: 'invalid', reason: 'replyToken is not a string' };
  const sourceProblem = checkSource(source);
  if (sourceProblem) return { kind: 'invalid', reason: sourceProblem };
  const problem = checkPayload(type, raw);
  return problem ? { kind: 'invalid', reason: problem } : { kind: 'handled', event: raw as unknown as webhook.Event };
}

function checkSource(source: unknown): string | null {
  if (source === undefined) return null;
  if (!isObject(source) || !isText(source.type)) return 'source is not an object with a type';
  for (const field of ['userId', 'groupId', 'roomId'] as const) {
    if (source[field] !== undefined && !isText(source[field])) return `source.${field} is not a string`;
  }
  if (source.type === 'group' && !isText(source.groupId)) return 'a group source has no groupId';
  if (source.type === 'room' && !isText(source.roomId)) return 'a room source has no roomId';
  return null;
}

function checkPayload(type: string, event: Record<string, unknown>): string | null {
  switch (type) {
    case 'message': {
      const { message } = event;
      if (!isObject(message) || !isText(message.type)) return 'message is not an object with a type';
      if (message.type === 'text' && typeof message.text !== 'string') return 'message.text is not a string';
      return null;
    }
    case 'postback':
      return isObject(event.postback) && typeof event.postback.data === 'string' ? null : 'postback.data is not a string';
    case 'follow':
    case 'join':
      // Both exist to be answered: without a reply token there is nothing to do.
      return isText(event.replyToken) ? null : 'replyToken is missing';
    default:
      return null;
  }
}
