/**
 * `npm run bench:engine`: dictionary load time, engine build time, resident memory after load,
 * and per-query latency (median, p99) over the dev questions with the tokenizer warm, plus the
 * same for 5,000-character messages (the longest text LINE delivers).
 * Figures are medians over repeated passes: the machines are shared and noisy.
 * `npm run bench` runs this in its own process and folds the figures into its report.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { AnswerEngine } from '../src/engine/answer-engine.js';
import { loadKnowledgeOrThrow } from '../src/knowledge/load.js';
import { projectRoot } from '../src/project-root.js';
import { documentsFromKnowledge } from '../src/search/documents-from-knowledge.js';
import { japaneseAnalyzer } from '../src/search/japanese-analyzer.js';
import { loadTokenizer } from '../src/text/tokenizer.js';
import { devQuestions } from './lib/webhook-events.js';
import { quantile, round2 } from './lib/stats.js';

const { values } = parseArgs({ options: { passes: { type: 'string', default: '20' }, json: { type: 'boolean', default: false } } });
const passes = Math.max(1, Number(values.passes));

const t0 = performance.now();
const tokenizer = await loadTokenizer();
const dictionaryMs = performance.now() - t0;
const knowledge = await loadKnowledgeOrThrow();
const t1 = performance.now();
const engine = new AnswerEngine(knowledge, japaneseAnalyzer(tokenizer));
const buildMs = performance.now() - t1;
const rssAfterLoad = process.memoryUsage().rss;

const { questions, source } = devQuestions();
const longTexts = fiveThousandCharacterTexts();

for (const question of questions) engine.ask(question); // warm-up: JIT and kuromoji caches
for (const text of Object.values(longTexts)) engine.ask(text);
const samples: number[] = [];
const longSamples: number[] = [];
const longByKind: Record<string, number[]> = Object.fromEntries(Object.keys(longTexts).map((kind) => [kind, []]));
for (let pass = 0; pass < passes; pass += 1) {
  for (const question of questions) {
    const start = performance.now();
    engine.ask(question);
    samples.push(performance.now() - start);
  }
  for (const [kind, text] of Object.entries(longTexts)) {
    const start = performance.now();
    engine.ask(text);
    const elapsed = performance.now() - start;
    longSamples.push(elapsed);
    longByKind[kind]?.push(elapsed);
  }
}
global.gc?.();
const memory = process.memoryUsage();
const figures = {
  dictionary_load_ms: round2(dictionaryMs),
  engine_build_ms: round2(buildMs),
  rss_after_load_mb: round2(rssAfterLoad / 1024 / 1024),
  rss_mb: round2(memory.rss / 1024 / 1024),
  heap_used_mb: round2(memory.heapUsed / 1024 / 1024),
  array_buffers_mb: round2(memory.arrayBuffers / 1024 / 1024),
  engine_p50_ms: round2(quantile(samples, 0.5)),
  engine_p99_ms: round2(quantile(samples, 0.99)),
  engine_max_ms: round2(quantile(samples, 1)),
  long_text_p50_ms: round2(quantile(longSamples, 0.5)),
  long_text_p99_ms: round2(quantile(longSamples, 0.99)),
  ...Object.fromEntries(Object.entries(longByKind).map(([kind, kindSamples]) => [`long_${kind}_p50_ms`, round2(quantile(kindSamples, 0.5))])),
  queries: samples.length,
  long_queries: longSamples.length,
  questions_from: source,
};
if (values.json) console.log(JSON.stringify(figures));
else for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(24)} ${value}`);

/**
 * Four kinds of 5,000-character message: the real-shaped one in webhooks/, one question pasted
 * over and over (few distinct bigrams), plan text (as many distinct bigrams as a message can
 * have) and the same plan text with every punctuation mark removed (one long "sentence" for
 * kuromoji's lattice).
 */
function fiveThousandCharacterTexts(): Record<string, string> {
  const webhook = JSON.parse(readFileSync(path.join(projectRoot(), 'webhooks', 'text-long-5000.json'), 'utf8')) as { events: Array<{ message: { text: string } }> };
  const plans = documentsFromKnowledge(knowledge)
    .map((document) => document.body)
    .join('')
    .slice(0, 20_000);
  const fit = (text: string) => [...text.repeat(Math.ceil(5000 / Math.max(1, [...text].length)))].slice(0, 5000).join('');
  return {
    webhook: webhook.events[0]?.message.text ?? fit('デジタルデバイドとは何ですか。'),
    repeated: fit('デジタルデバイドとは何ですか。'),
    plan: fit(plans),
    unpunctuated: fit(plans.replace(/[\s\p{P}]/gu, '')),
  };
}
