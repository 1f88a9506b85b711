/**
 * `npm run bench`: the whole bot under load, next to an Express hello-world on the same machine.
 *
 * Starts the real server as a child process (compiled with tsc by default, as `npm start` runs
 * it; `--source` runs src/ through tsx instead) with a throwaway channel secret, a temporary
 * DATA_DIR and LINE_API_BASE_URL pointing at the Messaging API stand-in running in this process.
 * Drives it with signed webhook events shaped from webhooks/ and carrying the dev questions (a
 * fresh webhookEventId and replyToken on every request), using autocannon.
 *
 * Per run it measures: webhook acknowledgement latency at fixed rates (autocannon overallRate
 * 10, 100, 500 requests/s), sustained events/s (a fixed batch sent as fast as the server takes
 * it, timed until the last reply reaches the stand-in), cold start to ready (spawn → first 200
 * on /healthz, median of several starts), resident memory after warm-up (/proc/<pid>/status),
 * and, in a separate process, the answer engine's latency for the dev questions and for
 * 5,000-character messages. The hello-world baseline is driven the same way in the same run.
 * The report gives medians over runs: the machine is shared and noisy.
 *
 *   npm run bench                     # 3 runs, human-readable report
 *   npm run bench -- --json           # one JSON object on stdout (progress on stderr)
 *   npm run bench -- --runs 5 --quick # shorter phases; --no-build reuses dist/; --source uses tsx
 *   npm run bench -- --cpu-prof-dir /tmp/prof   # the loaded server writes a V8 CPU profile there
 *   npm run bench -- --database-url postgres://…   # the server on PostgreSQL (bench:scaling: 1 vs 2 processes)
 *
 * Every load is bounded in requests and seconds, and traffic goes to 127.0.0.1 only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startMessagingApiStub } from '../src/line-stub/messaging-api-stub.js';
import { projectRoot } from '../src/project-root.js';
import { driveWebhook, type LoadResult } from './lib/load.js';
import { residentMemoryMb, runNode, startProcess, type RunningProcess } from './lib/processes.js';
import { median, medianRecord, round2 } from './lib/stats.js';
import { driveAndDrain, ReplyCounter } from './lib/reply-drain.js';
import { devQuestions, WebhookBodyFactory } from './lib/webhook-events.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    source: { type: 'boolean', default: false },
    starts: { type: 'string' },
    'cpu-prof-dir': { type: 'string' },
    // The server under test uses this PostgreSQL database instead of lowdb files (1 vs 2 processes: npm run bench:scaling).
    'database-url': { type: 'string' },
  },
});

const ROOT = projectRoot();
const RUNS = Math.max(1, Number(values.runs));
const QUICK = values.quick === true;
const STARTS = Math.max(1, Number(values.starts ?? (QUICK ? 3 : 5)));
/** Fixed rates and how long each is held, in seconds. */
const RATES: Array<{ rate: number; seconds: number }> = QUICK
  ? [
      { rate: 10, seconds: 3 },
      { rate: 100, seconds: 3 },
      { rate: 500, seconds: 5 },
    ]
  : [
      { rate: 10, seconds: 5 },
      { rate: 100, seconds: 5 },
      { rate: 500, seconds: 10 },
    ];
const SUSTAINED_EVENTS = QUICK ? 1000 : 3000;
const WARMUP_EVENTS = 300;
const DRAIN_TIMEOUT_MS = 120_000;
const GOALS = { ack_p99_ms: 50, engine_p99_ms: 5, ready_ms: 1500, rss_mb: 300 };

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const secret = randomBytes(16).toString('hex');
const accessToken = `bench-${randomBytes(8).toString('hex')}`;
const { questions, source: questionSource } = devQuestions();
const serverArgs = [...startScriptNodeFlags(), ...(values.source ? ['--import', 'tsx', 'src/server/main.ts'] : ['dist/src/server/main.js'])];

const machine = {
  nproc: os.availableParallelism(),
  cpu: /model name\s*:\s*(.+)/.exec(safeRead('/proc/cpuinfo'))?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  memory_gb: round2(os.totalmem() / 1024 ** 3),
  loadavg_at_start: os.loadavg().map(round2),
};
log(`machine: ${machine.nproc} × ${machine.cpu}, Node ${machine.node}, load ${machine.loadavg_at_start.join(' ')}`);
log(`questions: ${questions.length} from ${questionSource}`);

if (!values.source && !values['no-build']) {
  log('building with tsc (as npm start does) …');
  await runNode([path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, timeoutMs: 300_000 });
}

const stub = await startMessagingApiStub();
const replies = new ReplyCounter(stub);
const tempDirs: string[] = [];
const children = new Set<RunningProcess>();
const cleanUp = async () => {
  for (const child of children) await child.stop(2000);
  await stub.close();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
};
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

/** What bench/engine-latency.ts --json prints. */
interface EngineFigures {
  dictionary_load_ms: number;
  engine_build_ms: number;
  rss_mb: number;
  heap_used_mb: number;
  array_buffers_mb: number;
  engine_p50_ms: number;
  engine_p99_ms: number;
  long_text_p50_ms: number;
  long_text_p99_ms: number;
  queries: number;
  [figure: string]: number | string;
}

type RunFigures = Awaited<ReturnType<typeof oneRun>>;
const runs: RunFigures[] = [];
try {
  for (let run = 1; run <= RUNS; run += 1) {
    log(`run ${run}/${RUNS} (load ${os.loadavg().map(round2).join(' ')})`);
    runs.push(await oneRun());
  }
} finally {
  await cleanUp();
}

const medians = medianRecord(runs);
const topRate = String(RATES[RATES.length - 1]?.rate ?? 500);
const ackTop = medians.ack[topRate];
if (!ackTop) throw new Error(`no figures at ${topRate} requests/s`);
const report = {
  events_per_s: medians.sustained.events_per_s,
  ack_p50_ms: ackTop.p50_ms,
  ack_p99_ms: ackTop.p99_ms,
  engine_p50_ms: medians.engine.engine_p50_ms,
  engine_p99_ms: medians.engine.engine_p99_ms,
  long_text_p50_ms: medians.engine.long_text_p50_ms,
  long_text_p99_ms: medians.engine.long_text_p99_ms,
  ready_ms: medians.ready_ms,
  rss_mb: medians.rss_mb,
  hello_world_events_per_s: medians.hello_world.events_per_s,
  events_per_s_vs_hello_world: round2(medians.sustained.events_per_s / medians.hello_world.events_per_s),
  ack_p99_vs_hello_world: round2(ackTop.p99_ms / Math.max(0.01, medians.hello_world.ack_500.p99_ms)),
  goals: GOALS,
  goals_met: {
    ack_p99_ms: ackTop.p99_ms <= GOALS.ack_p99_ms,
    engine_p99_ms: medians.engine.engine_p99_ms <= GOALS.engine_p99_ms,
    ready_ms: medians.ready_ms <= GOALS.ready_ms,
    rss_mb: medians.rss_mb <= GOALS.rss_mb,
  },
  medians,
  runs,
  machine: { ...machine, loadavg_at_end: os.loadavg().map(round2) },
  settings: { runs: RUNS, quick: QUICK, starts_per_run: STARTS, rates: RATES, sustained_events: SUSTAINED_EVENTS, server: `node ${serverArgs.join(' ')}`, questions: questions.length },
};

if (values.json) {
  console.log(JSON.stringify(report));
} else {
  printReport(report);
}

async function oneRun() {
  log('  engine latency (separate process) …');
  const engine = JSON.parse(await runNode(['--import', 'tsx', 'bench/engine-latency.ts', '--json', '--passes', QUICK ? '10' : '20'], { cwd: ROOT, timeoutMs: 300_000 })) as EngineFigures;

  log(`  cold start × ${STARTS} …`);
  const readyTimes: number[] = [];
  for (let start = 0; start < STARTS; start += 1) {
    const server = await startServer();
    readyTimes.push(server.readyMs);
    await stopChild(server);
  }

  const server = await startServer(values['cpu-prof-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values['cpu-prof-dir'])}`] : []);
  const factory = new WebhookBodyFactory(questions, secret, 'mixed');
  log('  warm-up …');
  await drain(server, { nextBody: () => factory.next(), connections: 10, amount: WARMUP_EVENTS });

  const ack: Record<string, { p50_ms: number; p99_ms: number; max_ms: number; corrected_p99_ms: number; req_per_s: number; non2xx: number; errors: number; drain_ms: number }> = {};
  for (const { rate, seconds } of RATES) {
    log(`  ${rate} requests/s for ${seconds} s …`);
    const { load, drainMs } = await drain(server, { nextBody: () => factory.next(), connections: Math.min(10, rate), overallRate: rate, durationS: seconds });
    ack[String(rate)] = { p50_ms: load.p50Ms, p99_ms: load.p99Ms, max_ms: load.maxMs, corrected_p99_ms: load.correctedP99Ms, req_per_s: load.reqPerS, non2xx: load.non2xx, errors: load.errors, drain_ms: drainMs };
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const memory = residentMemoryMb(server.pid);

  log(`  sustained: ${SUSTAINED_EVENTS} text events as fast as they are taken …`);
  const textFactory = new WebhookBodyFactory(questions, secret, 'text');
  const sustained = await drain(server, { nextBody: () => textFactory.next(), connections: 10, amount: SUSTAINED_EVENTS });
  const processedS = Math.max(0.001, (sustained.lastReplyAt - sustained.load.startedAt) / 1000);
  const peak = residentMemoryMb(server.pid);
  await stopChild(server);

  log('  hello-world baseline …');
  const hello = await startProcess({ args: ['--import', 'tsx', 'bench/hello-world.ts'], env: {}, cwd: ROOT });
  children.add(hello);
  const helloFactory = new WebhookBodyFactory(questions, secret, 'mixed');
  const helloWarm = await driveWebhook({ url: hello.url, nextBody: () => helloFactory.next(), connections: 10, amount: WARMUP_EVENTS });
  void helloWarm;
  const last = RATES[RATES.length - 1] ?? { rate: 500, seconds: 10 };
  const hello500 = await driveWebhook({ url: hello.url, nextBody: () => helloFactory.next(), connections: 10, overallRate: last.rate, durationS: last.seconds });
  const helloSustained = await driveWebhook({ url: hello.url, nextBody: () => helloFactory.next(), connections: 10, amount: SUSTAINED_EVENTS });
  const helloMemory = residentMemoryMb(hello.pid);
  await stopChild(hello);

  return {
    sustained: {
      events_per_s: round2(SUSTAINED_EVENTS / processedS),
      acknowledged_per_s: sustained.load.reqPerS,
      ack_p99_ms: sustained.load.p99Ms,
      seconds_to_last_reply: round2(processedS),
    },
    ack,
    ready_ms: round2(median(readyTimes)),
    ready_samples_ms: readyTimes.map(round2),
    rss_mb: round2(memory?.rssMb ?? NaN),
    rss_after_sustained_mb: round2(peak?.rssMb ?? NaN),
    rss_peak_mb: round2(peak?.hwmMb ?? NaN),
    engine,
    hello_world: {
      events_per_s: helloSustained.reqPerS,
      ack_500: { p50_ms: hello500.p50Ms, p99_ms: hello500.p99Ms, max_ms: hello500.maxMs },
      rss_mb: round2(helloMemory?.rssMb ?? NaN),
    },
    loadavg: os.loadavg().map(round2),
  };
}

async function startServer(nodeOptions: string[] = []): Promise<RunningProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dx-navi-bench-'));
  tempDirs.push(dataDir);
  const server = await startProcess({
    args: [...nodeOptions, ...serverArgs],
    cwd: ROOT,
    env: { LINE_CHANNEL_SECRET: secret, LINE_CHANNEL_ACCESS_TOKEN: accessToken, LINE_API_BASE_URL: stub.url, DATA_DIR: dataDir, ...(values['database-url'] ? { DATABASE_URL: values['database-url'] } : {}) },
  });
  children.add(server);
  return server;
}

async function stopChild(child: RunningProcess): Promise<void> {
  await child.stop();
  children.delete(child);
}

/** Drives the server, then waits (bounded) until every acknowledged event has had its reply. */
function drain(server: RunningProcess, options: Omit<Parameters<typeof driveWebhook>[0], 'url'>): Promise<{ load: LoadResult; drainMs: number; lastReplyAt: number }> {
  return driveAndDrain(stub, replies, server, options, { timeoutMs: DRAIN_TIMEOUT_MS, log });
}

function printReport(result: typeof report): void {
  const mark = (met: boolean) => (met ? 'met' : 'MISSED');
  const m = result.medians;
  const lines = [
    `DX ナビ benchmark — medians of ${RUNS} run(s); ${machine.nproc} × ${machine.cpu}, Node ${machine.node}`,
    `load average at start ${machine.loadavg_at_start.join(' ')}, at end ${result.machine.loadavg_at_end.join(' ')} (a shared machine: read ratios, not absolutes)`,
    '',
    'webhook acknowledgement latency (autocannon overallRate, mixed events)',
    ...Object.entries(m.ack).map(([rate, figures]) => `  ${rate.padStart(4)} req/s   p50 ${figures.p50_ms} ms   p99 ${figures.p99_ms} ms   max ${figures.max_ms} ms   (autocannon corrected p99 ${figures.corrected_p99_ms} ms; backlog drained ${figures.drain_ms} ms after)`),
    `  hello-world at ${RATES[RATES.length - 1]?.rate} req/s: p50 ${m.hello_world.ack_500.p50_ms} ms   p99 ${m.hello_world.ack_500.p99_ms} ms`,
    '',
    `sustained events/s       ${result.events_per_s}   (acknowledged ${m.sustained.acknowledged_per_s}/s; ${SUSTAINED_EVENTS} text events answered in ${m.sustained.seconds_to_last_reply} s)`,
    `hello-world requests/s   ${result.hello_world_events_per_s}   → bot/hello-world ${result.events_per_s_vs_hello_world}`,
    '',
    `engine p50 / p99         ${result.engine_p50_ms} / ${result.engine_p99_ms} ms   (${m.engine.queries} queries per run)`,
    `5,000-char p50 / p99     ${result.long_text_p50_ms} / ${result.long_text_p99_ms} ms`,
    `engine process           dictionary ${m.engine.dictionary_load_ms} ms, build ${m.engine.engine_build_ms} ms, RSS ${m.engine.rss_mb} MB (heap ${m.engine.heap_used_mb}, arrayBuffers ${m.engine.array_buffers_mb})`,
    `cold start to ready      ${result.ready_ms} ms   (median of ${STARTS} starts per run)`,
    `server RSS after warm-up ${result.rss_mb} MB   (after the sustained batch ${m.rss_after_sustained_mb} MB, peak ${m.rss_peak_mb} MB; hello-world ${m.hello_world.rss_mb} MB)`,
    '',
    'goals (2 cores)',
    `  ack p99 ≤ ${GOALS.ack_p99_ms} ms at 500/s   ${result.ack_p99_ms} ms   ${mark(result.goals_met.ack_p99_ms)}`,
    `  engine p99 ≤ ${GOALS.engine_p99_ms} ms         ${result.engine_p99_ms} ms   ${mark(result.goals_met.engine_p99_ms)}`,
    `  ready ≤ ${GOALS.ready_ms} ms            ${result.ready_ms} ms   ${mark(result.goals_met.ready_ms)}`,
    `  RSS ≤ ${GOALS.rss_mb} MB              ${result.rss_mb} MB   ${mark(result.goals_met.rss_mb)}`,
  ];
  console.log(lines.join('\n'));
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The node flags `npm start` runs the server with (the heap cap), so the benchmark measures what production runs. */
function startScriptNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  const flags = /\bnode\s+((?:--\S+\s+)*)dist\/src\/server\/main\.js/.exec(start)?.[1] ?? '';
  return flags.split(/\s+/).filter(Boolean);
}
