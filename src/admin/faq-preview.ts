/**
 * How the bot answers now, and how it will answer once an FAQ change is saved: for the FAQ's own
 * wordings, the questions staff type, and the questions residents asked recently, so staff see
 * which existing answers the change would take over before it goes live.
 */
import type { Answer } from '../engine/answer.js';
import type { AnswerEngine } from '../engine/answer-engine.js';
import { replyText } from '../engine/reply-text.js';
import type { Faq, Municipality } from '../knowledge/schema.js';

/** One answer, as the preview shows it. */
export interface PreviewAnswer {
  answered: boolean;
  entryId: string | null;
  title: string | null;
  text: string;
}

/** One question asked of both engines. */
export interface PreviewRow {
  question: string;
  municipality: Municipality | null;
  /** Where the question comes from: the FAQ's wording, typed by staff, or asked by residents. */
  origin: 'wording' | 'typed' | 'asked';
  now: PreviewAnswer;
  after: PreviewAnswer;
  /** The answer changes with the edit. */
  changes: boolean;
}

/** A question to try, with the city it is asked for. */
export interface PreviewQuestion {
  question: string;
  municipality: Municipality | null;
  origin: PreviewRow['origin'];
}

const MAX_ROWS = 400;

/** Asks each question of the current engine and of the engine with `faqs`. */
export function previewFaqChange(current: AnswerEngine, faqs: readonly Faq[], questions: readonly PreviewQuestion[]): PreviewRow[] {
  const after = current.withFaqs(faqs);
  const seen = new Set<string>();
  const rows: PreviewRow[] = [];
  for (const item of questions) {
    const question = item.question.trim();
    const key = `${item.municipality ?? ''}\u0000${question}`;
    if (question === '' || seen.has(key) || rows.length >= MAX_ROWS) continue;
    seen.add(key);
    const now = view(current.ask(question, { municipality: item.municipality }));
    const next = view(after.ask(question, { municipality: item.municipality }));
    rows.push({ question, municipality: item.municipality, origin: item.origin, now, after: next, changes: now.entryId !== next.entryId || now.text !== next.text });
  }
  return rows;
}

function view(answer: Answer): PreviewAnswer {
  return { answered: answer.answered, entryId: answer.entryId, title: answer.card?.title ?? null, text: replyText(answer) };
}
