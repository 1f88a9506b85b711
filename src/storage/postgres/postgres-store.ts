import pg from 'pg';
import type { Pool, PoolConfig } from 'pg';
import { DEFAULT_EVENT_TTL_MS } from '../store.js';
import type { FeedbackEntry, InboxEvent, InboxOutcome, LogEntry, Period, SourceType, Store, StoreHealth, StoreOptions } from '../store.js';
import { CachedHealth } from '../write-probe.js';
import { WriteBatcher } from '../write-batcher.js';
import { migrate } from './migrate.js';

const SWEEP_INTERVAL_MS = 60_000;

/** How the PostgreSQL store connects. */
export interface OpenPostgresStoreOptions extends StoreOptions {
  /** postgres://user:password@host:port/database (DATABASE_URL). */
  connectionString: string;
  /** Connections this process keeps at most (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** Shown in pg_stat_activity, so an operator can tell instances apart. */
  applicationName?: string;
  /** Receives errors of idle connections (the server restarted, the network dropped). */
  onPoolError?: (error: Error) => void;
}

/** Default connections per process: a handful serve one process's batched writes. */
export const DEFAULT_POOL_SIZE = 5;

// An unparseable time would silently fall outside every period and escape pruning forever.
function assertTime(at: string, what: string): void {
  if (Number.isNaN(Date.parse(at))) throw new RangeError(`${what}.at is not a date: ${JSON.stringify(at)}`);
}

interface AcceptItem {
  event: InboxEvent;
  owner: string;
  leaseUntil: Date;
}

interface LogRow {
  at_text: string;
  user_key: string;
  source_type: SourceType;
  text: string;
  intent: string;
  answered: boolean;
  entry_id: string | null;
  municipality: string | null;
  event_id: string | null;
}

interface FeedbackRow {
  at_text: string;
  user_key: string;
  entry_id: string;
  helpful: boolean;
  query: string | null;
  event_id: string | null;
}

function logOf(row: LogRow): LogEntry {
  const entry: LogEntry = {
    at: row.at_text,
    userKey: row.user_key,
    sourceType: row.source_type,
    text: row.text,
    intent: row.intent,
    answered: row.answered,
    entryId: row.entry_id,
    municipality: row.municipality,
  };
  if (row.event_id !== null) entry.eventId = row.event_id;
  return entry;
}

function feedbackOf(row: FeedbackRow): FeedbackEntry {
  const entry: FeedbackEntry = { at: row.at_text, userKey: row.user_key, entryId: row.entry_id, helpful: row.helpful };
  if (row.query !== null) entry.query = row.query;
  if (row.event_id !== null) entry.eventId = row.event_id;
  return entry;
}

/** `at >= from AND at < to` for whichever ends the period has, with its parameters. */
function periodClause(period: Period): { where: string; params: Date[] } {
  const conditions: string[] = [];
  const params: Date[] = [];
  if (period.from) {
    params.push(period.from);
    conditions.push(`at >= $${params.length}`);
  }
  if (period.to) {
    params.push(period.to);
    conditions.push(`at < $${params.length}`);
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/**
 * The store in PostgreSQL, shared by every process of the bot. Event claims are exactly-once across
 * processes by the primary key (`INSERT … ON CONFLICT`); the inbox hands unfinished events of a
 * dead process to a live one with leases and `FOR UPDATE SKIP LOCKED`. The writes the webhook makes
 * for every event (accepting, logging, finishing) are batched across concurrent callers, so under
 * load one round trip carries many events.
 */
export class PostgresStore implements Store {
  /** The connection pool, shared with the knowledge edit log. */
  readonly pool: Pool;
  readonly #eventTtlMs: number;
  readonly #health: CachedHealth;
  readonly #accepts: WriteBatcher<AcceptItem, boolean>;
  readonly #logs: WriteBatcher<LogEntry, void>;
  readonly #finishes: WriteBatcher<{ webhookEventId: string; outcome: InboxOutcome; at: Date }, void>;
  readonly #municipalityReads: WriteBatcher<string, string | null>;
  // Statements still running: close waits for them before it ends the pool.
  readonly #inFlight = new Set<Promise<unknown>>();
  #closed = false;
  #lastSweep = Number.NEGATIVE_INFINITY;

  /** Wraps a pool whose database has been migrated. */
  constructor(pool: Pool, options: StoreOptions = {}) {
    const eventTtlMs = options.eventTtlMs ?? DEFAULT_EVENT_TTL_MS;
    if (!Number.isFinite(eventTtlMs) || eventTtlMs <= 0) throw new RangeError(`eventTtlMs must be a positive number, got ${eventTtlMs}`);
    this.pool = pool;
    this.#eventTtlMs = eventTtlMs;
    this.#health = new CachedHealth(() => this.#check());
    this.#accepts = new WriteBatcher((items) => this.#insertInbox(items));
    this.#logs = new WriteBatcher((entries) => this.#insertLogs(entries));
    this.#finishes = new WriteBatcher((items) => this.#markFinished(items));
    // Every text message reads its sender's city: one SELECT serves all the reads waiting.
    this.#municipalityReads = new WriteBatcher((userKeys) => this.#readMunicipalities(userKeys));
  }

  /** True the first time an event id is claimed (until it expires), false for a redelivery. */
  async claimEvent(webhookEventId: string, now: Date = new Date()): Promise<boolean> {
    this.#assertOpen();
    const cutoff = new Date(now.getTime() - this.#eventTtlMs);
    this.#sweep(now, cutoff);
    // The key makes the claim exactly-once across processes; an expired claim is taken over in the same statement.
    const { rowCount } = await this.#query(
      `INSERT INTO event_claims (event_id, claimed_at) VALUES ($1, $2)
       ON CONFLICT (event_id) DO UPDATE SET claimed_at = EXCLUDED.claimed_at WHERE event_claims.claimed_at <= $3`,
      [webhookEventId, now, cutoff],
    );
    return rowCount === 1;
  }

  /** Stores new events in the inbox (one INSERT for every accept waiting); resolves with the new ones. */
  async acceptEvents(events: readonly InboxEvent[], owner: string, leaseMs: number, now: Date = new Date()): Promise<InboxEvent[]> {
    this.#assertOpen();
    this.#sweep(now, new Date(now.getTime() - this.#eventTtlMs));
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const accepted = await Promise.all(events.map((event) => this.#accepts.add({ event, owner, leaseUntil })));
    return events.filter((_, index) => accepted[index]);
  }

  /** Unfinished events whose lease has run out, leased to `owner`; rows another process is taking are skipped, not waited for. */
  async takeOverEvents(owner: string, leaseMs: number, limit: number, now: Date = new Date()): Promise<InboxEvent[]> {
    this.#assertOpen();
    const { rows } = await this.#query<{ event_id: string; received_at: Date; payload: unknown }>(
      `UPDATE inbox SET owner = $1, lease_until = $2
       WHERE event_id IN (
         SELECT event_id FROM inbox WHERE finished_at IS NULL AND lease_until <= $3
         ORDER BY received_at LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING event_id, received_at, payload`,
      [owner, new Date(now.getTime() + leaseMs), now, limit],
    );
    return rows
      .sort((a, b) => a.received_at.getTime() - b.received_at.getTime())
      .map((row) => ({ webhookEventId: row.event_id, receivedAt: row.received_at.toISOString(), event: row.payload }));
  }

  /** Extends every lease `owner` holds on unfinished events. */
  async renewLeases(owner: string, leaseMs: number, now: Date = new Date()): Promise<number> {
    this.#assertOpen();
    const { rowCount } = await this.#query('UPDATE inbox SET lease_until = $2 WHERE owner = $1 AND finished_at IS NULL', [owner, new Date(now.getTime() + leaseMs)]);
    return rowCount ?? 0;
  }

  /** Marks events finished and drops their payload (batched with concurrent callers). */
  async finishEvents(finished: ReadonlyArray<{ webhookEventId: string; outcome: InboxOutcome }>, now: Date = new Date()): Promise<void> {
    this.#assertOpen();
    await Promise.all(finished.map((item) => this.#finishes.add({ ...item, at: now })));
  }

  /** Whether the database answers and takes writes (checked at most every few seconds; a failed write counts at once). */
  health(): Promise<StoreHealth> {
    return this.#health.get();
  }

  /** The municipality a person chose, or null. */
  async getMunicipality(userKey: string): Promise<string | null> {
    this.#assertOpen();
    return this.#municipalityReads.add(userKey);
  }

  async #readMunicipalities(userKeys: string[]): Promise<Array<string | null>> {
    const { rows } = await this.#query<{ user_key: string; municipality: string }>('SELECT user_key, municipality FROM municipalities WHERE user_key = ANY($1)', [[...new Set(userKeys)]]);
    const found = new Map(rows.map((row) => [row.user_key, row.municipality]));
    return userKeys.map((key) => found.get(key) ?? null);
  }

  /** Remembers the municipality a person chose. */
  async setMunicipality(userKey: string, municipality: string): Promise<void> {
    this.#assertOpen();
    await this.#query(
      `INSERT INTO municipalities (user_key, municipality, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (user_key) DO UPDATE SET municipality = EXCLUDED.municipality, updated_at = EXCLUDED.updated_at`,
      [userKey, municipality],
    );
  }

  /** Forgets a person's municipality (on unfollow). */
  async forgetUser(userKey: string): Promise<void> {
    this.#assertOpen();
    await this.#query('DELETE FROM municipalities WHERE user_key = $1', [userKey]);
  }

  /** Records one question and its outcome (batched with concurrent callers; a second entry for one event is ignored). */
  async appendLog(entry: LogEntry): Promise<void> {
    this.#assertOpen();
    assertTime(entry.at, 'log entry');
    await this.#logs.add({ ...entry });
  }

  /** Log entries whose time falls in the period, in the order stored. */
  async listLogs(period: Period = {}): Promise<LogEntry[]> {
    this.#assertOpen();
    const { where, params } = periodClause(period);
    const { rows } = await this.#query<LogRow>(
      `SELECT at_text, user_key, source_type, text, intent, answered, entry_id, municipality, event_id FROM conversation_logs ${where} ORDER BY id`,
      params,
    );
    return rows.map(logOf);
  }

  /** Deletes log entries older than the given time and says how many went. */
  async pruneLogs(olderThan: Date): Promise<number> {
    this.#assertOpen();
    return (await this.#query('DELETE FROM conversation_logs WHERE at < $1', [olderThan])).rowCount ?? 0;
  }

  /** Records one piece of feedback; a second one for the same event is ignored. */
  async addFeedback(entry: FeedbackEntry): Promise<void> {
    this.#assertOpen();
    assertTime(entry.at, 'feedback');
    await this.#query(
      `INSERT INTO feedback (at, at_text, user_key, entry_id, helpful, query, event_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (event_id) DO NOTHING`,
      [new Date(entry.at), entry.at, entry.userKey, entry.entryId, entry.helpful, entry.query ?? null, entry.eventId ?? null],
    );
  }

  /** Feedback whose time falls in the period, in the order stored. */
  async listFeedback(period: Period = {}): Promise<FeedbackEntry[]> {
    this.#assertOpen();
    const { where, params } = periodClause(period);
    const { rows } = await this.#query<FeedbackRow>(`SELECT at_text, user_key, entry_id, helpful, query, event_id FROM feedback ${where} ORDER BY id`, params);
    return rows.map(feedbackOf);
  }

  /** Deletes feedback older than the given time and says how many went. */
  async pruneFeedback(olderThan: Date): Promise<number> {
    this.#assertOpen();
    return (await this.#query('DELETE FROM feedback WHERE at < $1', [olderThan])).rowCount ?? 0;
  }

  /** Waits for batched writes, then closes the pool; the store refuses further calls afterwards. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([this.#accepts.idle(), this.#logs.idle(), this.#finishes.idle(), this.#municipalityReads.idle()]);
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
    await this.pool.end();
  }

  async #insertInbox(items: AcceptItem[]): Promise<boolean[]> {
    // The first of two items for one id is the one that may win; the other is a repeat.
    const first = new Map<string, number>();
    items.forEach((item, index) => {
      if (!first.has(item.event.webhookEventId)) first.set(item.event.webhookEventId, index);
    });
    const unique = [...first.values()].map((index) => items[index]!);
    const { rows } = await this.#query<{ event_id: string }>(
      `INSERT INTO inbox (event_id, received_at, payload, owner, lease_until)
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::jsonb[], $4::text[], $5::timestamptz[])
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [
        unique.map((item) => item.event.webhookEventId),
        unique.map((item) => item.event.receivedAt),
        unique.map((item) => JSON.stringify(item.event.event)),
        unique.map((item) => item.owner),
        unique.map((item) => item.leaseUntil),
      ],
    );
    const inserted = new Set(rows.map((row) => row.event_id));
    return items.map((item, index) => inserted.has(item.event.webhookEventId) && first.get(item.event.webhookEventId) === index);
  }

  async #insertLogs(entries: LogEntry[]): Promise<void[]> {
    await this.#query(
      `INSERT INTO conversation_logs (at, at_text, user_key, source_type, text, intent, answered, entry_id, municipality, event_id)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[], $9::text[], $10::text[])
       ON CONFLICT (event_id) DO NOTHING`,
      [
        entries.map((entry) => new Date(entry.at)),
        entries.map((entry) => entry.at),
        entries.map((entry) => entry.userKey),
        entries.map((entry) => entry.sourceType),
        entries.map((entry) => entry.text),
        entries.map((entry) => entry.intent),
        entries.map((entry) => entry.answered),
        entries.map((entry) => entry.entryId),
        entries.map((entry) => entry.municipality),
        entries.map((entry) => entry.eventId ?? null),
      ],
    );
    return entries.map(() => undefined);
  }

  async #markFinished(items: Array<{ webhookEventId: string; outcome: InboxOutcome; at: Date }>): Promise<void[]> {
    await this.#query(
      `UPDATE inbox SET finished_at = u.at, outcome = u.outcome, payload = NULL, owner = NULL, lease_until = NULL
       FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS u(id, outcome, at) WHERE inbox.event_id = u.id`,
      [items.map((item) => item.webhookEventId), items.map((item) => item.outcome), items.map((item) => item.at)],
    );
    return items.map(() => undefined);
  }

  // Expired claims and finished inbox rows go at most once a minute, in the background.
  #sweep(now: Date, cutoff: Date): void {
    if (now.getTime() - this.#lastSweep < SWEEP_INTERVAL_MS) return;
    this.#lastSweep = now.getTime();
    void this.#query('DELETE FROM event_claims WHERE claimed_at <= $1', [cutoff])
      .then(() => this.#query('DELETE FROM inbox WHERE finished_at IS NOT NULL AND received_at <= $1', [cutoff]))
      .catch(() => undefined);
  }

  async #check(): Promise<StoreHealth> {
    const { rows } = await this.pool.query<{ recovery: boolean; read_only: string }>("SELECT pg_is_in_recovery() AS recovery, current_setting('transaction_read_only') AS read_only");
    const row = rows[0];
    if (row?.recovery) return { ok: false, reason: 'the database is a standby in recovery: it takes no writes' };
    if (row?.read_only === 'on') return { ok: false, reason: 'the database session is read-only' };
    return { ok: true };
  }

  async #query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params: unknown[]): Promise<pg.QueryResult<R>> {
    const running = this.pool.query<R>(text, params);
    this.#inFlight.add(running);
    try {
      return await running;
    } catch (error) {
      // Errors of the statement itself (a constraint, bad input) say nothing about the database's health.
      if (isConnectionOrServerError(error)) this.#health.failed(error);
      throw error;
    } finally {
      this.#inFlight.delete(running);
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('store is closed');
  }
}

// SQLSTATE classes 08 (connection), 53 (resources: disk full, out of memory), 57 (operator
// intervention: shutdown), 25006 (read-only transaction); no code at all is a network error.
function isConnectionOrServerError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return /^(08|53|57|58)/.test(code) || code === '25006';
}

/** Connects, migrates the schema (under an advisory lock) and returns the store. */
export async function openPostgresStore(options: OpenPostgresStoreOptions): Promise<PostgresStore> {
  if (options.eventTtlMs !== undefined && !(Number.isFinite(options.eventTtlMs) && options.eventTtlMs > 0)) {
    throw new RangeError(`eventTtlMs must be a positive number, got ${options.eventTtlMs}`);
  }
  const config: PoolConfig = {
    connectionString: options.connectionString,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    application_name: options.applicationName ?? 'dx-navi',
    // A database that does not answer must fail a webhook request well inside LINE's timeout.
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 10_000,
  };
  const pool = new pg.Pool(config);
  // Without a listener an idle connection's error (database restarted) would crash the process.
  pool.on('error', (error) => options.onPoolError?.(error));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const storeOptions: StoreOptions = {};
  if (options.eventTtlMs !== undefined) storeOptions.eventTtlMs = options.eventTtlMs;
  return new PostgresStore(pool, storeOptions);
}

/** The store for reading only (the report): no migration, one connection; close it when done. */
export function readPostgresStore(connectionString: string): PostgresStore {
  const pool = new pg.Pool({ connectionString, max: 1, application_name: 'dx-navi-report', connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined);
  return new PostgresStore(pool);
}
