/**
 * Signed webhook requests for load: bodies shaped from webhooks/*.json, text taken from the dev
 * questions, and a fresh webhookEventId and replyToken on every request so the server's dedupe
 * never short-circuits the work.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, sharedDir } from '../../src/project-root.js';

type Json = Record<string, unknown>;

/** The dev questions, or a handful of typical ones (with a note) when ../shared is absent. */
export function devQuestions(): { questions: string[]; source: string } {
  const file = path.join(sharedDir(), 'eval', 'dev.jsonl');
  if (!existsSync(file)) {
    return {
      questions: ['RPAとは', '児童手当の現況届はオンラインで出せますか', '鹿屋市のDX推進計画の期間は', 'デジタルデバイドの意味', 'こんにちは', 'qwerty'],
      source: `${file} absent: six built-in questions`,
    };
  }
  const questions = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { q: string }).q);
  return { questions, source: file };
}

/** One event object from a file in webhooks/. */
export function fixtureEvent(name: string): Json {
  const body = JSON.parse(readFileSync(path.join(projectRoot(), 'webhooks', name), 'utf8')) as { events: Json[] };
  const event = body.events[0];
  if (!event) throw new Error(`webhooks/${name} has no event`);
  return event;
}

/** The x-line-signature LINE computes over the exact body bytes. */
export function signBody(body: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let sequence = 0;

/** A ULID-shaped id (26 Crockford characters) that no other call in this process returns. */
export function uniqueEventId(): string {
  sequence += 1;
  let counter = '';
  for (let value = sequence; counter.length < 10; value = Math.floor(value / 32)) counter = (CROCKFORD[value % 32] ?? '0') + counter;
  let random = '';
  for (const byte of randomBytes(16)) random += CROCKFORD[byte % 32];
  return `01${counter}${random}`.slice(0, 26);
}

/** 32 hex digits, like LINE's reply tokens. */
export function uniqueReplyToken(): string {
  return randomBytes(16).toString('hex');
}

const USER_POOL = 64;
const userIds = Array.from({ length: USER_POOL }, (_, index) => `U${createHmac('sha256', 'bench-users').update(String(index)).digest('hex').slice(0, 32)}`);

/** Kinds of request body the generator makes. */
export type EventMix = 'text' | 'mixed';

const OTHER_FIXTURES = ['follow.json', 'postback-municipality.json', 'postback-feedback.json', 'sticker.json', 'group-text.json'];

/**
 * Makes request bodies: with `text`, every body is one text message carrying the next dev
 * question; with `mixed`, one body in ten is another kind of event from webhooks/ (follow,
 * postbacks, a sticker, a group message). Every event expects exactly one reply.
 */
export class WebhookBodyFactory {
  private readonly textEvent = fixtureEvent('text-glossary.json');
  private readonly others = OTHER_FIXTURES.map((name) => fixtureEvent(name));
  private readonly destination: string;
  private count = 0;

  constructor(
    private readonly questions: readonly string[],
    private readonly secret: string,
    private readonly mix: EventMix = 'text',
  ) {
    const body = JSON.parse(readFileSync(path.join(projectRoot(), 'webhooks', 'text-glossary.json'), 'utf8')) as { destination: string };
    this.destination = body.destination;
  }

  /** The next body (one event), its signature and the event's ids. */
  next(): { body: string; signature: string; webhookEventId: string; replyToken: string; text: string | null } {
    const index = this.count;
    this.count += 1;
    const webhookEventId = uniqueEventId();
    const replyToken = uniqueReplyToken();
    const userId = userIds[index % USER_POOL] ?? 'U0';
    const useOther = this.mix === 'mixed' && index % 10 === 9;
    const template = useOther ? (this.others[Math.floor(index / 10) % this.others.length] ?? this.textEvent) : this.textEvent;
    const event: Json = { ...template, webhookEventId, replyToken, timestamp: Date.now(), deliveryContext: { isRedelivery: false } };
    const source = template.source as Json;
    event.source = { ...source, userId };
    let text: string | null = null;
    if (!useOther) {
      text = this.questions[index % this.questions.length] ?? 'RPAとは';
      event.message = { ...(template.message as Json), id: String(600000000000000000 + index), text };
    }
    const body = JSON.stringify({ destination: this.destination, events: [event] });
    return { body, signature: signBody(body, this.secret), webhookEventId, replyToken, text };
  }
}
