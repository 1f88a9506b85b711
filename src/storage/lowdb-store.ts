import path from 'node:path';
import { Low } from 'lowdb';
import { AtomicJsonFile, CorruptJsonFileError } from './atomic-json-file.js';
import { CoalescedFlush } from './coalesced-flush.js';
import { DAY_LOG_DIR_NAME, DayLogArchive } from './day-log-archive.js';
import { migrateV1 } from './migrate-v1.js';
import { quarantineFile } from './quarantine-file.js';
import type { RecordArchive } from './record-archive.js';
import { emptyStoreData, parseStoreData, UnrecognisedStoreDataError } from './store-data.js';
import type { StoreData, StoreDataV1 } from './store-data.js';
import { DEFAULT_EVENT_TTL_MS } from './store.js';
import type { FeedbackEntry, LogEntry, Period, Store, StoreOptions } from './store.js';

const CLAIM_SWEEP_INTERVAL_MS = 60_000;

/** Options for opening the store kept in a file. */
export interface OpenLowdbStoreOptions extends StoreOptions {
  /** Receives the warning when an unreadable file is moved aside; console.warn by default. */
  warn?: (message: string) => void;
  /** How many day documents of logs and feedback stay in memory. */
  daysInMemory?: number;
}

// An unparseable time would silently fall outside every period and escape pruning forever.
function assertTime(at: string, what: string): void {
  if (Number.isNaN(Date.parse(at))) throw new RangeError(`${what}.at is not a date: ${JSON.stringify(at)}`);
}

/**
 * The store's small mutable state (claims, municipalities) as one lowdb document, and its logs
 * and feedback in a separate archive, so that recording a message never rewrites the state and
 * vice versa. Changes to `db.data` are applied synchronously, which makes check-and-set race-free
 * within the process, then written through a coalesced flush: one write at a time, in order, and
 * each call resolves only after a write that contains its change. The archive gives the same
 * guarantee for its records.
 */
export class LowdbStore implements Store {
  readonly #db: Low<StoreData>;
  readonly #eventTtlMs: number;
  readonly #flush: CoalescedFlush;
  readonly #records: RecordArchive;
  // Claims whose write has not finished: a duplicate waits for it instead of answering early.
  readonly #claimsInFlight = new Map<string, Promise<void>>();
  #closed = false;
  #lastSweep = Number.NEGATIVE_INFINITY;

  /** Wraps a Low whose `data` has already been read and checked, and where logs and feedback are kept. */
  constructor(db: Low<StoreData>, records: RecordArchive, options: StoreOptions = {}) {
    const eventTtlMs = options.eventTtlMs ?? DEFAULT_EVENT_TTL_MS;
    if (!Number.isFinite(eventTtlMs) || eventTtlMs <= 0) throw new RangeError(`eventTtlMs must be a positive number, got ${eventTtlMs}`);
    this.#db = db;
    this.#eventTtlMs = eventTtlMs;
    this.#flush = new CoalescedFlush(() => db.write());
    this.#records = records;
  }

  /** True the first time an event id is claimed (until it expires), false for a redelivery. */
  async claimEvent(webhookEventId: string, now: Date = new Date()): Promise<boolean> {
    this.#assertOpen();
    const inFlight = this.#claimsInFlight.get(webhookEventId);
    if (inFlight) {
      // "Already claimed" must mean durably claimed; a claim whose write failed was undone, so try again.
      const firstClaimHeld = await inFlight.then(
        () => true,
        () => false,
      );
      return firstClaimHeld ? false : this.claimEvent(webhookEventId, now);
    }
    const events = this.#db.data.claimedEvents;
    // Claim times come from toISOString, so comparing strings compares times without parsing each one.
    const cutoff = new Date(now.getTime() - this.#eventTtlMs).toISOString();
    const claimedAt = Object.hasOwn(events, webhookEventId) ? events[webhookEventId] : undefined;
    if (claimedAt !== undefined && claimedAt > cutoff) return false;
    // Expired claims are swept at most once a minute: sweeping on every claim made each claim
    // cost as much as the number of claims kept (seven days' worth), which showed in profiles.
    if (now.getTime() - this.#lastSweep >= CLAIM_SWEEP_INTERVAL_MS) {
      this.#lastSweep = now.getTime();
      for (const [id, at] of Object.entries(events)) if (at <= cutoff) delete events[id];
    }
    const stamp = now.toISOString();
    events[webhookEventId] = stamp;
    const written = this.#flush.request();
    this.#claimsInFlight.set(webhookEventId, written);
    try {
      await written;
      return true;
    } catch (error) {
      // The caller will not acknowledge, so the redelivery must be able to claim the event.
      if (events[webhookEventId] === stamp) delete events[webhookEventId];
      throw error;
    } finally {
      this.#claimsInFlight.delete(webhookEventId);
    }
  }

  /** The municipality a person chose, or null. */
  async getMunicipality(userKey: string): Promise<string | null> {
    this.#assertOpen();
    const { municipalities } = this.#db.data;
    return Object.hasOwn(municipalities, userKey) ? (municipalities[userKey] ?? null) : null;
  }

  /** Remembers the municipality a person chose. */
  async setMunicipality(userKey: string, municipality: string): Promise<void> {
    this.#assertOpen();
    this.#db.data.municipalities[userKey] = municipality;
    await this.#flush.request();
  }

  /** Forgets a person's municipality (on unfollow). */
  async forgetUser(userKey: string): Promise<void> {
    this.#assertOpen();
    delete this.#db.data.municipalities[userKey];
    // Written even when nothing was removed: an earlier set for this user may still be on its way to disk.
    await this.#flush.request();
  }

  /** Records one question and its outcome. */
  async appendLog(entry: LogEntry): Promise<void> {
    this.#assertOpen();
    assertTime(entry.at, 'log entry');
    await this.#records.append('logs', { ...entry });
  }

  /** Log entries whose time falls in the period, oldest stored first. */
  async listLogs(period: Period = {}): Promise<LogEntry[]> {
    this.#assertOpen();
    return (await this.#records.list('logs', period)).map((entry) => ({ ...entry }));
  }

  /** Removes log entries older than the given time and says how many went. */
  async pruneLogs(olderThan: Date): Promise<number> {
    this.#assertOpen();
    return this.#records.prune('logs', olderThan);
  }

  /** Records one piece of feedback. */
  async addFeedback(entry: FeedbackEntry): Promise<void> {
    this.#assertOpen();
    assertTime(entry.at, 'feedback');
    await this.#records.append('feedback', { ...entry });
  }

  /** Feedback whose time falls in the period, oldest stored first. */
  async listFeedback(period: Period = {}): Promise<FeedbackEntry[]> {
    this.#assertOpen();
    return (await this.#records.list('feedback', period)).map((entry) => ({ ...entry }));
  }

  /** Removes feedback older than the given time and says how many went (feedback may hold the question). */
  async pruneFeedback(olderThan: Date): Promise<number> {
    this.#assertOpen();
    return this.#records.prune('feedback', olderThan);
  }

  /** Waits for pending writes; the store refuses further calls afterwards. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([this.#flush.idle(), this.#records.idle()]);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('store is closed');
  }
}

/** Opens the store kept in `file` and the day files in `dx-navi-log/` beside it, migrating a version-1 file first; an unreadable file is moved aside, never overwritten. */
export async function openLowdbStore(file: string, options: OpenLowdbStoreOptions = {}): Promise<LowdbStore> {
  const warn = options.warn ?? console.warn;
  const logDir = path.join(path.dirname(file), DAY_LOG_DIR_NAME);
  const db = new Low<StoreData>(new AtomicJsonFile<StoreData>(file), emptyStoreData());
  let data: StoreData | StoreDataV1 = emptyStoreData();
  try {
    const raw: unknown = await db.adapter.read();
    if (raw !== null) data = parseStoreData(raw);
  } catch (error) {
    // A newer schema version is deliberately not caught: starting empty would hide that data.
    if (!(error instanceof CorruptJsonFileError || error instanceof UnrecognisedStoreDataError)) throw error;
    const aside = await quarantineFile(file);
    warn(`storage: ${error.message}; moved it to ${aside} and started empty`);
  }
  if (data.version === 1) await migrateV1(data, db, logDir, warn);
  else db.data = data;
  const archiveOptions = options.daysInMemory === undefined ? { warn } : { warn, daysInMemory: options.daysInMemory };
  return new LowdbStore(db, new DayLogArchive(logDir, archiveOptions), options);
}
