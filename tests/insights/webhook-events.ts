/**
 * Webhook request bodies for report tests, made from the real fixtures in webhooks/ with only the
 * text, time, sender and event id changed, so stored records come from the app's own handlers.
 */
import { encodePostback } from '../../src/line/postback-data.js';
import type { Municipality } from '../../src/knowledge/schema.js';
import { fixture, type Harness } from '../server/webhook-harness.js';

let sequence = 0;
/** A fresh webhookEventId (26 characters, like LINE's ULIDs), so no event counts as a redelivery. */
function nextEventId(): string {
  sequence += 1;
  return `01TEST${String(sequence).padStart(20, '0')}`;
}

/** A fictional LINE user id: U + 32 hex digits. */
export function lineUserId(n: number): string {
  return `U${n.toString(16).padStart(32, '0')}`;
}

/** Who sends an event and when (any ISO time; LINE sends milliseconds). */
export interface Sent {
  user: string;
  at: string;
}

function withEvent(name: string, sent: Sent, change: (event: Record<string, any>) => void): string {
  const body = JSON.parse(fixture(name)) as { events: Array<Record<string, any>> };
  const event = body.events[0]!;
  event.webhookEventId = nextEventId();
  event.timestamp = Date.parse(sent.at);
  event.source = { type: 'user', userId: sent.user };
  change(event);
  return JSON.stringify(body);
}

/** A text message from a person. */
export function textMessage(text: string, sent: Sent): string {
  return withEvent('text-glossary.json', sent, (event) => {
    event.message.text = text;
  });
}

/** A tap on 役に立った (helpful) or 役に立たなかった under an answer. */
export function feedbackTap(entry: string, helpful: boolean, sent: Sent): string {
  return withEvent('postback-feedback.json', sent, (event) => {
    event.postback.data = encodePostback({ action: 'feedback', entry, helpful });
  });
}

/** A person choosing their municipality. */
export function municipalityChoice(municipality: Municipality, sent: Sent): string {
  return withEvent('postback-municipality.json', sent, (event) => {
    event.postback.data = encodePostback({ action: 'municipality', value: municipality });
  });
}

/** Posts bodies one at a time, each processed before the next, so records are stored in order. */
export async function sendAll(harness: Pick<Harness, 'post' | 'bot'>, bodies: readonly string[]): Promise<void> {
  for (const body of bodies) {
    await harness.post(body).expect(200);
    await harness.bot.idle();
  }
}
