/**
 * The webhook request bodies in webhooks/: each conforms to LINE's webhook.yml, ids look like
 * LINE's and are unique where LINE's are, and each file really is the case its name promises.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { webhook } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { parsePostback } from '../src/line/postback-data.js';
import { LINE_OPENAPI_SKIP, lineSchemaValidator } from './support/line-openapi.js';

const dir = fileURLToPath(new URL('../webhooks/', import.meta.url));
const files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
const bodies = new Map(files.map((name) => [name, JSON.parse(readFileSync(`${dir}${name}`, 'utf8')) as webhook.CallbackRequest]));
const body = (name: string): webhook.CallbackRequest => {
  const found = bodies.get(name);
  if (!found) throw new Error(`webhooks/${name} is missing`);
  return found;
};
const only = <T extends webhook.Event>(name: string): T => {
  const { events } = body(name);
  expect(events).toHaveLength(1);
  return events[0] as T;
};
const textOf = (name: string) => only<webhook.MessageEvent>(name).message as webhook.TextMessageContent;
const allEvents = [...bodies].flatMap(([name, { events }]) => events.map((event) => ({ name, event })));

const validateCallback = lineSchemaValidator('webhook', 'CallbackRequest');
if (!validateCallback) console.warn(LINE_OPENAPI_SKIP);

const EXPECTED = [
  'audio.json', 'file.json', 'follow.json', 'group-text-no-user.json', 'group-text.json', 'image.json', 'join-group.json',
  'location.json', 'multi-events.json', 'postback-feedback.json', 'postback-more.json', 'postback-municipality.json',
  'redelivered-text.json', 'room-text.json', 'standby-text.json', 'sticker.json', 'text-emoji.json', 'text-glossary.json',
  'text-long-5000.json', 'text-plan.json', 'text-procedure.json', 'unfollow.json', 'verify-empty.json', 'video.json',
];

describe('webhooks/ fixtures', () => {
  it('has every case, each listed in the README', () => {
    expect(files).toEqual(EXPECTED);
    const readme = readFileSync(`${dir}README.md`, 'utf8');
    for (const name of files) expect(readme).toContain(`\`${name}\``);
  });

  it.skipIf(!validateCallback).each(EXPECTED)('%s conforms to webhook.yml CallbackRequest', (name) => {
    expect(validateCallback?.(body(name)).errors).toEqual([]);
  });

  it('come from one bot, with LINE-shaped ids', () => {
    const destinations = new Set([...bodies.values()].map((request) => request.destination));
    expect(destinations.size).toBe(1);
    for (const { name, event } of allEvents) {
      expect(event.webhookEventId, name).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/); // ULID
      expect(Number.isInteger(event.timestamp), name).toBe(true);
      const source = event.source;
      if (source?.userId !== undefined) expect(source.userId, name).toMatch(/^U[0-9a-f]{32}$/);
      if (source?.type === 'group') expect(source.groupId, name).toMatch(/^C[0-9a-f]{32}$/);
      if (source?.type === 'room') expect(source.roomId, name).toMatch(/^R[0-9a-f]{32}$/);
      const replyToken = (event as { replyToken?: string }).replyToken;
      if (replyToken !== undefined) expect(replyToken, name).toMatch(/^[0-9a-f]{32}$/);
      if (event.type === 'message') expect((event as webhook.MessageEvent).message.id, name).toMatch(/^\d{18}$/);
    }
  });

  it('repeat a webhookEventId only for the redelivery', () => {
    const seen = new Map<string, string>();
    const repeats: string[] = [];
    for (const { name, event } of allEvents) {
      const first = seen.get(event.webhookEventId);
      if (first) repeats.push(`${first} ↔ ${name}`);
      else seen.set(event.webhookEventId, name);
    }
    expect(repeats).toEqual(['redelivered-text.json ↔ text-glossary.json']);
  });

  it('redelivered-text.json is text-glossary.json again, marked as a redelivery', () => {
    const original = only<webhook.MessageEvent>('text-glossary.json');
    const again = only<webhook.MessageEvent>('redelivered-text.json');
    expect(original.deliveryContext.isRedelivery).toBe(false);
    expect(again.deliveryContext.isRedelivery).toBe(true);
    expect({ ...again, deliveryContext: original.deliveryContext }).toEqual(original);
  });

  it('carry the questions their names promise', () => {
    expect(textOf('text-glossary.json').text).toBe('RPAとは');
    expect(textOf('text-procedure.json').text).toBe('児童手当の現況届はオンラインで出せますか');
    expect(textOf('text-plan.json').text).toMatch(/計画/);
  });

  it('text-long-5000.json is exactly 5,000 characters, in code points and UTF-16 units alike', () => {
    const { text } = textOf('text-long-5000.json');
    expect(text.length).toBe(5000);
    expect([...text].length).toBe(5000);
  });

  it('text-emoji.json locates its LINE emoji by UTF-16 index and holds surrogate pairs', () => {
    const message = textOf('text-emoji.json');
    expect(message.emojis?.length).toBeGreaterThan(0);
    for (const emoji of message.emojis ?? []) {
      expect(message.text.slice(emoji.index, emoji.index + emoji.length)).toMatch(/^\(\w+\)$/);
    }
    expect(message.text).toContain('😀');
    expect(message.text).toContain('𠮷');
    expect(message.text.length).toBeGreaterThan([...message.text].length);
  });

  it('cover every non-text message type', () => {
    const types = Object.fromEntries(
      ['sticker', 'image', 'video', 'audio', 'file', 'location'].map((type) => [type, only<webhook.MessageEvent>(`${type}.json`).message.type]),
    );
    expect(types).toEqual({ sticker: 'sticker', image: 'image', video: 'video', audio: 'audio', file: 'file', location: 'location' });
  });

  it('postbacks carry data the bot parses', () => {
    const data = (name: string) => parsePostback(only<webhook.PostbackEvent>(name).postback.data);
    expect(data('postback-municipality.json')).toEqual({ action: 'municipality', value: '鹿屋市' });
    expect(data('postback-feedback.json')).toEqual({ action: 'feedback', entry: 'rpa', helpful: true });
    expect(data('postback-more.json')).toEqual({ action: 'more', q: '児童手当の現況届はオンラインで出せますか' });
  });

  it('cover group and room sources, with and without userId', () => {
    const sourceOf = (name: string) => only(name).source;
    expect(sourceOf('join-group.json')).toMatchObject({ type: 'group' });
    expect(sourceOf('join-group.json')).not.toHaveProperty('userId');
    expect(sourceOf('group-text.json')).toMatchObject({ type: 'group', userId: expect.any(String) });
    expect(sourceOf('group-text-no-user.json')).toMatchObject({ type: 'group' });
    expect(sourceOf('group-text-no-user.json')).not.toHaveProperty('userId');
    expect(sourceOf('room-text.json')).toMatchObject({ type: 'room', userId: expect.any(String) });
    const mention = textOf('group-text.json').mention?.mentionees[0];
    expect(mention).toMatchObject({ type: 'user', isSelf: true, userId: body('group-text.json').destination });
  });

  it('cover follow, unfollow, standby, the Verify button and a mixed request', () => {
    expect(only<webhook.FollowEvent>('follow.json').follow.isUnblocked).toBe(false);
    expect(only('unfollow.json')).not.toHaveProperty('replyToken');
    const standby = only('standby-text.json');
    expect(standby.mode).toBe('standby');
    expect(standby).not.toHaveProperty('replyToken');
    expect(body('verify-empty.json').events).toEqual([]);
    const mixed = body('multi-events.json').events.map((event) => event.type);
    expect(mixed).toHaveLength(3);
    // At least one type the bot's router does not handle.
    expect(mixed.some((type) => !['message', 'follow', 'unfollow', 'postback', 'join'].includes(type))).toBe(true);
  });
});
