import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project's root directory. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** tsx's loader by absolute URL, so a program can run from any working directory. */
export const TSX_LOADER = pathToFileURL(path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** What a program run left behind. */
export interface ProgramRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the project's TypeScript programs as `npm run` would (node with tsx) and resolves
 * when it exits. Asynchronous, unlike spawnSync, so that the runs of one test file can overlap:
 * each spends most of its time starting up (loading tsx, the dictionary, the index).
 */
export function runProgram(script: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<ProgramRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(PROJECT_ROOT, script), ...args], {
      cwd: options.cwd ?? PROJECT_ROOT,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // a program that exits without reading its input
    child.stdin.end(options.input ?? '');
  });
}
