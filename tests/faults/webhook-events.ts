/**
 * Fresh webhook events made from the real-shaped bodies in webhooks/: the fixture gives the shape,
 * and each copy gets its own webhookEventId, replyToken and time, as LINE gives every new event.
 */
import { randomBytes } from 'node:crypto';
import { fixture } from '../server/webhook-harness.js';

/** A webhook event as JSON (tests reach into its fields freely). */
export type WebhookEvent = Record<string, any>;

export interface WebhookBody {
  destination: string;
  events: WebhookEvent[];
}

/** A fixture from webhooks/, parsed. */
export function fixtureBody(name: string): WebhookBody {
  return JSON.parse(fixture(name)) as WebhookBody;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped id (26 Crockford base32 characters), as LINE's webhookEventId is. */
export function newEventId(): string {
  return '01' + [...randomBytes(24)].map((byte) => CROCKFORD[byte % 32]).join('');
}

/** A 32-hex-digit reply token. */
export function newReplyToken(): string {
  return randomBytes(16).toString('hex');
}

/** `U` + 32 hex digits, like a LINE user id. */
export function newUserId(): string {
  return 'U' + randomBytes(16).toString('hex');
}

/**
 * The first event of a fixture as a new event: new id, new reply token (where the fixture has
 * one), the current time, not a redelivery. `change` edits the copy before it is returned.
 */
export function freshEvent(name: string, change: (event: WebhookEvent) => void = () => {}): WebhookEvent {
  const event = structuredClone(fixtureBody(name).events[0]!);
  event.webhookEventId = newEventId();
  if ('replyToken' in event) event.replyToken = newReplyToken();
  event.timestamp = Date.now();
  event.deliveryContext = { isRedelivery: false };
  change(event);
  return event;
}

/** The same event as LINE redelivers it. */
export function redelivered(event: WebhookEvent): WebhookEvent {
  return { ...structuredClone(event), deliveryContext: { isRedelivery: true } };
}

/** A request body carrying these events, from the fixtures' bot. */
export function bodyOf(...events: WebhookEvent[]): string {
  return JSON.stringify({ destination: fixtureBody('text-glossary.json').destination, events });
}
