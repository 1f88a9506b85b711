import type { Answer } from '../engine/answer.js';
import { replyText } from '../engine/reply-text.js';

/** One line of `ask --jsonl` output: the contract in ../shared/eval/README.md. */
export interface AskResult {
  query: string;
  answered: boolean;
  intent: string;
  municipality: string | null;
  hits: Array<{ kind: string; title: string; municipality: string | null; score: number }>;
  replyText: string;
  quickReplies: string[];
  /** 0…1: how sure the engine is that its best entry answers the question (calibrated on the dev sets). */
  confidence?: number;
}

/** The contract's view of an engine answer. */
export function toAskResult(answer: Answer): AskResult {
  return {
    query: answer.query,
    answered: answer.answered,
    intent: answer.intent,
    municipality: answer.municipality,
    hits: answer.hits.map(({ kind, title, municipality, score }) => ({ kind, title, municipality, score })),
    replyText: replyText(answer),
    quickReplies: answer.quickReplies.map((reply) => reply.label),
    ...(answer.decision ? { confidence: answer.decision.confidence } : {}),
  };
}
