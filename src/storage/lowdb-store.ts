import path from 'node:path';
import { Low } from 'lowdb';
import { AtomicJsonFile } from './atomic-json-file.js';
import { CLAIM_JOURNAL_FILE_NAME, openClaimJournal } from './claim-journal-file.js';
import type { ClaimLedger } from './claim-ledger.js';
import { CoalescedFlush } from './coalesced-flush.js';
import { DAY_LOG_DIR_NAME, DayLogArchive } from './day-log-archive.js';
import { migrateV1 } from './migrate-v1.js';
import { openInboxJournal } from './inbox-journal-file.js';
import { InboxJournal } from './inbox-journal.js';
import { NO_JOURNAL } from './journal-file.js';
import { readMainDocument } from './main-file-recovery.js';
import type { RecordArchive } from './record-archive.js';
import { claimsOf, emptyStoreData, STORE_DATA_VERSION } from './store-data.js';
import type { StoreData } from './store-data.js';
import { DEFAULT_EVENT_TTL_MS } from './store.js';
import type { FeedbackEntry, InboxEvent, InboxOutcome, LogEntry, Period, Store, StoreHealth, StoreOptions } from './store.js';
import { CachedHealth, probeDirectory } from './write-probe.js';

const CLAIM_SWEEP_INTERVAL_MS = 60_000;
/** How often the claims of finished events move from the inbox file into the claim journal. */
const FOLD_INTERVAL_MS = 5000;

/** Options for opening the store kept in a file. */
export interface OpenLowdbStoreOptions extends StoreOptions {
  /** Receives the warning when a damaged file is recovered from or moved aside; console.warn by default. */
  warn?: (message: string) => void;
  /** How many days of logs and feedback stay in memory. */
  daysInMemory?: number;
}

/** What a LowdbStore is made of beyond its main document and records. */
export interface LowdbStoreParts extends StoreOptions {
  /** The inbox (events acknowledged but not yet handled); in memory when absent. */
  inbox?: InboxJournal;
  /** Checks that the store's files can be written; always healthy when absent (in memory). */
  probe?: () => Promise<StoreHealth>;
}

interface Lease {
  owner: string;
  until: number;
}

// An unparseable time would silently fall outside every period and escape pruning forever.
function assertTime(at: string, what: string): void {
  if (Number.isNaN(Date.parse(at))) throw new RangeError(`${what}.at is not a date: ${JSON.stringify(at)}`);
}

/**
 * The store's small mutable state (each person's municipality) as one lowdb document, claimed
 * event ids in an append-only ledger, the webhook inbox in an append-only journal, and logs and
 * feedback in a separate archive, so that neither an event nor a message ever rewrites a
 * document, and no write grows with the others. Changes are applied in memory synchronously,
 * which makes check-and-set race-free within the process, then written through a coalesced
 * flush: one write at a time, in order, and each call resolves only after a write that contains
 * its change.
 */
export class LowdbStore implements Store {
  readonly #db: Low<StoreData>;
  readonly #eventTtlMs: number;
  readonly #flush: CoalescedFlush;
  readonly #records: RecordArchive;
  readonly #claims: ClaimLedger;
  // Claims whose write has not finished: a duplicate waits for it instead of answering early.
  readonly #claimsInFlight = new Map<string, Promise<void>>();
  readonly #inbox: InboxJournal;
  // Accepts whose inbox write has not finished: a repeat waits for it before it is called a duplicate.
  readonly #acceptsInFlight = new Map<string, Promise<void>>();
  // Leases live in memory only: one process owns the files, so whatever is in the inbox when they
  // are opened was left by a process that died, and is free to take over at once.
  readonly #leases = new Map<string, Lease>();
  readonly #health: CachedHealth;
  #foldTimer: NodeJS.Timeout | null = null;
  #folding: Promise<void> | null = null;
  #closed = false;
  #lastSweep = Number.NEGATIVE_INFINITY;

  /** Wraps a Low whose `data` has already been read and checked, where logs and feedback are kept, and the claimed event ids. */
  constructor(db: Low<StoreData>, records: RecordArchive, claims: ClaimLedger, options: LowdbStoreParts = {}) {
    const eventTtlMs = options.eventTtlMs ?? DEFAULT_EVENT_TTL_MS;
    if (!Number.isFinite(eventTtlMs) || eventTtlMs <= 0) throw new RangeError(`eventTtlMs must be a positive number, got ${eventTtlMs}`);
    this.#db = db;
    this.#eventTtlMs = eventTtlMs;
    this.#flush = new CoalescedFlush(() => db.write());
    this.#records = records;
    this.#claims = claims;
    this.#inbox = options.inbox ?? new InboxJournal(NO_JOURNAL);
    const probe = options.probe ?? (async (): Promise<StoreHealth> => ({ ok: true }));
    this.#health = new CachedHealth(probe);
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
    this.#sweepClaims(now, cutoff);
    const stamp = now.getTime();
    const written = this.#claims.add(webhookEventId, stamp).catch((error: unknown) => this.#failed(error));
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

  /** Stores new events in the inbox journal (one append for every accept waiting), claiming them; resolves with the new ones. */
  async acceptEvents(events: readonly InboxEvent[], owner: string, leaseMs: number, now: Date = new Date()): Promise<InboxEvent[]> {
    this.#assertOpen();
    const cutoff = now.getTime() - this.#eventTtlMs;
    this.#sweepClaims(now, cutoff);
    const fresh: InboxEvent[] = [];
    const waits: Promise<void>[] = [];
    for (const event of events) {
      const id = event.webhookEventId;
      const inFlight = this.#acceptsInFlight.get(id);
      if (inFlight) waits.push(inFlight);
      if (inFlight || this.#inbox.has(id)) continue;
      const claimedAt = this.#claims.claimedAt(id);
      if (claimedAt !== undefined && claimedAt > cutoff) continue;
      this.#inbox.accept(id, { receivedAt: event.receivedAt, event: event.event });
      this.#leases.set(id, { owner, until: now.getTime() + leaseMs });
      fresh.push(event);
    }
    if (fresh.length > 0) {
      const written = this.#write(this.#inbox.write());
      for (const event of fresh) this.#acceptsInFlight.set(event.webhookEventId, written);
      try {
        await written;
      } catch (error) {
        // Not acknowledged, so LINE redelivers: the redelivery must find nothing of this attempt.
        this.#inbox.unaccept(fresh.map((event) => event.webhookEventId));
        for (const { webhookEventId: id } of fresh) this.#leases.delete(id);
        throw error;
      } finally {
        for (const event of fresh) this.#acceptsInFlight.delete(event.webhookEventId);
      }
    }
    // A repeat of an event still being written is acknowledged only once that write is on disk.
    await Promise.all(waits.map((wait) => wait.catch(() => undefined)));
    return fresh;
  }

  /** Unfinished inbox events no live lease holds, leased to `owner`, in the order received. */
  async takeOverEvents(owner: string, leaseMs: number, limit: number, now: Date = new Date()): Promise<InboxEvent[]> {
    this.#assertOpen();
    const taken: InboxEvent[] = [];
    for (const [id, record] of this.#inbox.pending()) {
      if (taken.length >= limit) break;
      const lease = this.#leases.get(id);
      if (lease && lease.until > now.getTime()) continue;
      this.#leases.set(id, { owner, until: now.getTime() + leaseMs });
      taken.push({ webhookEventId: id, receivedAt: record.receivedAt, event: record.event });
    }
    return taken;
  }

  /** Extends `owner`'s leases; they live in memory, so nothing is written. */
  async renewLeases(owner: string, leaseMs: number, now: Date = new Date()): Promise<number> {
    this.#assertOpen();
    let renewed = 0;
    for (const lease of this.#leases.values()) {
      if (lease.owner !== owner) continue;
      lease.until = now.getTime() + leaseMs;
      renewed += 1;
    }
    return renewed;
  }

  /**
   * Marks events handled, with one line each in the inbox journal; their claims reach the claim
   * journal with the next fold, a few seconds later.
   */
  async finishEvents(finished: ReadonlyArray<{ webhookEventId: string; outcome: InboxOutcome }>, now: Date = new Date()): Promise<void> {
    this.#assertOpen();
    if (finished.length === 0) return;
    for (const { webhookEventId: id } of finished) {
      this.#inbox.finish(id, now.getTime());
      this.#leases.delete(id);
    }
    await this.#write(this.#inbox.write());
    this.#scheduleFold();
  }

  /** Moves the claims of finished events into the claim journal, then drops them from the inbox journal. */
  async foldFinished(): Promise<void> {
    await this.#inbox.foldInto(this.#claims).catch((error: unknown) => this.#failed(error));
  }

  #scheduleFold(): void {
    if (this.#foldTimer || this.#closed) return;
    this.#foldTimer = setTimeout(() => {
      this.#foldTimer = null;
      this.#folding = this.foldFinished()
        .catch(() => this.#scheduleFold())
        .finally(() => {
          this.#folding = null;
        });
    }, FOLD_INTERVAL_MS);
    this.#foldTimer.unref();
  }

  /** Whether the data directory takes writes (checked at most every few seconds; a failed write counts at once). */
  health(): Promise<StoreHealth> {
    return this.#health.get();
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
    await this.#write(this.#flush.request());
  }

  /** Forgets a person's municipality (on unfollow). */
  async forgetUser(userKey: string): Promise<void> {
    this.#assertOpen();
    delete this.#db.data.municipalities[userKey];
    // Written even when nothing was removed: an earlier set for this user may still be on its way to disk.
    await this.#write(this.#flush.request());
  }

  /** Records one question and its outcome. */
  async appendLog(entry: LogEntry): Promise<void> {
    this.#assertOpen();
    assertTime(entry.at, 'log entry');
    await this.#records.append('logs', { ...entry }).catch((error: unknown) => this.#failed(error));
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
    await this.#records.append('feedback', { ...entry }).catch((error: unknown) => this.#failed(error));
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
    if (this.#foldTimer) clearTimeout(this.#foldTimer);
    this.#foldTimer = null;
    const wasOpen = !this.#closed;
    this.#closed = true;
    await this.#folding;
    await Promise.all([this.#flush.idle(), this.#inbox.idle(), this.#records.idle()]);
    // A clean stop leaves every claim in the journal and an empty inbox.
    if (wasOpen) await this.foldFinished().catch(() => undefined);
    await Promise.all([this.#claims.close(), this.#inbox.close(), this.#records.close()]);
  }

  // Expired claims are swept at most once a minute: sweeping on every claim made each claim
  // cost as much as the number of claims kept (seven days' worth), which showed in profiles.
  #sweepClaims(now: Date, cutoff: number): void {
    if (now.getTime() - this.#lastSweep < CLAIM_SWEEP_INTERVAL_MS) return;
    this.#lastSweep = now.getTime();
    this.#claims.expire(cutoff);
  }

  #write(written: Promise<void>): Promise<void> {
    return written.catch((error: unknown) => this.#failed(error));
  }

  #failed(error: unknown): never {
    this.#health.failed(error);
    throw error;
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
  const inbox = await openInboxJournal(dir, warn);
  return new LowdbStore(db, new DayLogArchive(logDir, archiveOptions), ledger, { ...options, inbox, probe: () => probeDirectory(dir) });
}
