/**
 * Several server processes on one port (Node's cluster module): `SERVER_PROCESSES=2 node
 * dist/src/server/cluster-main.js`. Each worker is the ordinary server (src/server/main.ts) with
 * its own engine; the primary hands connections out round-robin and restarts a worker that dies.
 * Needs DATABASE_URL: the lowdb files belong to one process. A worker that dies leaves its
 * unfinished events to the others, which take them over through the PostgreSQL inbox.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

const RESTART_DELAY_MS = 1000;

if (cluster.isPrimary) {
  const raw = process.env.SERVER_PROCESSES?.trim() || '1';
  const processes = raw === 'auto' ? availableParallelism() : Number(raw);
  if (!Number.isInteger(processes) || processes < 1 || processes > 64) {
    console.error(`DX ナビ cannot start: SERVER_PROCESSES must be a whole number from 1 to 64 or "auto", got "${raw}"`);
    process.exit(1);
  }
  if (processes > 1 && !process.env.DATABASE_URL?.trim()) {
    console.error('DX ナビ cannot start: SERVER_PROCESSES above 1 needs DATABASE_URL (the lowdb files belong to one process)');
    process.exit(1);
  }
  let stopping = false;
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', message: 'worker died; starting another', pid: worker.process.pid, code, signal }));
    setTimeout(() => cluster.fork(), RESTART_DELAY_MS);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
  // Knowledge reloads go to every worker.
  process.on('SIGHUP', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGHUP');
  });
} else {
  await import('./main.js');
}
