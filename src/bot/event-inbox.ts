import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';
import { MISSED_EVENT_INTENT, type InboxEvent, type InboxOutcome, type Store } from '../storage/store.js';
import type { BotDependencies } from './bot-dependencies.js';
import { handleEvent } from './event-processor.js';
import { checkEvent } from './event-shape.js';
import { originOf } from './event-source.js';

/** How long an event stays with the process that accepted or took it, unless renewed. */
export const DEFAULT_LEASE_MS = 15_000;
/**
 * LINE accepts a reply token for about a minute after it sent the event; an event taken over
 * later than this after it arrived is recorded as missed rather than answered with a stale token.
 */
export const DEFAULT_REPLY_WINDOW_MS = 50_000;
/** How often a process looks for events whose process died. */
export const DEFAULT_TAKE_OVER_INTERVAL_MS = 2000;
const TAKE_OVER_BATCH = 100;
/**
 * LINE's events nest a few levels (message.mention.mentionees[i].index is four); anything deeper
 * is not LINE's and is dropped before storing, so a signed body with a field nested 100,000
 * levels deep cannot make the event unstorable (JSON.stringify would overflow the stack).
 */
export const MAX_STORED_DEPTH = 8;

/** Whether a parsed JSON value has anything deeper than `depth` levels. */
function deeperThan(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth <= 0) return true;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (deeperThan(item, depth - 1)) return true;
  return false;
}

/** The parsed JSON value without whatever lies deeper than `depth` levels: itself when nothing does (LINE's events never do), else a copy. */
export function clipDepth(value: unknown, depth: number): unknown {
  return deeperThan(value, depth) ? clippedCopy(value, depth) : value;
}

function clippedCopy(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth <= 0) return undefined;
  if (Array.isArray(value)) return value.map((item) => clippedCopy(item, depth - 1) ?? null);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const clipped = clippedCopy(item, depth - 1);
    // defineProperty, not assignment: a "__proto__" key from JSON.parse must stay a plain key.
    if (clipped !== undefined) Object.defineProperty(copy, key, { value: clipped, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** Counters shown on /healthz. */
export interface InboxStats {
  accepted: number;
  duplicates: number;
  takenOver: number;
  missed: number;
  /** Events handled but whose finish could not be stored: taken over again later (their reply token is spent). */
  unfinished: number;
}

/** How the inbox runs. */
export interface EventInboxOptions {
  deps: BotDependencies;
  /** This process's name in leases; unique per process start by default. */
  owner?: string;
  leaseMs?: number;
  replyWindowMs?: number;
  takeOverIntervalMs?: number;
  /** Keeps track of background work so shutdown and tests can wait for it. */
  track: (work: Promise<unknown>) => void;
  now?: () => Date;
}

/** A field from outside, fit for a log line: strings cut short, anything else by its type. */
function printable(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value.slice(0, 128) : `(${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value})`;
}

/** A name for this process in leases: host, pid and a random part (a restarted pid is a new owner). */
export function processOwnerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * The durable inbox: the webhook stores verified events here before LINE gets its 200, then
 * handles them and marks them finished. Events a dead process left unfinished are taken over
 * (at start, and every few seconds when another process may die: the store's leases decide who
 * may take what) and answered while the reply token is still usable, else logged as missed.
 */
export class EventInbox {
  readonly owner: string;
  readonly #deps: BotDependencies;
  readonly #store: Store;
  readonly #leaseMs: number;
  readonly #replyWindowMs: number;
  readonly #intervalMs: number;
  readonly #track: (work: Promise<unknown>) => void;
  readonly #now: () => Date;
  readonly #stats: InboxStats = { accepted: 0, duplicates: 0, takenOver: 0, missed: 0, unfinished: 0 };
  #timers: NodeJS.Timeout[] = [];
  #takingOver: Promise<void> | null = null;
  #stopped = false;

  /** An inbox over `deps.store`. */
  constructor(options: EventInboxOptions) {
    this.#deps = options.deps;
    this.#store = options.deps.store;
    this.owner = options.owner ?? processOwnerName();
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#replyWindowMs = options.replyWindowMs ?? DEFAULT_REPLY_WINDOW_MS;
    this.#intervalMs = options.takeOverIntervalMs ?? DEFAULT_TAKE_OVER_INTERVAL_MS;
    this.#track = options.track;
    this.#now = options.now ?? (() => new Date());
  }

  /** What the inbox has done since start. */
  stats(): InboxStats {
    return { ...this.#stats };
  }

  /**
   * Stores a request's events before it is acknowledged; resolves with the new ones, to handle
   * once the 200 is sent. Malformed and standby events are left out; a redelivery is left out.
   * Rejects when the store cannot write: the caller must not acknowledge then.
   */
  async accept(events: readonly unknown[], requestId: string): Promise<InboxEvent[]> {
    const now = this.#now();
    const receivedAt = now.toISOString();
    const wanted: InboxEvent[] = [];
    for (const raw of events) {
      const checked = checkEvent(raw);
      if (checked.kind === 'invalid') {
        const fields = raw as { webhookEventId?: unknown; type?: unknown } | null;
        this.#deps.logger.warn('malformed event skipped', { requestId, webhookEventId: printable(fields?.webhookEventId), type: printable(fields?.type), reason: checked.reason });
        continue;
      }
      // Nothing is done for a type the bot does not use, so nothing is stored either.
      if (checked.kind === 'unhandled') continue;
      const { event } = checked;
      // In standby another channel (e.g. a staff chat module) owns the conversation.
      if (event.mode === 'standby') continue;
      wanted.push({ webhookEventId: event.webhookEventId, receivedAt, event: clipDepth(event, MAX_STORED_DEPTH) as webhook.Event });
    }
    if (wanted.length === 0) return [];
    const fresh = await this.#store.acceptEvents(wanted, this.owner, this.#leaseMs, now);
    this.#stats.accepted += fresh.length;
    this.#stats.duplicates += wanted.length - fresh.length;
    for (const event of wanted) {
      if (!fresh.includes(event)) this.#deps.logger.info('duplicate event skipped', { requestId, webhookEventId: event.webhookEventId, redelivery: (event.event as webhook.Event).deliveryContext?.isRedelivery ?? false });
    }
    return fresh;
  }

  /** Handles accepted events, each on its own (one failing never stops the others), and marks each finished. */
  async process(events: readonly InboxEvent[], requestId: string): Promise<InboxOutcome[]> {
    return Promise.all(events.map((event) => this.#processOne(event, requestId)));
  }

  /** Takes over what a dead process left, now and every interval; renews this process's leases. */
  start(): void {
    this.#stopped = false;
    this.#track(this.takeOver());
    const renew = setInterval(() => {
      void this.#store.renewLeases(this.owner, this.#leaseMs, this.#now()).catch((error: unknown) => this.#deps.logger.error('renewing inbox leases failed', { error: String(error) }));
    }, Math.max(250, Math.floor(this.#leaseMs / 3)));
    const scan = setInterval(() => this.#track(this.takeOver()), this.#intervalMs);
    renew.unref();
    scan.unref();
    this.#timers = [renew, scan];
  }

  /** Stops the timers; events in progress are left to the caller's idle(). */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
  }

  /** One pass: every event whose lease ran out is answered in time or recorded as missed. */
  takeOver(): Promise<void> {
    this.#takingOver ??= this.#takeOverPass().finally(() => {
      this.#takingOver = null;
    });
    return this.#takingOver;
  }

  async #takeOverPass(): Promise<void> {
    for (;;) {
      if (this.#stopped) return;
      let taken: InboxEvent[];
      try {
        taken = await this.#store.takeOverEvents(this.owner, this.#leaseMs, TAKE_OVER_BATCH, this.#now());
      } catch (error) {
        this.#deps.logger.error('taking over inbox events failed', { error: String(error) });
        return;
      }
      if (taken.length === 0) return;
      this.#stats.takenOver += taken.length;
      this.#deps.logger.warn('inbox events taken over from a process that stopped', { count: taken.length, owner: this.owner });
      await Promise.all(taken.map((event) => this.#processOne(event, 'take-over')));
      if (taken.length < TAKE_OVER_BATCH) return;
    }
  }

  async #processOne(stored: InboxEvent, requestId: string): Promise<InboxOutcome> {
    const event = stored.event as webhook.Event;
    const context = { requestId, webhookEventId: stored.webhookEventId, type: event.type };
    let outcome: InboxOutcome;
    const age = this.#now().getTime() - Date.parse(stored.receivedAt);
    if (age > this.#replyWindowMs) {
      outcome = 'missed';
      await this.#recordMissed(stored, age).catch((error: unknown) => this.#deps.logger.error('recording a missed event failed', { ...context, error: String(error) }));
    } else {
      outcome = await handleEvent(event, this.#deps, context, Date.parse(stored.receivedAt));
    }
    try {
      await this.#store.finishEvents([{ webhookEventId: stored.webhookEventId, outcome }], this.#now());
    } catch (error) {
      this.#stats.unfinished += 1;
      this.#deps.logger.error('finishing an inbox event failed', { ...context, outcome, error: String(error) });
    }
    return outcome;
  }

  async #recordMissed(stored: InboxEvent, ageMs: number): Promise<void> {
    const event = stored.event as webhook.Event;
    this.#stats.missed += 1;
    this.#deps.logger.error('event missed: its process stopped and its reply token has expired', { webhookEventId: stored.webhookEventId, type: event.type, ageMs });
    const origin = originOf(event.source, this.#deps.userHashSalt);
    const message = (event as Partial<webhook.MessageEvent>).message;
    await this.#store.appendLog({
      at: new Date(event.timestamp ?? Date.parse(stored.receivedAt)).toISOString(),
      userKey: origin.key,
      sourceType: this.#deps.sourceTypeOverride ?? origin.sourceType,
      text: message?.type === 'text' ? (message as webhook.TextMessageContent).text : `[${event.type}${message ? `:${message.type}` : ''}]`,
      intent: MISSED_EVENT_INTENT,
      answered: false,
      entryId: null,
      municipality: null,
      eventId: stored.webhookEventId,
    });
  }
}
