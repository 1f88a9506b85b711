import { describe, expect, it } from 'vitest';
import type { AskResult } from '../../src/eval/ask-result.js';
import { runProgram } from '../support/run-program.js';

const ask = (args: string[], input = '') => runProgram('src/cli/ask.ts', args, { input });

// The contract in ../shared/eval/README.md: other tools depend on it, so it is tested as a program.
// The runs are separate processes and overlap; each takes seconds on a busy machine.
describe.concurrent('ask CLI', { timeout: 60_000 }, () => {
  it('--jsonl prints one JSON object per input line, in order', async () => {
    const run = await ask(['--jsonl'], 'RPAとは\n\n東京タワーの高さは\n');
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as AskResult);
    expect(lines.map((line) => line.query)).toEqual(['RPAとは', '', '東京タワーの高さは']);
    const [rpa, , tower] = lines;
    expect(Object.keys(rpa!).sort()).toEqual(['answered', 'hits', 'intent', 'municipality', 'query', 'quickReplies', 'replyText']);
    expect(rpa!.hits[0]).toMatchObject({ kind: 'glossary', title: 'RPA' });
    expect(typeof rpa!.hits[0]!.score).toBe('number');
    expect(tower!.answered).toBe(false);
    for (const label of tower!.quickReplies) expect(tower!.replyText).not.toContain(label);
  });

  it('--municipality sets the remembered municipality', async () => {
    const run = await ask(['--jsonl', '--municipality', '嬉野市'], 'RPAとは\n');
    const [result] = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as AskResult);
    expect(result!.municipality).toBe('嬉野市');
    expect(result!.replyText).toContain('嬉野市');
  });

  it('prints the reply for a person when given a question', async () => {
    const run = await ask(['LGWANって何？']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('【LGWANとは】');
    expect(run.stdout).toContain('出典：');
  });

  it('rejects an unknown municipality with a clear message', async () => {
    const run = await ask(['--municipality', '東京都', 'RPAとは']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--municipality must be one of');
  });
});
