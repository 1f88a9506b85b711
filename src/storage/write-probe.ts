import { open } from 'node:fs/promises';
import path from 'node:path';
import type { StoreHealth } from './store.js';

/** The probe file's name in the data directory. */
export const PROBE_FILE_NAME = '.dx-navi-write-probe';

/** Writes and fsyncs a small file in `dir`: fails exactly when the store's own writes would (read-only, full, gone). */
export async function probeDirectory(dir: string, now: Date = new Date()): Promise<StoreHealth> {
  try {
    const handle = await open(path.join(dir, PROBE_FILE_NAME), 'w', 0o600);
    try {
      await handle.writeFile(`${now.toISOString()}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { ok: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: `cannot write ${dir}${code ? ` (${code})` : ''}: ${(error as Error).message}` };
  }
}

/**
 * Runs a health check at most once per `intervalMs`, shares a check in progress between callers,
 * and lets a failed write mark the store unhealthy at once, until a later check succeeds.
 */
export class CachedHealth {
  readonly #check: () => Promise<StoreHealth>;
  readonly #intervalMs: number;
  #last: { at: number; health: StoreHealth } | null = null;
  #running: Promise<StoreHealth> | null = null;

  /** Caches `check` for `intervalMs`. */
  constructor(check: () => Promise<StoreHealth>, intervalMs = 5000) {
    this.#check = check;
    this.#intervalMs = intervalMs;
  }

  /** The latest result, checking again when it is older than the interval. */
  get(): Promise<StoreHealth> {
    if (this.#last && Date.now() - this.#last.at < this.#intervalMs) return Promise.resolve(this.#last.health);
    this.#running ??= this.#check()
      .catch((error: unknown): StoreHealth => ({ ok: false, reason: String(error) }))
      .then((health) => {
        this.#last = { at: Date.now(), health };
        return health;
      })
      .finally(() => {
        this.#running = null;
      });
    return this.#running;
  }

  /** Records a write that just failed, so health says so without waiting for the next check. */
  failed(error: unknown): void {
    const code = (error as NodeJS.ErrnoException)?.code;
    this.#last = { at: Date.now(), health: { ok: false, reason: `a write failed${code ? ` (${code})` : ''}: ${error instanceof Error ? error.message : String(error)}` } };
  }
}
