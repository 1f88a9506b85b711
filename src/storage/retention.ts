import type { Store } from './store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What one pruning pass removed, and the cut-off it used. */
export interface PruneResult {
  /** Everything stamped before this time went. */
  before: Date;
  logs: number;
  feedback: number;
}

/** The oldest time still kept when records live for `retentionDays`. */
export function retentionCutoff(retentionDays: number, now: Date = new Date()): Date {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new RangeError(`retentionDays must be a whole number of at least 1, got ${retentionDays}`);
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** Removes logs and feedback older than the retention period: both hold what residents typed. */
export async function pruneExpired(store: Store, retentionDays: number, now: Date = new Date()): Promise<PruneResult> {
  const before = retentionCutoff(retentionDays, now);
  const logs = await store.pruneLogs(before);
  const feedback = await store.pruneFeedback(before);
  return { before, logs, feedback };
}

/** How a scheduled pruning reports itself. */
export interface RetentionScheduleOptions {
  retentionDays: number;
  /** Time between passes; a day by default. */
  intervalMs?: number;
  onPruned?: (result: PruneResult) => void;
  onError?: (error: unknown) => void;
  now?: () => Date;
}

/** A running pruning schedule. */
export interface RetentionSchedule {
  /** The pass made at start, settled (it never rejects: errors go to onError). */
  firstPass: Promise<void>;
  /** Stops the timer and waits for a pass in progress, so the store can be closed after it. */
  stop(): Promise<void>;
}

/**
 * Prunes once now and then every interval. The timer is unref'd so it never keeps a stopping
 * process alive, and a pass that fails is reported and retried on the next tick, not fatal.
 */
export function scheduleRetention(store: Store, options: RetentionScheduleOptions): RetentionSchedule {
  const now = options.now ?? (() => new Date());
  retentionCutoff(options.retentionDays); // reject a bad period at start, not a day later
  let running: Promise<void> | null = null;
  const pass = (): Promise<void> => {
    // A slow disk must not stack passes up.
    running ??= pruneExpired(store, options.retentionDays, now())
      .then((result) => options.onPruned?.(result))
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const firstPass = pass();
  const timer = setInterval(() => void pass(), options.intervalMs ?? DAY_MS);
  timer.unref();
  return {
    firstPass,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
