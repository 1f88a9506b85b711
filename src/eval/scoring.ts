/**
 * The scoring rules of ../shared/eval/README.md, implemented exactly: other tools compare their
 * figures with ours, so nothing here is tuned or loosened.
 */
import type { AskResult } from './ask-result.js';
import { parseJsonLines } from './jsonl.js';

export type QuestionKind = 'glossary' | 'procedure' | 'plan' | 'none';

/** One line of an eval question file. */
export interface EvalQuestion {
  q: string;
  kind: QuestionKind;
  title_any: string[];
  reply_any: string[];
  municipality?: string;
  /** The municipality the person chose earlier: the question is asked as that person. */
  asked_as?: string;
}

export interface QuestionScore {
  question: EvalQuestion;
  result: AskResult;
  passed: boolean;
  top1: boolean;
  /** 1/rank of the first hit whose title matches `title_any`; 0 when none does. */
  reciprocalRank: number;
}

export interface EvalSummary {
  total: number;
  passed: number;
  passRate: number;
  byKind: Record<string, { total: number; passed: number; passRate: number }>;
  top1: number;
  top1Rate: number;
  mrr: number;
  failures: QuestionScore[];
}

/** NFKC, lower case, and `・`, `･`, spaces and `,` removed — the README's normalisation. */
export function normaliseForScoring(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[・･\s,]/g, '');
}

const containsAny = (text: string, needles: readonly string[]) => {
  const haystack = normaliseForScoring(text);
  return needles.some((needle) => haystack.includes(normaliseForScoring(needle)));
};

/** Scores one answer against one question. */
export function scoreQuestion(question: EvalQuestion, result: AskResult): QuestionScore {
  const titleMatches = (title: string) => containsAny(title, question.title_any);
  const firstMatch = result.hits.findIndex((hit) => titleMatches(hit.title));
  const reciprocalRank = question.title_any.length > 0 && firstMatch >= 0 ? 1 / (firstMatch + 1) : 0;

  let passed: boolean;
  if (question.kind === 'none') {
    passed = !result.answered;
  } else {
    const titleOk = question.title_any.length === 0 || result.hits.slice(0, 3).some((hit) => titleMatches(hit.title));
    const replyOk = question.reply_any.length === 0 || containsAny(result.replyText, question.reply_any);
    const municipalityOk = question.municipality === undefined || result.hits[0]?.municipality === question.municipality;
    // A decline or a "which of these?" is not an answer, whatever text it happens to contain.
    passed = result.answered && titleOk && replyOk && municipalityOk;
  }
  const top1 = question.title_any.length > 0 ? firstMatch === 0 : passed;
  return { question, result, passed, top1, reciprocalRank };
}

/**
 * Whether the engine's best entries answer the question, whatever it decided to say: for an
 * answer its score; for a decline the titles and the city alone (its reply is the decline's).
 * Out-of-scope questions have no right entry. This is the label the confidence is calibrated on.
 */
export function entryIsRight(question: EvalQuestion, result: AskResult): boolean {
  if (question.kind === 'none') return false;
  if (result.answered) return scoreQuestion(question, result).passed;
  return scoreQuestion({ ...question, reply_any: [] }, { ...result, answered: true }).passed;
}

/** Aggregates per-question scores into the figures the eval command prints. */
export function summarise(scores: readonly QuestionScore[]): EvalSummary {
  const byKind: EvalSummary['byKind'] = {};
  for (const score of scores) {
    const row = (byKind[score.question.kind] ??= { total: 0, passed: 0, passRate: 0 });
    row.total += 1;
    if (score.passed) row.passed += 1;
  }
  for (const row of Object.values(byKind)) row.passRate = row.total === 0 ? 0 : row.passed / row.total;
  const passed = scores.filter((score) => score.passed).length;
  const top1 = scores.filter((score) => score.top1).length;
  const titled = scores.filter((score) => score.question.title_any.length > 0);
  const mrr = titled.length === 0 ? 0 : titled.reduce((sum, score) => sum + score.reciprocalRank, 0) / titled.length;
  return {
    total: scores.length,
    passed,
    passRate: scores.length === 0 ? 0 : passed / scores.length,
    byKind,
    top1,
    top1Rate: scores.length === 0 ? 0 : top1 / scores.length,
    mrr,
    failures: scores.filter((score) => !score.passed),
  };
}

/** Parses a JSONL question file, naming the line of any malformed question. */
export function parseQuestions(jsonl: string, file = 'questions'): EvalQuestion[] {
  return parseJsonLines(jsonl, file).map(({ value, line }) => {
    const question = value as Partial<EvalQuestion>;
    if (typeof question.q !== 'string' || typeof question.kind !== 'string') throw new Error(`${file}:${line}: needs "q" and "kind"`);
    return {
      q: question.q,
      kind: question.kind,
      title_any: question.title_any ?? [],
      reply_any: question.reply_any ?? [],
      ...(question.municipality ? { municipality: question.municipality } : {}),
      ...(question.asked_as ? { asked_as: question.asked_as } : {}),
    };
  });
}
