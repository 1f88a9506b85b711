/**
 * The LINE-schema validators must reject what LINE would reject, or every "valid" elsewhere
 * means nothing: these cases pin the discriminator rewriting and the closed-object check.
 */
import { describe, expect, it } from 'vitest';
import { LINE_OPENAPI_SKIP, lineOpenApiAvailable, lineSchemaValidator } from './line-openapi.js';

const available = lineOpenApiAvailable();
if (!available) console.warn(LINE_OPENAPI_SKIP);

const USER = 'U4af4980629d1c2f3e6c5b2c4b3a5f6e7';
const textEvent = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  message,
  webhookEventId: '01KV4A3R8PHS13XWEB3T1QQQ3V',
  deliveryContext: { isRedelivery: false },
  timestamp: 1781482512662,
  source: { type: 'user', userId: USER },
  replyToken: 'b60d432864f44d079f6d8efe86cf404b',
  mode: 'active',
  ...extra,
});
const callback = (...events: unknown[]) => ({ destination: USER, events });
const reply = (...messages: unknown[]) => ({ replyToken: 'b60d432864f44d079f6d8efe86cf404b', messages });
const postbackItem = (data: string) => ({ type: 'action', action: { type: 'postback', label: '鹿屋市', data, displayText: '鹿屋市' } });

describe.skipIf(!available)('lineSchemaValidator', () => {
  const webhookBody = () => lineSchemaValidator('webhook', 'CallbackRequest')!;
  const replyBody = () => lineSchemaValidator('messaging-api', 'ReplyMessageRequest')!;
  const valid = (result: { valid: boolean; errors: string[] }) => (result.valid ? 'valid' : result.errors.join('\n'));

  it('accepts a real-shaped text event and an empty Verify body', () => {
    expect(valid(webhookBody()(callback(textEvent({ type: 'text', id: '593045712830455810', quoteToken: 'q3Plxr4AgKd', text: 'RPAとは' }))))).toBe('valid');
    expect(valid(webhookBody()(callback()))).toBe('valid');
  });

  it('checks a message against the subtype its type names (TextMessageContent needs quoteToken)', () => {
    const result = webhookBody()(callback(textEvent({ type: 'text', id: '593045712830455810', text: 'RPAとは' })));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain('quoteToken');
  });

  it('rejects an event type, source type or message type the spec does not know', () => {
    const ok = { type: 'text', id: '593045712830455810', quoteToken: 'q', text: 'a' };
    expect(webhookBody()(callback(textEvent(ok, { type: 'messages' }))).valid).toBe(false);
    expect(webhookBody()(callback(textEvent(ok, { source: { type: 'channel', userId: USER } }))).valid).toBe(false);
    expect(webhookBody()(callback(textEvent({ ...ok, type: 'txt' }))).valid).toBe(false);
  });

  it('rejects missing common properties and a bad destination', () => {
    const event = textEvent({ type: 'text', id: '1', quoteToken: 'q', text: 'a' });
    const { webhookEventId: _id, ...withoutId } = event;
    expect(webhookBody()(callback(withoutId)).valid).toBe(false);
    expect(webhookBody()(callback({ ...event, deliveryContext: {} })).valid).toBe(false);
    expect(webhookBody()(callback({ ...event, mode: 'sleeping' })).valid).toBe(false);
    expect(webhookBody()({ destination: 'bot', events: [] }).valid).toBe(false);
  });

  it('rejects properties the spec does not name (closed), and allows them when asked', () => {
    const event = textEvent({ type: 'text', id: '1', quoteToken: 'q', text: 'a', txet: 'typo' });
    const closed = webhookBody()(callback(event));
    expect(closed.valid).toBe(false);
    expect(closed.errors.join('\n')).toContain('txet');
    expect(lineSchemaValidator('webhook', 'CallbackRequest', { closed: false })!(callback(event)).valid).toBe(true);
  });

  it('accepts a real reply and rejects what the Messaging API would', () => {
    const text = { type: 'text', text: 'こんにちは', quickReply: { items: [postbackItem('action=municipality&value=x')] } };
    expect(valid(replyBody()(reply(text)))).toBe('valid');
    expect(replyBody()(reply()).valid).toBe(false); // no messages
    expect(replyBody()(reply(text, text, text, text, text, text)).valid).toBe(false); // six messages
    expect(replyBody()(reply({ type: 'text' })).valid).toBe(false); // no text
    expect(replyBody()(reply({ ...text, quickReply: { items: Array.from({ length: 14 }, () => postbackItem('a')) } })).valid).toBe(false);
    expect(replyBody()(reply({ ...text, quickReply: { items: [postbackItem('x'.repeat(301))] } })).valid).toBe(false);
    expect(replyBody()(reply({ ...text, quickReply: { items: [{ type: 'action', action: { type: 'postbak', label: 'a' } }] } })).valid).toBe(false);
  });

  it('follows Flex containers and components down to their subtypes', () => {
    const flex = (component: unknown) => ({
      type: 'flex',
      altText: 'RPAとは',
      contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [component] } },
    });
    expect(valid(replyBody()(reply(flex({ type: 'text', text: 'RPA', wrap: true }))))).toBe('valid');
    expect(replyBody()(reply(flex({ type: 'text', text: 'RPA', weight: 'heavy' }))).valid).toBe(false);
    expect(replyBody()(reply(flex({ type: 'box', layout: 'diagonal', contents: [] }))).valid).toBe(false);
    expect(replyBody()(reply(flex({ type: 'button', action: { type: 'uri', label: '開く', uri: 'not a uri' } }))).valid).toBe(false);
    expect(replyBody()(reply(flex({ type: 'txt', text: 'RPA' }))).valid).toBe(false);
  });

  it('names an unknown schema loudly instead of skipping', () => {
    expect(() => lineSchemaValidator('webhook', 'NoSuchSchema')).toThrow(/NoSuchSchema/);
  });
});
