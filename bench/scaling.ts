/**
 * `npm run bench:scaling`: the webhook with its durable inbox on each store, and 1 vs 2 server
 * processes on one PostgreSQL (Node's cluster module, one port), driven as `npm run bench` drives
 * one server: acknowledgement latency at a fixed rate, then events/s for a batch of text events
 * sent as fast as they are taken, timed until the last reply reaches the Messaging API stand-in.
 *
 *   npm run bench:scaling                               # starts a throwaway PostgreSQL cluster
 *   npm run bench:scaling -- --database-url postgres://…   # a server of your own (a new schema per run)
 *   npm run bench:scaling -- --quick --json             # shorter; one JSON object on stdout
 *   npm run bench:scaling -- --cpu-prof-dir /tmp/prof   # V8 CPU profiles of the 1-process runs
 *   npm run bench:scaling -- --rounds 5                 # medians of 5 rounds (3 by default, 1 with --quick)
 *
 * Traffic goes to 127.0.0.1 only; the real LINE platform is never contacted.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startMessagingApiStub } from '../src/line-stub/messaging-api-stub.js';
import { projectRoot } from '../src/project-root.js';
import { engineAloneCpuMs } from './lib/engine-alone.js';
import { driveWebhook, type LoadResult } from './lib/load.js';
import { runNode, startProcess, type RunningProcess } from './lib/processes.js';
import { median, medianRecord, round2 } from './lib/stats.js';
import { driveAndDrain, ReplyCounter } from './lib/reply-drain.js';
import { devQuestions, WebhookBodyFactory } from './lib/webhook-events.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    'cpu-prof-dir': { type: 'string' },
    /** Extra node flags for the servers, e.g. --node-flag=--max-semi-space-size=32 */
    'node-flag': { type: 'string', multiple: true },
    /** Only these configurations, e.g. --only postgres-1 */
    only: { type: 'string', multiple: true },
    rounds: { type: 'string' },
  },
});

const ROOT = projectRoot();
const QUICK = values.quick === true;
const RATE = 500;
const RATE_SECONDS = QUICK ? 5 : 10;
const SUSTAINED_EVENTS = QUICK ? 1500 : 3000;
const ROUNDS = Number(values.rounds ?? (QUICK ? 1 : 3));
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds must be a positive whole number, got ${values.rounds}`);
const SERVER_FLAGS = ['--max-old-space-size=192', ...(values['node-flag'] ?? [])];
const WARMUP_EVENTS = 300;
const log = (message: string) => process.stderr.write(`[bench:scaling] ${message}\n`);
const secret = randomBytes(16).toString('hex');
const { questions } = devQuestions();

if (!values['no-build']) {
  log('building with tsc (as npm start does) …');
  await runNode([path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, timeoutMs: 300_000 });
}

let throwaway: string | null = null;
let baseUrl = values['database-url'] ?? '';
if (!baseUrl) {
  log('starting a throwaway PostgreSQL cluster (tests/support/throwaway-postgres.sh) …');
  const out = execFileSync('bash', [path.join(ROOT, 'tests', 'support', 'throwaway-postgres.sh'), 'start'], { encoding: 'utf8' });
  baseUrl = /DATABASE_URL=(\S+)/.exec(out)?.[1] ?? '';
  throwaway = /THROWAWAY_PGDATA=(\S+)/.exec(out)?.[1] ?? null;
}

/**
 * The engine-bound rate next to each server run: the compiled engine alone in a child process
 * with the servers' flags (bench/lib/engine-alone.ts), just before and just after the server, so
 * both see the same machine: a shared machine's speed drifts by a third within minutes.
 */
function engineAlone(): Promise<number> {
  return engineAloneCpuMs({ root: ROOT, questions, warmup: WARMUP_EVENTS + 2500, count: SUSTAINED_EVENTS, nodeFlags: SERVER_FLAGS });
}

const stub = await startMessagingApiStub();
const replies = new ReplyCounter(stub);
const tempDirs: string[] = [];
const schemas: string[] = [];

/** A new schema on the server, so each configuration starts from empty tables. */
async function freshSchemaUrl(): Promise<string> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  schemas.push(schema);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

interface Figures {
  store: string;
  processes: number;
  ack_p50_ms: number;
  ack_p99_ms: number;
  ack_max_ms: number;
  ack_non2xx: number;
  events_per_s: number;
  acknowledged_per_s: number;
  /** CPU time the server process spent per event in the sustained batch (1 process only): the machine is shared, CPU time is not. */
  cpu_ms_per_event: number | null;
  /** Of that, the main thread's (JavaScript); the rest is V8's GC helpers and libuv's thread pool. */
  main_thread_cpu_ms_per_event: number | null;
  /** 1000 / cpu_ms_per_event: what one process would answer per second on a core of its own. */
  events_per_cpu_s: number | null;
  /** The engine alone's CPU time per question, measured beside this run (mean of before and after). */
  engine_alone_cpu_ms_per_event: number | null;
  /** engine_alone_cpu_ms_per_event over cpu_ms_per_event: the share of the engine-bound rate a process keeps. */
  share_of_engine_bound: number | null;
}

/** utime + stime of a process (or with `thread`, of one of its threads) in ms, from /proc (null where there is none). */
function cpuMs(pid: number, thread?: number): number | null {
  try {
    const fields = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

function drive(server: RunningProcess, options: Omit<Parameters<typeof driveWebhook>[0], 'url'>): Promise<{ load: LoadResult; lastReplyAt: number }> {
  return driveAndDrain(stub, replies, server, options, { timeoutMs: 120_000, log });
}

async function measure(store: 'lowdb' | 'postgres' | 'http-floor' | 'engine-floor', processes: number): Promise<Figures> {
  log(`${store}, ${processes} process(es) …`);
  const env: Record<string, string> = { LINE_CHANNEL_SECRET: secret, LINE_CHANNEL_ACCESS_TOKEN: 'bench', LINE_API_BASE_URL: stub.url, SERVER_PROCESSES: String(processes) };
  if (store === 'postgres') env.DATABASE_URL = await freshSchemaUrl();
  else if (store === 'engine-floor') env.FLOOR_WITH_ENGINE = '1';
  else if (store === 'lowdb') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dx-navi-scaling-'));
    tempDirs.push(dir);
    env.DATA_DIR = dir;
  }
  const profile = values['cpu-prof-dir'] && processes === 1 ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values['cpu-prof-dir'])}`, `--cpu-prof-name=${store}-${Date.now()}.cpuprofile`] : [];
  // One process is the plain server, as `npm start` runs it; more are cluster workers on one port.
  const floor = store === 'http-floor' || store === 'engine-floor';
  const entry = floor ? ['--import', 'tsx', 'bench/http-floor.ts'] : [processes === 1 ? 'dist/src/server/main.js' : 'dist/src/server/cluster-main.js'];
  const engineBefore = processes === 1 && store !== 'http-floor' ? await engineAlone() : null;
  const server = await startProcess({ args: [...SERVER_FLAGS, ...profile, ...entry], env, cwd: ROOT, timeoutMs: 120_000 });
  try {
    const mixed = new WebhookBodyFactory(questions, secret, 'mixed');
    // Every worker warms up: the first requests of a cold worker are slow.
    await drive(server, { nextBody: () => mixed.next(), connections: 10, amount: WARMUP_EVENTS * processes });
    const ack = await drive(server, { nextBody: () => mixed.next(), connections: 10, overallRate: RATE, durationS: RATE_SECONDS });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const text = new WebhookBodyFactory(questions, secret, 'text');
    const cpuBefore = processes === 1 ? cpuMs(server.pid) : null;
    const mainBefore = processes === 1 ? cpuMs(server.pid, server.pid) : null;
    const sustained = await drive(server, { nextBody: () => text.next(), connections: 10, amount: SUSTAINED_EVENTS });
    const cpuAfter = processes === 1 ? cpuMs(server.pid) : null;
    const mainAfter = processes === 1 ? cpuMs(server.pid, server.pid) : null;
    const cpuPerEvent = cpuBefore !== null && cpuAfter !== null ? round2((cpuAfter - cpuBefore) / SUSTAINED_EVENTS) : null;
    const mainPerEvent = mainBefore !== null && mainAfter !== null ? round2((mainAfter - mainBefore) / SUSTAINED_EVENTS) : null;
    const seconds = Math.max(0.001, (sustained.lastReplyAt - sustained.load.startedAt) / 1000);
    await server.stop(10_000);
    const engineMs = engineBefore === null ? null : (engineBefore + (await engineAlone())) / 2;
    return {
      store,
      processes,
      ack_p50_ms: ack.load.p50Ms,
      ack_p99_ms: ack.load.p99Ms,
      ack_max_ms: ack.load.maxMs,
      ack_non2xx: ack.load.non2xx + ack.load.errors,
      events_per_s: round2(SUSTAINED_EVENTS / seconds),
      acknowledged_per_s: sustained.load.reqPerS,
      cpu_ms_per_event: cpuPerEvent,
      main_thread_cpu_ms_per_event: mainPerEvent,
      events_per_cpu_s: cpuPerEvent ? Math.round(1000 / cpuPerEvent) : null,
      engine_alone_cpu_ms_per_event: engineMs === null ? null : round2(engineMs),
      share_of_engine_bound: cpuPerEvent && engineMs !== null ? round2(engineMs / cpuPerEvent) : null,
    };
  } finally {
    await server.stop(10_000);
  }
}

const rounds: Figures[][] = [];
try {
  const wanted = (name: string) => !values.only || values.only.includes(name);
  for (let round = 1; round <= ROUNDS; round += 1) {
    if (ROUNDS > 1) log(`round ${round} of ${ROUNDS}`);
    const figures: Figures[] = [];
    if (wanted('http-floor')) figures.push(await measure('http-floor', 1));
    if (wanted('engine-floor')) figures.push(await measure('engine-floor', 1));
    if (wanted('lowdb-1')) figures.push(await measure('lowdb', 1));
    if (wanted('postgres-1')) figures.push(await measure('postgres', 1));
    if (wanted('postgres-2')) figures.push(await measure('postgres', 2));
    rounds.push(figures);
  }
} finally {
  await stub.close();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  if (throwaway) execFileSync('bash', [path.join(ROOT, 'tests', 'support', 'throwaway-postgres.sh'), 'stop', throwaway]);
  else if (schemas.length > 0) {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA ${schemas.join(', ')} CASCADE`);
    await client.end();
  }
}

// Each figure is the median over the rounds, taken field by field.
const results: Figures[] = (rounds[0] ?? []).map((first, index) => {
  const runs = rounds.map((figures) => figures[index] as Figures);
  const numeric = (pick: (figures: Figures) => number | null) => {
    const present = runs.map(pick).filter((value): value is number => value !== null);
    return present.length > 0 ? round2(median(present)) : null;
  };
  return {
    ...medianRecord(
      runs.map(({ store: _store, cpu_ms_per_event: _c, main_thread_cpu_ms_per_event: _m, events_per_cpu_s: _e, engine_alone_cpu_ms_per_event: _a, share_of_engine_bound: _s, ...rest }) => rest),
    ),
    store: first.store,
    cpu_ms_per_event: numeric((figures) => figures.cpu_ms_per_event),
    main_thread_cpu_ms_per_event: numeric((figures) => figures.main_thread_cpu_ms_per_event),
    events_per_cpu_s: numeric((figures) => figures.events_per_cpu_s),
    engine_alone_cpu_ms_per_event: numeric((figures) => figures.engine_alone_cpu_ms_per_event),
    share_of_engine_bound: numeric((figures) => figures.share_of_engine_bound),
  };
});

const machine = { nproc: os.availableParallelism(), node: process.version, loadavg: os.loadavg().map(round2) };
if (values.json) {
  console.log(JSON.stringify({ results, rounds, settings: { rate: RATE, rate_seconds: RATE_SECONDS, sustained_events: SUSTAINED_EVENTS, rounds: ROUNDS, server_flags: SERVER_FLAGS }, machine }));
} else {
  const lines = [
    `DX ナビ scaling — ${machine.nproc} cores, Node ${machine.node}, load ${machine.loadavg.join(' ')}; medians of ${ROUNDS} round(s) (a shared machine: compare rows, not absolutes)`,
    `store        processes  ack p50 / p99 / max at ${RATE} req/s   events/s (${SUSTAINED_EVENTS} text events to the last reply)   server CPU per event → events per CPU-second`,
    ...results.map(
      (r) =>
        `${r.store.padEnd(12)} ${String(r.processes).padEnd(10)} ${r.ack_p50_ms} / ${r.ack_p99_ms} / ${r.ack_max_ms} ms${r.ack_non2xx ? ` (${r.ack_non2xx} failed)` : ''}`.padEnd(64) +
        `${r.events_per_s}`.padEnd(14) +
        (r.cpu_ms_per_event === null
          ? ''
          : `${r.cpu_ms_per_event} ms (main thread ${r.main_thread_cpu_ms_per_event}) → ${r.events_per_cpu_s}/s` +
            (r.engine_alone_cpu_ms_per_event === null ? '' : `; engine alone ${r.engine_alone_cpu_ms_per_event} ms → ${Math.round((r.share_of_engine_bound ?? 0) * 100)} % of engine-bound`)),
    ),
    'engine alone: the compiled engine answering the same questions in a process of its own with the same flags, just before and after each 1-process run (the engine-bound rate)',
    "http-floor: no engine, no store: the webhook read, signature checked, 200 sent and one reply posted (bench/http-floor.ts); what LINE's protocol costs a process",
    'engine-floor: the http-floor answering each text with the compiled engine and the real messages, still without store, inbox or log: the most a process could keep of the engine-bound rate',
  ];
  console.log(lines.join('\n'));
}
