import path from 'node:path';
import { Low } from 'lowdb';
import { AtomicJsonFile } from './atomic-json-file.js';
import { CLAIM_JOURNAL_FILE_NAME, openClaimJournal } from './claim-journal-file.js';
import type { ClaimLedger } from './claim-ledger.js';
import { CoalescedFlush } from './coalesced-flush.js';
import { DAY_LOG_DIR_NAME, DayLogArchive } from './day-log-archive.js';
import { migrateV1 } from './migrate-v1.js';
import { readMainDocument } from './main-file-recovery.js';
import type { RecordArchive } from './record-archive.js';
import { claimsOf, emptyStoreData, STORE_DATA_VERSION } from './store-data.js';
import type { StoreData } from './store-data.js';
import { DEFAULT_EVENT_TTL_MS } from './store.js';
import type { FeedbackEntry, LogEntry, Period, Store, StoreOptions } from './store.js';

const CLAIM_SWEEP_INTERVAL_MS = 60_000;

/** Options for opening the store kept in a file. */
export interface OpenLowdbStoreOptions extends StoreOptions {
  /** Receives the warning when a damaged file is recovered from or moved aside; console.warn by default. */
  warn?: (message: string) => void;
  /** How many day documents of logs and feedback stay in memory. */
  daysInMemory?: number;
}

// An unparseable time would silently fall outside every period and escape pruning forever.
function assertTime(at: string, what: string): void {
  if (Number.isNaN(Date.parse(at))) throw new RangeError(`${what}.at is not a date: ${JSON.stringify(at)}`);
}

/**
 * The store's small mutable state (each person's municipality) as one lowdb document, claimed
 * event ids in an append-only ledger, and logs and feedback in a separate archive, so that
 * neither a claim nor a message ever rewrites the document, and no write grows with the others. Changes to `db.data` are applied synchronously, which makes check-and-set race-free
 * within the process, then written through a coalesced flush: one write at a time, in order, and
 * each call resolves only after a write that contains its change. The archive gives the same
 * guarantee for its records.
 */
export class LowdbStore implements Store {
  readonly #db: Low<StoreData>;
  readonly #eventTtlMs: number;
  readonly #flush: CoalescedFlush;
  readonly #records: RecordArchive;
  readonly #claims: ClaimLedger;
  // Claims whose write has not finished: a duplicate waits for it instead of answering early.
  readonly #claimsInFlight = new Map<string, Promise<void>>();
  #closed = false;
  #lastSweep = Number.NEGATIVE_INFINITY;

  /** Wraps a Low whose `data` has already been read and checked, where logs and feedback are kept, and the claimed event ids. */
  constructor(db: Low<StoreData>, records: RecordArchive, claims: ClaimLedger, options: StoreOptions = {}) {
    const eventTtlMs = options.eventTtlMs ?? DEFAULT_EVENT_TTL_MS;
    if (!Number.isFinite(eventTtlMs) || eventTtlMs <= 0) throw new RangeError(`eventTtlMs must be a positive number, got ${eventTtlMs}`);
    this.#db = db;
    this.#eventTtlMs = eventTtlMs;
    this.#flush = new CoalescedFlush(() => db.write());
    this.#records = records;
    this.#claims = claims;
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
    const cutoff = now.getTime() - this.#eventTtlMs;
    const claimedAt = this.#claims.claimedAt(webhookEventId);
    if (claimedAt !== undefined && claimedAt > cutoff) return false;
    // Expired claims are swept at most once a minute: sweeping on every claim made each claim
    // cost as much as the number of claims kept (seven days' worth), which showed in profiles.
    if (now.getTime() - this.#lastSweep >= CLAIM_SWEEP_INTERVAL_MS) {
      this.#lastSweep = now.getTime();
      this.#claims.expire(cutoff);
    }
    const stamp = now.getTime();
    const written = this.#claims.add(webhookEventId, stamp);
    this.#claimsInFlight.set(webhookEventId, written);
    try {
      await written;
      return true;
    } catch (error) {
      // The caller will not acknowledge, so the redelivery must be able to claim the event.
      this.#claims.undo(webhookEventId, stamp);
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
    await Promise.all([this.#flush.idle(), this.#records.idle(), this.#claims.close()]);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('store is closed');
  }
}

/**
 * Opens the store kept in `file`, the claim journal and the day files in `dx-navi-log/` beside
 * it, migrating an older file first. A damaged main file is recovered from (see
 * main-file-recovery.ts) or the open fails with StoreFileUnreadableError; it never starts empty.
 */
export async function openLowdbStore(file: string, options: OpenLowdbStoreOptions = {}): Promise<LowdbStore> {
  const warn = options.warn ?? console.warn;
  const dir = path.dirname(file);
  const logDir = path.join(dir, DAY_LOG_DIR_NAME);
  const db = new Low<StoreData>(new AtomicJsonFile<StoreData>(file, { keepPrevious: true }), emptyStoreData());
  const { data, recovered } = await readMainDocument(file);
  if (recovered) {
    const kept = recovered.damagedCopy ? `; the damaged file is kept as ${recovered.damagedCopy}` : '';
    warn(`storage: ${file}: ${recovered.reason}; recovered ${recovered.municipalities} remembered cities from its ${recovered.from}${kept}`);
  }
  if (data?.version === 1) await migrateV1(data, logDir, warn);
  // Commit point of every migration: the claims are in the journal before the main file stops holding them.
  const { ledger, unreadable } = await openClaimJournal(path.join(dir, CLAIM_JOURNAL_FILE_NAME), Date.now() - (options.eventTtlMs ?? DEFAULT_EVENT_TTL_MS), data ? claimsOf(data) : new Map());
  if (unreadable > 0) warn(`storage: skipped ${unreadable} unreadable line(s) of ${CLAIM_JOURNAL_FILE_NAME} (a write cut short by a crash leaves one); a redelivery of those events could be answered again`);
  db.data = data ? { version: STORE_DATA_VERSION, municipalities: data.municipalities } : emptyStoreData();
  if (data && (data.version !== STORE_DATA_VERSION || recovered)) await db.write();
  const archiveOptions = options.daysInMemory === undefined ? { warn } : { warn, daysInMemory: options.daysInMemory };
  return new LowdbStore(db, new DayLogArchive(logDir, archiveOptions), ledger, options);
}
