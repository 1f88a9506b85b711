/**
 * LINE's documented limits that the OpenAPI specs do not encode (text lengths, label lengths,
 * where quick replies go), checked independently of src/line so a bug there cannot hide itself.
 * Units follow LINE: message texts in UTF-16 code units, action texts in grapheme clusters.
 */
import type { messagingApi } from '@line/bot-sdk';

const segmenter = new Intl.Segmenter('ja', { granularity: 'grapheme' });
const graphemes = (text: string) => [...segmenter.segment(text)].length;
// With the u flag this matches only surrogates that are not half of a pair.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Every limit a reply breaks, as readable lines; empty when the reply is within LINE's limits. */
export function lineLimitViolations(messages: readonly messagingApi.Message[]): string[] {
  const problems: string[] = [];
  if (messages.length < 1 || messages.length > 5) problems.push(`${messages.length} messages (1–5 allowed)`);
  messages.forEach((message, index) => {
    const at = `messages[${index}]`;
    findLoneSurrogates(message, at, problems);
    if (message.quickReply) {
      if (index !== messages.length - 1) problems.push(`${at}: quick reply on a message that is not the last (LINE shows only the last one's)`);
      checkQuickReply(message.quickReply, `${at}.quickReply`, problems);
    }
    if (message.type === 'text') {
      if (message.text.length === 0 || message.text.length > 5000) problems.push(`${at}: text of ${message.text.length} units (1–5000)`);
    }
    if (message.type === 'flex') checkFlex(message, at, problems);
  });
  return problems;
}

function checkQuickReply(quickReply: messagingApi.QuickReply, at: string, problems: string[]): void {
  const items = quickReply.items ?? [];
  if (items.length === 0 || items.length > 13) problems.push(`${at}: ${items.length} items (1–13)`);
  items.forEach((item, index) => {
    if (item.type !== 'action') problems.push(`${at}.items[${index}]: type must be "action"`);
    if (!item.action) problems.push(`${at}.items[${index}]: no action`);
    else checkAction(item.action, `${at}.items[${index}].action`, problems, { displayTextRequired: true });
  });
}

function checkAction(action: messagingApi.Action, at: string, problems: string[], options: { displayTextRequired: boolean }): void {
  const label = action.label ?? '';
  if (graphemes(label) < 1 || graphemes(label) > 20) problems.push(`${at}: label "${label}" of ${graphemes(label)} characters (1–20)`);
  if (action.type === 'postback') {
    const data = action.data ?? '';
    if (data.length < 1 || data.length > 300) problems.push(`${at}: data of ${data.length} characters (1–300)`);
    if (options.displayTextRequired && !action.displayText) problems.push(`${at}: quick-reply postback without displayText`);
    if (action.displayText !== undefined && (graphemes(action.displayText) < 1 || graphemes(action.displayText) > 300)) {
      problems.push(`${at}: displayText of ${graphemes(action.displayText)} characters (1–300)`);
    }
  }
  if (action.type === 'message') {
    const text = action.text ?? '';
    if (graphemes(text) < 1 || graphemes(text) > 300) problems.push(`${at}: text of ${graphemes(text)} characters (1–300)`);
  }
  if (action.type === 'uri') {
    const uri = action.uri ?? '';
    if (!/^https?:\/\//.test(uri) || uri.length > 1000) problems.push(`${at}: uri "${uri.slice(0, 60)}" (http(s), ≤1000)`);
  }
}

function checkFlex(message: messagingApi.FlexMessage, at: string, problems: string[]): void {
  if (message.altText.length < 1 || message.altText.length > 400) problems.push(`${at}: altText of ${message.altText.length} units (1–400)`);
  const bytes = Buffer.byteLength(JSON.stringify(message.contents), 'utf8');
  if (bytes > 30_000) problems.push(`${at}: container of ${bytes} bytes (≤30 KB)`);
  walkComponents(message.contents, `${at}.contents`, problems);
}

function walkComponents(node: unknown, at: string, problems: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((child, index) => walkComponents(child, `${at}[${index}]`, problems));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const component = node as { type?: string; text?: string; contents?: unknown; action?: messagingApi.Action };
  if (component.type === 'text' && typeof component.contents === 'undefined') {
    const text = component.text ?? '';
    if (text.trim().length === 0 || text.length > 2000) problems.push(`${at}: Flex text of ${text.length} units (non-empty; ≤2000, our own bound)`);
  }
  if (component.action) checkAction(component.action, `${at}.action`, problems, { displayTextRequired: false });
  for (const [key, value] of Object.entries(component)) {
    if (key !== 'action' && typeof value === 'object') walkComponents(value, `${at}.${key}`, problems);
  }
}

function findLoneSurrogates(value: unknown, at: string, problems: string[]): void {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) problems.push(`${at}: a lone surrogate (a character cut in half)`);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findLoneSurrogates(item, `${at}[${index}]`, problems));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) findLoneSurrogates(item, `${at}.${key}`, problems);
  }
}
