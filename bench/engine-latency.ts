/**
 * `npm run bench:engine`: dictionary load time, engine build time, resident memory after load,
 * and per-query latency (median, p99) over the dev questions with the tokenizer warm.
 * Figures are medians over repeated passes: the machines are shared and noisy.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { AnswerEngine } from '../src/engine/answer-engine.js';
import { loadKnowledgeOrThrow } from '../src/knowledge/load.js';
import { sharedDir } from '../src/project-root.js';
import { japaneseAnalyzer } from '../src/search/japanese-analyzer.js';
import { loadTokenizer } from '../src/text/tokenizer.js';

const { values } = parseArgs({ options: { passes: { type: 'string', default: '20' }, json: { type: 'boolean', default: false } } });

const t0 = performance.now();
const tokenizer = await loadTokenizer();
const dictionaryMs = performance.now() - t0;
const knowledge = await loadKnowledgeOrThrow();
const t1 = performance.now();
const engine = new AnswerEngine(knowledge, japaneseAnalyzer(tokenizer));
const buildMs = performance.now() - t1;

const devFile = path.join(sharedDir(), 'eval', 'dev.jsonl');
const questions = existsSync(devFile)
  ? readFileSync(devFile, 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { q: string }).q)
  : ['RPAとは', '児童手当の現況届はオンラインで出せますか', '鹿屋市の来庁者数の目標', 'こんにちは', 'qwerty'];
const longText = 'デジタルデバイドとは何ですか。'.repeat(334).slice(0, 5000);

for (const question of questions) engine.ask(question); // warm-up: JIT and kuromoji caches
const samples: number[] = [];
const longSamples: number[] = [];
for (let pass = 0; pass < Number(values.passes); pass += 1) {
  for (const question of questions) {
    const start = performance.now();
    engine.ask(question);
    samples.push(performance.now() - start);
  }
  const start = performance.now();
  engine.ask(longText);
  longSamples.push(performance.now() - start);
}
global.gc?.();
const figures = {
  dictionary_load_ms: round(dictionaryMs),
  engine_build_ms: round(buildMs),
  rss_mb: round(process.memoryUsage().rss / 1024 / 1024),
  engine_p50_ms: round(quantile(samples, 0.5)),
  engine_p99_ms: round(quantile(samples, 0.99)),
  long_text_p50_ms: round(quantile(longSamples, 0.5)),
  long_text_p99_ms: round(quantile(longSamples, 0.99)),
  queries: samples.length,
};
if (values.json) console.log(JSON.stringify(figures));
else for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(20)} ${value}`);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
