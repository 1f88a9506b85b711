/**
 * The production entry point (`src/server/main.ts`) as a child process, the way `npm start` runs
 * it, plus a raw HTTP client. Fault tests need a real process: only a process can be killed with
 * SIGKILL, and only a separate process has a memory footprint the test can read without reading
 * its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { MessagingApiStub } from '../../src/line-stub/messaging-api-stub.js';
import { sign } from '../server/webhook-harness.js';

export const FAULT_CHANNEL_SECRET = 'fault-test-channel-secret';
/** Set explicitly so tests can compute the stored user keys with userKeyFor. */
export const FAULT_USER_HASH_SALT = 'fault-test-salt';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One JSON log line the server wrote. */
export interface ServerLogLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

export interface HttpResult {
  status: number;
  body: string;
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running server process. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Every JSON line from stdout and stderr, in arrival order. */
  lines: ServerLogLine[];
  /** stderr lines that were not JSON: a crash's stack trace lands here. */
  rawStderr: string[];
  exited: Promise<ServerExit>;
  alive(): boolean;
  /** SIGKILL: no handler runs, no write finishes. */
  kill(): void;
  /** SIGTERM and wait: the graceful path (drain events, close the store). */
  stop(): Promise<ServerExit>;
  /** POSTs a body to /webhook, signed with the channel secret unless a signature is given (null = none). */
  post(body: string | Buffer, signature?: string | null): Promise<HttpResult>;
  /** Resolves once /healthz reports no event still being processed. */
  idle(): Promise<void>;
  /** Resident set size and its peak in kB from /proc, or null where /proc is not available. */
  memory(): { rssKb: number; peakKb: number } | null;
  /** Resets the kernel's peak-RSS mark to the current RSS; false where that is not possible. */
  resetPeak(): boolean;
}

export interface StartOptions {
  dataDir: string;
  lineApiBaseUrl: string;
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}

// Settings the parent may carry that would change what the child does; the tests set their own.
const INHERITED_SETTINGS_TO_DROP = [
  'LINE_CHANNEL_SECRET',
  'LINE_CHANNEL_ACCESS_TOKEN',
  'LINE_API_BASE_URL',
  'PORT',
  'DATA_DIR',
  'DEFAULT_MUNICIPALITY',
  'USER_HASH_SALT',
  'LOG_RETENTION_DAYS',
  'ADMIN_TOKEN',
  'KNOWLEDGE_DIR',
  'KNOWLEDGE_WATCH',
  'MAX_BODY_BYTES',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
];

/** Starts `node --import tsx src/server/main.ts` and resolves once it logged "ready". */
export async function startServerProcess(options: StartOptions): Promise<ServerProcess> {
  // The free port is found by binding and releasing it, so another process may take it in
  // between; a start that fails with EADDRINUSE is simply tried on another port.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOnce(options: StartOptions, port: number): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_SETTINGS_TO_DROP) delete env[name];
  Object.assign(env, {
    LINE_CHANNEL_SECRET: FAULT_CHANNEL_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: 'fault-test-access-token',
    LINE_API_BASE_URL: options.lineApiBaseUrl,
    USER_HASH_SALT: FAULT_USER_HASH_SALT,
    PORT: String(port),
    DATA_DIR: options.dataDir,
    ...options.env,
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: ServerLogLine[] = [];
  const rawStderr: string[] = [];
  const exited = new Promise<ServerExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let exitedYet = false;
  void exited.then(() => (exitedYet = true));
  const ready = new Promise<void>((resolve) => {
    collectLines(child, 'stdout', (line) => {
      const parsed = parseLogLine(line);
      if (parsed) lines.push(parsed);
      if (parsed?.message === 'ready') resolve();
    });
  });
  collectLines(child, 'stderr', (line) => {
    const parsed = parseLogLine(line);
    if (parsed) lines.push(parsed);
    else rawStderr.push(line);
  });

  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready.then(() => 'ready' as const),
    exited.then(() => 'exited' as const),
    new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (outcome !== 'ready') {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`server did not become ready (${outcome}):\n${[...rawStderr, ...lines.map((l) => JSON.stringify(l))].join('\n').slice(-3000)}`);
  }

  const url = `http://127.0.0.1:${port}`;
  const pid = child.pid!;
  return {
    url,
    pid,
    lines,
    rawStderr,
    exited,
    alive: () => !exitedYet && child.exitCode === null && child.signalCode === null,
    kill: () => {
      child.kill('SIGKILL');
    },
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    post: (body, signature) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (signature !== null) headers['x-line-signature'] = signature ?? sign(body, FAULT_CHANNEL_SECRET);
      return httpRequest(`${url}/webhook`, { headers, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body });
    },
    idle: async () => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const health = await httpRequest(`${url}/healthz`, { method: 'GET' });
        if ((JSON.parse(health.body) as { pendingEvents: number }).pendingEvents === 0) return;
        if (Date.now() > deadline) throw new Error('server still processing events after 60 s');
        await sleep(50);
      }
    },
    memory: () => readMemory(pid),
    resetPeak: () => {
      try {
        // "5" resets VmHWM to the current RSS (Linux ≥ 4.0, own processes).
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once the stand-in has received nothing new for a while. A reply the server wrote just
 * before it idled (or died) may still be in a socket buffer; it counts, so the test waits for it.
 */
export async function messagingApiQuiet(stub: MessagingApiStub, quietMs = 250): Promise<void> {
  let last = -1;
  while (stub.requests.length !== last) {
    last = stub.requests.length;
    await sleep(quietMs);
  }
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Sends the body in pieces of this size without a content-length (chunked transfer encoding). */
  chunkBytes?: number;
  /** Destroys the connection after this many body bytes instead of finishing the request. */
  abortAfterBytes?: number;
}

/**
 * One HTTP request on its own connection. Connection errors reject; a response that arrives before
 * the body is fully written (a server may answer 413 early) still counts as the answer.
 */
export function httpRequest(url: string, options: RequestOptions = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const body = options.body ?? Buffer.alloc(0);
    const headers = { ...options.headers };
    if (options.chunkBytes === undefined) headers['content-length'] = String(body.length);
    const req = http.request(url, { method: options.method ?? 'POST', headers, agent: false });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (options.abortAfterBytes !== undefined) {
      req.write(body.subarray(0, options.abortAfterBytes), () => {
        req.destroy();
        resolve({ status: 0, body: 'aborted by the client' });
      });
      return;
    }
    if (options.chunkBytes === undefined) {
      req.end(body);
      return;
    }
    const step = options.chunkBytes;
    let offset = 0;
    const writeMore = () => {
      while (offset < body.length && !req.destroyed) {
        const piece = body.subarray(offset, offset + step);
        offset += step;
        if (!req.write(piece)) {
          req.once('drain', writeMore);
          return;
        }
      }
      if (!req.destroyed) req.end();
    };
    writeMore();
  });
}

function collectLines(child: ChildProcess, stream: 'stdout' | 'stderr', onLine: (line: string) => void): void {
  let pending = '';
  child[stream]!.setEncoding('utf8');
  child[stream]!.on('data', (chunk: string) => {
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      onLine(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
    }
  });
}

function parseLogLine(line: string): ServerLogLine | null {
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === 'object' && value !== null && typeof (value as ServerLogLine).message === 'string' ? (value as ServerLogLine) : null;
  } catch {
    return null;
  }
}

function readMemory(pid: number): { rssKb: number; peakKb: number } | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: kb('VmRSS'), peakKb: kb('VmHWM') };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
