/**
 * `npm run calibrate`: fits the answer decision's confidence (DECISION_CALIBRATION.confidence) on
 * the dev sets and prints the weights to put there, with how well the current and the fitted
 * weights separate right entries from wrong ones. Only the dev sets are used, never a held-out set.
 *   --questions FILE   a question file to fit on (repeatable; default: ../shared/eval/dev.jsonl and dev-resident.jsonl)
 */
import './quiet-broken-pipe.js';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DECISION_CALIBRATION } from '../engine/answer-decision.js';
import { createAnswerEngine } from '../engine/create-engine.js';
import { toAskResult } from '../eval/ask-result.js';
import { areaUnderCurve, fitConfidence, predict, type CalibrationExample, type ConfidenceWeights } from '../eval/calibration.js';
import { entryIsRight, parseQuestions } from '../eval/scoring.js';
import { municipalitySchema } from '../knowledge/schema.js';
import { sharedDir } from '../project-root.js';

const { values } = parseArgs({ options: { questions: { type: 'string', multiple: true } } });
const files = values.questions ?? [path.join(sharedDir(), 'eval', 'dev.jsonl'), path.join(sharedDir(), 'eval', 'dev-resident.jsonl')];
const present = files.filter((file) => existsSync(file));
if (present.length === 0) {
  console.log(`calibrate skipped: none of ${files.join(', ')} found (../shared/eval is absent)`);
  process.exit(0);
}

const engine = await createAnswerEngine();
const examples: CalibrationExample[] = [];
for (const file of present) {
  for (const question of parseQuestions(await readFile(file, 'utf8'), file)) {
    const municipality = question.asked_as === undefined ? null : municipalitySchema.parse(question.asked_as);
    const answer = engine.ask(question.q, { municipality });
    // Greetings and lists need no decision about an entry: nothing to calibrate there.
    if (!answer.decision) continue;
    examples.push({ features: answer.decision.features, right: entryIsRight(question, toAskResult(answer)) });
  }
}

const fitted = fitConfidence(examples);
const current = DECISION_CALIBRATION.confidence;
const auc = (weights: ConfidenceWeights) => areaUnderCurve(examples.map((example) => ({ confidence: predict(weights, example.features), right: example.right })));
console.log(`calibrate: ${examples.length} questions from ${present.map((file) => path.basename(file)).join(', ')} (${examples.filter((example) => example.right).length} with a right best entry)`);
console.log(`  current weights ${JSON.stringify(current)}  AUC ${auc(current).toFixed(3)}`);
console.log(`  fitted weights  ${JSON.stringify(fitted)}  AUC ${auc(fitted).toFixed(3)}`);
console.log('Put the fitted weights in DECISION_CALIBRATION.confidence (src/engine/answer-decision.ts) when they separate better.');
