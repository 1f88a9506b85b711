/**
 * The engine-bound rate, measured as a server runs: the compiled engine (dist/, as `npm start`
 * runs it) in a child process of its own with the servers' node flags, answering the benchmark's
 * questions in a loop, warmed as a server is by its warm-up. Its CPU time per question (the whole
 * process's, GC threads included, as the servers' is counted) is what a process that did nothing
 * but answer would spend.
 */
import { writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runNode } from './processes.js';

// Runs in the child: imports the compiled engine and prints the CPU time per question as JSON.
const CHILD = `
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [root, questionsFile, warmup, count] = process.argv.slice(1);
const questions = JSON.parse(readFileSync(questionsFile, 'utf8'));
const { createAnswerEngine } = await import(pathToFileURL(root + '/dist/src/engine/create-engine.js').href);
const engine = await createAnswerEngine();
const ask = (n) => { for (let i = 0; i < n; i += 1) engine.ask(questions[i % questions.length]); };
ask(Number(warmup));
const before = process.cpuUsage();
ask(Number(count));
const used = process.cpuUsage(before);
process.stdout.write(JSON.stringify({ cpuMsPerEvent: (used.user + used.system) / 1000 / Number(count) }));
`;

/** CPU ms per question of the compiled engine alone, in a child started with `nodeFlags`. */
export async function engineAloneCpuMs(options: { root: string; questions: readonly string[]; warmup: number; count: number; nodeFlags: readonly string[] }): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dx-navi-engine-alone-'));
  try {
    const file = path.join(dir, 'questions.json');
    writeFileSync(file, JSON.stringify(options.questions));
    const out = await runNode([...options.nodeFlags, '--input-type=module', '-e', CHILD, options.root, file, String(options.warmup), String(options.count)], { cwd: options.root, timeoutMs: 300_000 });
    return (JSON.parse(out) as { cpuMsPerEvent: number }).cpuMsPerEvent;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
