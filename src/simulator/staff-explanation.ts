import type { Answer, HitSummary } from '../engine/answer.js';
import { replyText } from '../engine/reply-text.js';
import type { Municipality } from '../knowledge/schema.js';

/** Why the engine answered a message as it did, for the staff panel beside the chat. */
export interface StaffExplanation {
  query: string;
  normalized: string;
  terms: string[];
  readings: string[];
  intent: string;
  answered: boolean;
  /** The city the answer preferred, and where that came from (the message, the person's setting, none). */
  municipality: string | null;
  municipalitySource: Answer['trace']['municipalitySource'];
  /** The city the bot remembers for this person, whether or not the answer used it. */
  rememberedMunicipality: Municipality | null;
  entryId: string | null;
  hits: HitSummary[];
  /** 「出典：…」 lines of the answer's card. */
  sources: string[];
  /** Everything the person reads, as plain text. */
  replyText: string;
  /** The answer decision about the best entry: the rule that decided, its confidence and features. */
  decision: Answer['decision'] | null;
}

/** Reduces an engine Answer to what the staff panel shows; nothing is recomputed here. */
export function explainAnswer(answer: Answer, rememberedMunicipality: Municipality | null): StaffExplanation {
  return {
    query: answer.query,
    normalized: answer.trace.normalized,
    terms: answer.trace.terms,
    readings: answer.trace.readings,
    intent: answer.intent,
    answered: answer.answered,
    municipality: answer.municipality,
    municipalitySource: answer.trace.municipalitySource,
    rememberedMunicipality,
    entryId: answer.entryId,
    hits: answer.hits,
    sources: answer.card?.sources ?? [],
    replyText: replyText(answer),
    decision: answer.decision ?? null,
  };
}
