/**
 * Child processes for the benchmark: the real server (compiled, or from source through tsx) and
 * the Express hello-world baseline. Each is started with its own environment, polled on GET
 * /healthz until it answers 200, measured through /proc, and stopped by its own pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** A started child that answered 200 on /healthz. */
export interface RunningProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** From spawn() to the first 200 on GET /healthz. */
  readyMs: number;
  /** The last lines the child wrote (for error messages). */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** A port nothing listens on right now (there is a small window before the child binds it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** GET url; resolves with the status, or null when the connection failed or timed out. */
export function httpStatus(url: string, timeoutMs = 1000): Promise<number | null> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode ?? null);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(null));
  });
}

/**
 * Spawns `node <args>` with `env` (PORT is chosen and added) and polls /healthz every 10 ms until
 * it answers 200; rejects if the child exits first or `timeoutMs` passes.
 */
export async function startProcess(options: { args: string[]; env: Record<string, string>; cwd: string; timeoutMs?: number }): Promise<RunningProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 50) lines.splice(0, lines.length - 50);
  };
  const started = performance.now();
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? code}`;
      resolve();
    });
  });
  const deadline = started + (options.timeoutMs ?? 60_000);
  let readyMs = -1;
  while (performance.now() < deadline && exited === null) {
    if ((await httpStatus(`${url}/healthz`, 500)) === 200) {
      readyMs = performance.now() - started;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const output = () => lines.join('\n');
  const stop = async (graceMs = 5000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exitPromise;
    clearTimeout(timer);
  };
  if (readyMs < 0) {
    await stop(0);
    throw new Error(`node ${options.args.join(' ')} did not become ready (${exited ?? 'timed out'}):\n${output()}`);
  }
  if (child.pid === undefined) throw new Error('child has no pid');
  return { child, pid: child.pid, port, url, readyMs, output, stop };
}

/** Resident and peak resident memory of a process in MB, from /proc/<pid>/status (Linux only). */
export function residentMemoryMb(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Runs `node <args>` to completion; resolves with stdout, rejects with stderr on a non-zero exit. */
export function runNode(args: string[], options: { cwd: string; env?: Record<string, string>; timeoutMs: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`node ${args.join(' ')} ${signal ? `killed by ${signal}` : `exited ${code}`}:\n${stderr.slice(-2000)}`));
    });
  });
}
