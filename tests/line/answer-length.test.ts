/**
 * What a resident reads first must fit a phone: on the resident questions of the dev set, the
 * first message of every answered reply has at most 450 visible characters and the median at most
 * 200; every Flex message has an altText that says what it is about (notifications, screen readers).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/engine/answer-engine.js';
import { municipalitySchema } from '../../src/knowledge/schema.js';
import { answerToMessages } from '../../src/line/answer-messages.js';
import { graphemeCount } from '../../src/line/text-limits.js';
import { visibleText } from '../../src/line/visible-text.js';
import { sharedDir } from '../../src/project-root.js';
import { engineForTests } from '../server/webhook-harness.js';

const questionsFile = path.join(sharedDir(), 'eval', 'dev-resident.jsonl');
const present = existsSync(questionsFile);
let engine: AnswerEngine;
beforeAll(async () => {
  if (present) engine = await engineForTests();
});

it.skipIf(!present)(present ? 'keeps the first message short on the resident questions, each Flex with a meaningful altText' : `skipped: ${questionsFile} not found`, () => {
  const questions = readFileSync(questionsFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { q: string; asked_as?: string });
  const lengths: number[] = [];
  for (const question of questions) {
    const answer = engine.ask(question.q, { municipality: question.asked_as ? municipalitySchema.parse(question.asked_as) : null });
    const messages = answerToMessages(answer, { feedback: answer.answered });
    for (const message of messages) {
      if (message.type !== 'flex') continue;
      expect(message.altText, question.q).toContain(answer.card!.title.slice(0, 20));
      expect(message.altText.length, question.q).toBeGreaterThan(answer.card!.title.length + 4);
    }
    if (answer.answered) lengths.push(graphemeCount(visibleText(messages[0]!).replace(/\n/g, '')));
  }
  lengths.sort((a, b) => a - b);
  const median = (lengths[Math.floor((lengths.length - 1) / 2)]! + lengths[Math.ceil((lengths.length - 1) / 2)]!) / 2;
  expect(lengths.length).toBeGreaterThan(30);
  expect(median).toBeLessThanOrEqual(200);
  expect(lengths.at(-1)).toBeLessThanOrEqual(450);
});
