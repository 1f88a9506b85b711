/**
 * LINE messages as a resident would read them on a phone, in plain text for a terminal: the
 * text of text messages, every text component of a Flex message in reading order, the quick
 * reply buttons under the last message. What the bot actually sent, not what the engine meant.
 */

type Json = Record<string, unknown>;

/** The messages of one reply, as lines of text. */
export function lineMessagesAsText(messages: readonly unknown[]): string {
  const parts: string[] = [];
  for (const message of messages) {
    if (!isObject(message)) continue;
    if (message.type === 'text' && typeof message.text === 'string') parts.push(message.text);
    else if (message.type === 'flex') parts.push(flexText(message.contents).join('\n'));
    else parts.push(`[${String(message.type)}]`);
    const buttons = quickReplyLabels(message.quickReply);
    if (buttons.length > 0) parts.push(buttons.map((label) => `［${label}］`).join(' '));
  }
  return parts.join('\n\n');
}

function flexText(node: unknown): string[] {
  if (!isObject(node)) return [];
  if (node.type === 'carousel' && Array.isArray(node.contents)) return node.contents.flatMap((bubble, index) => [...(index > 0 ? ['―――'] : []), ...flexText(bubble)]);
  if (node.type === 'bubble') return ['header', 'hero', 'body', 'footer'].flatMap((part) => flexText(node[part]));
  if (node.type === 'box' && Array.isArray(node.contents)) return node.contents.flatMap((child) => flexText(child));
  if (node.type === 'text') {
    if (typeof node.text === 'string') return [node.text];
    if (Array.isArray(node.contents)) return [node.contents.map((span) => (isObject(span) && typeof span.text === 'string' ? span.text : '')).join('')];
  }
  if (node.type === 'button' && isObject(node.action) && typeof node.action.label === 'string') {
    const uri = typeof node.action.uri === 'string' ? ` ${node.action.uri}` : '';
    return [`［${node.action.label}］${uri}`];
  }
  return [];
}

function quickReplyLabels(quickReply: unknown): string[] {
  if (!isObject(quickReply) || !Array.isArray(quickReply.items)) return [];
  return quickReply.items.flatMap((item) => (isObject(item) && isObject(item.action) && typeof item.action.label === 'string' ? [item.action.label] : []));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
