/**
 * The length of what a resident reads first: for each answered question of a question set, the
 * visible text of the reply's first message (a text or a Flex bubble), in characters (grapheme
 * clusters, line breaks not counted). Prints the median and maximum, and the longest answers.
 *
 *   npx tsx bench/answer-lengths.ts [../shared/eval/dev-resident.jsonl]
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createAnswerEngine } from '../src/engine/create-engine.js';
import { parseQuestions } from '../src/eval/scoring.js';
import { municipalitySchema } from '../src/knowledge/schema.js';
import { answerToMessages } from '../src/line/answer-messages.js';
import { graphemeCount } from '../src/line/text-limits.js';
import { visibleText } from '../src/line/visible-text.js';
import { sharedDir } from '../src/project-root.js';

const file = process.argv[2] ?? path.join(sharedDir(), 'eval', 'dev-resident.jsonl');
const raw = await readFile(file, 'utf8');
const questions = parseQuestions(raw, file);
// `asked_as`: the city the person chose earlier (../shared/eval/README.md).
const askedAs = raw.split('\n').filter((line) => line.trim()).map((line) => (JSON.parse(line) as { asked_as?: string }).asked_as);
const engine = await createAnswerEngine();
const lengths: Array<{ q: string; length: number }> = [];
for (const [index, question] of questions.entries()) {
  const asked = askedAs[index] ? municipalitySchema.parse(askedAs[index]) : null;
  const answer = engine.ask(question.q, { municipality: asked });
  if (!answer.answered) continue;
  const [first] = answerToMessages(answer, { feedback: true });
  lengths.push({ q: question.q, length: graphemeCount(visibleText(first!).replace(/\n/g, '')) });
}
const sorted = lengths.map((entry) => entry.length).sort((a, b) => a - b);
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
console.log(`${path.basename(file)}: ${lengths.length} answered; first message ${median} characters median, ${sorted.at(-1)} max`);
for (const entry of [...lengths].sort((a, b) => b.length - a.length).slice(0, 8)) console.log(`  ${entry.length}  ${entry.q}`);
