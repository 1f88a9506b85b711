/**
 * Drives POST /webhook with autocannon. Every request gets its body from `nextBody` (so ids and
 * signatures are fresh); latencies are recorded per response from autocannon's own high-resolution
 * timings, so p50 and p99 keep sub-millisecond precision (autocannon's histogram rounds to 1 ms).
 *
 * autocannon's `overallRate` is a per-connection budget reset every second: each connection sends
 * back to back until it has made its share, then waits for the next second. Load at a "rate" is
 * therefore a burst at the start of each second, `connections` requests at a time.
 */
import autocannon from 'autocannon';
import { quantile, round2 } from './stats.js';

export interface LoadOptions {
  /** Base URL, http://127.0.0.1:<port>. */
  url: string;
  path?: string;
  nextBody: () => { body: string; signature: string };
  connections: number;
  /** Requests per second over all connections; unset = as fast as responses allow. */
  overallRate?: number;
  /** Stop after this many seconds … */
  durationS?: number;
  /** … or after this many requests (takes precedence). */
  amount?: number;
}

export interface LoadResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationS: number;
  /** Responses per second over the whole run. */
  reqPerS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** autocannon's p99 with its coordinated-omission correction at a fixed rate (whole ms). */
  correctedP99Ms: number;
  /** When the first request was started and the last response arrived (ms since the epoch). */
  startedAt: number;
  finishedAt: number;
}

/** Runs one autocannon load and resolves with its figures. */
export function driveWebhook(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let lastResponseAt = 0;
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        pipelining: 1,
        timeout: 10,
        ...(options.overallRate ? { overallRate: options.overallRate } : {}),
        ...(options.amount ? { amount: options.amount } : { duration: options.durationS ?? 10 }),
        requests: [
          {
            method: 'POST',
            path: options.path ?? '/webhook',
            setupRequest: (request) => {
              const { body, signature } = options.nextBody();
              return { ...request, body, headers: { 'content-type': 'application/json', 'x-line-signature': signature } };
            },
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        const durationS = Math.max(0.001, ((lastResponseAt || Date.now()) - startedAt) / 1000);
        resolve({
          sent: result.requests.sent,
          ok: result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          durationS: round2(durationS),
          reqPerS: round2(latencies.length / durationS),
          p50Ms: round2(quantile(latencies, 0.5)),
          p99Ms: round2(quantile(latencies, 0.99)),
          maxMs: round2(quantile(latencies, 1)),
          correctedP99Ms: result.latency.p99,
          startedAt,
          finishedAt: lastResponseAt,
        });
      },
    );
    // autocannon 9 emits (client, statusCode, bytes, responseTime); its typings omit the client.
    (instance as NodeJS.EventEmitter).on('response', (...args: unknown[]) => {
      const responseTime = typeof args[3] === 'number' ? args[3] : (args[2] as number);
      latencies.push(responseTime);
      lastResponseAt = Date.now();
    });
  });
}
