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
}

/** A person's 👍/👎 on one answer. */
export interface FeedbackEntry {
  /** ISO 8601 time the feedback arrived. */
  at: string;
  userKey: string;
  entryId: string;
  helpful: boolean;
  /** The question that was answered, when the client sent it along. */
  query?: string;
}

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
  /** Waits for pending writes; the store refuses further calls afterwards. */
  close(): Promise<void>;
}
