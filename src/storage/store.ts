/** Where a conversation happened; 'simulator' marks the local simulator, never LINE. */
export type SourceType = 'user' | 'group' | 'room' | 'simulator';

/** One question the bot received and what it did with it; answered=false marks an unanswered question. */
export interface LogEntry {
  /** ISO 8601 time the message arrived. */
  at: string;
  /** userKeyFor(source id): never a raw LINE id. */
  userKey: string;
  sourceType: SourceType;
  text: string;
  intent: string;
  answered: boolean;
  /** The knowledge entry the answer quoted, if any. */
  entryId: string | null;
  municipality: string | null;
  /** The webhook event this records: a second append for the same event is ignored (a taken-over event is handled again). */
  eventId?: string;
}

/**
 * The intent of the log entry for an event that was acknowledged but never answered: its process
 * stopped, and by the time another took it over the reply token had expired. Reports count these
 * apart from the questions.
 */
export const MISSED_EVENT_INTENT = 'missed';

/** A person's 👍/👎 on one answer. */
export interface FeedbackEntry {
  /** ISO 8601 time the feedback arrived. */
  at: string;
  userKey: string;
  entryId: string;
  helpful: boolean;
  /** The question that was answered, when the client sent it along. */
  query?: string;
  /** The webhook event this records: a second add for the same event is ignored. */
  eventId?: string;
}

/** A verified webhook event, stored before LINE gets its 200 and kept until it has been handled. */
export interface InboxEvent {
  webhookEventId: string;
  /** ISO time it was first stored: the reply token is usable for about a minute from about then. */
  receivedAt: string;
  /** The event as LINE sent it. */
  event: unknown;
}

/** How a handled inbox event ended, kept for diagnosis. */
export type InboxOutcome = 'handled' | 'ignored' | 'failed' | 'missed';

/** Whether the store can take writes now, and why not. */
export type StoreHealth = { ok: true } | { ok: false; reason: string };

/** A time range: `from` inclusive, `to` exclusive; a missing end is open. */
export interface Period {
  from?: Date;
  to?: Date;
}

/** Settings every store accepts. */
export interface StoreOptions {
  /** How long a claimed webhook event id blocks a redelivery; LINE redelivers for far less than the default. */
  eventTtlMs?: number;
}

/** Seven days: comfortably longer than LINE's webhook redelivery window. */
export const DEFAULT_EVENT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Everything the bot remembers. Every method that changes something resolves only once the
 * change is as durable as the store can make it, so a caller may acknowledge after the await.
 */
export interface Store {
  /** True the first time an event id is claimed (until it expires), false for a redelivery. */
  claimEvent(webhookEventId: string, now?: Date): Promise<boolean>;
  /** The municipality a person chose, or null. */
  getMunicipality(userKey: string): Promise<string | null>;
  /** Remembers the municipality a person chose. */
  setMunicipality(userKey: string, municipality: string): Promise<void>;
  /** Forgets a person's municipality (on unfollow). */
  forgetUser(userKey: string): Promise<void>;
  /** Records one question and its outcome. */
  appendLog(entry: LogEntry): Promise<void>;
  /** Log entries whose time falls in the period, oldest stored first. */
  listLogs(period?: Period): Promise<LogEntry[]>;
  /** Removes log entries older than the given time and says how many went. */
  pruneLogs(olderThan: Date): Promise<number>;
  /** Records one piece of feedback. */
  addFeedback(entry: FeedbackEntry): Promise<void>;
  /** Feedback whose time falls in the period, oldest stored first. */
  listFeedback(period?: Period): Promise<FeedbackEntry[]>;
  /** Removes feedback older than the given time and says how many went (feedback may hold the question). */
  pruneFeedback(olderThan: Date): Promise<number>;
  /**
   * Stores verified webhook events durably, in one write shared with concurrent callers, before
   * they are acknowledged. Resolves with the events not seen before (within the claim TTL), now
   * leased to `owner` until `now + leaseMs`; a redelivery or a repeat is left out.
   */
  acceptEvents(events: readonly InboxEvent[], owner: string, leaseMs: number, now?: Date): Promise<InboxEvent[]>;
  /** Unfinished events whose lease has run out (their process died), now leased to `owner`, oldest first. */
  takeOverEvents(owner: string, leaseMs: number, limit: number, now?: Date): Promise<InboxEvent[]>;
  /** Extends every lease `owner` holds on unfinished events; says how many. */
  renewLeases(owner: string, leaseMs: number, now?: Date): Promise<number>;
  /** Marks events handled (their stored copy is dropped); a later redelivery stays a duplicate. */
  finishEvents(finished: ReadonlyArray<{ webhookEventId: string; outcome: InboxOutcome }>, now?: Date): Promise<void>;
  /** Whether a write would succeed now; checks the disk or the database, at most every few seconds. */
  health(): Promise<StoreHealth>;
  /** Waits for pending writes; the store refuses further calls afterwards. */
  close(): Promise<void>;
}
