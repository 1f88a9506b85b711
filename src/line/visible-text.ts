/**
 * What a person reads in one LINE message, as plain text: a text message's text, or every text
 * component of a Flex bubble (header, body, footer), in order. Button labels are not counted:
 * they are controls, not reading. Used to hold answers to a length a phone screen shows at once.
 */
import type { messagingApi } from '@line/bot-sdk';

/** The visible text of one message, its parts joined by line breaks. */
export function visibleText(message: messagingApi.Message): string {
  if (message.type === 'text') return message.text;
  if (message.type !== 'flex') return '';
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const component = node as { type?: string; text?: string; contents?: unknown };
    if (component.type === 'text' && typeof component.text === 'string') parts.push(component.text);
    if (Array.isArray(component.contents)) component.contents.forEach(walk);
  };
  const bubble = message.contents as { header?: unknown; hero?: unknown; body?: unknown; footer?: unknown; contents?: unknown };
  const bubbles = bubble.contents && Array.isArray(bubble.contents) ? bubble.contents : [bubble];
  for (const one of bubbles as Array<typeof bubble>) for (const part of [one.header, one.body, one.footer]) walk(part);
  return parts.join('\n');
}
