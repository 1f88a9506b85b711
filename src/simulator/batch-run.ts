import type { AnswerEngine } from '../engine/answer-engine.js';
import type { HitSummary } from '../engine/answer.js';
import { clip } from '../engine/compose/clip.js';
import { replyText } from '../engine/reply-text.js';
import type { Municipality } from '../knowledge/schema.js';

/** More lines than any hand-made test list; the cap keeps one request from holding the engine for long. */
export const MAX_BATCH_QUESTIONS = 1000;
/** Characters of the reply shown in the table; the CSV carries the whole text. */
export const REPLY_SNIPPET_CHARS = 80;

/** One question of a batch and what the engine answered. */
export interface BatchRow {
  question: string;
  intent: string;
  answered: boolean;
  municipality: string | null;
  topHit: HitSummary | null;
  replySnippet: string;
  replyText: string;
}

/** The questions in pasted text: one a line, trimmed, blank lines dropped. */
export function questionsFrom(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Asks the engine every question, as a person whose city is `municipality` (or unset). */
export function runBatch(engine: AnswerEngine, questions: readonly string[], municipality: Municipality | null): BatchRow[] {
  return questions.map((question) => {
    const answer = engine.ask(question, { municipality });
    const text = replyText(answer);
    return {
      question,
      intent: answer.intent,
      answered: answer.answered,
      municipality: answer.municipality,
      topHit: answer.hits[0] ?? null,
      replySnippet: clip(text.replace(/\s+/gu, ' '), REPLY_SNIPPET_CHARS),
      replyText: text,
    };
  });
}
