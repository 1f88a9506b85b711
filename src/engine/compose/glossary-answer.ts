import type { GlossaryEntry, Municipality } from '../../knowledge/schema.js';
import type { AnswerCard, QuickReply } from '../answer.js';
import { sourceLine } from '../source-line.js';
import { preferMunicipality, type CompositionContext } from './composition-context.js';

const MAX_DEFINITIONS = 2;

/** A term's meaning: the asking person's city's definition first, then one other if it differs. */
export function composeGlossaryAnswer(
  entry: GlossaryEntry,
  municipality: Municipality | null,
  context: CompositionContext,
): { card: AnswerCard; quickReplies: QuickReply[] } {
  const definitions = preferMunicipality(entry.definitions, municipality);
  const distinct = definitions.filter((definition, index) => definitions.findIndex((other) => other.text === definition.text) === index);
  const shown = distinct.slice(0, MAX_DEFINITIONS);
  const [first, ...others] = shown;
  const details: string[] = [];
  if (entry.fullName) details.push(`正式名称：${entry.fullName}`);
  if (/[^\u3041-\u30ff]/.test(entry.term)) details.push(`読み方：${entry.reading}`);
  for (const other of others) details.push(`${other.municipality === 'national' ? '国' : other.municipality}の計画では：${other.text}`);
  const card: AnswerCard = {
    title: `${entry.term}とは`,
    lead: first?.text ?? '',
    details,
    sources: shown.map((definition) => sourceLine(definition.source, context.plans)),
  };
  const related = entry.related
    .map((id) => context.knowledge.glossary.find((other) => other.id === id))
    .filter((other): other is GlossaryEntry => other !== undefined)
    .slice(0, 3)
    .map((other): QuickReply => ({ type: 'message', label: truncateLabel(`${other.term}とは`), text: `${other.term}とは` }));
  return { card, quickReplies: related };
}

/** Quick-reply labels are limited to 20 characters by LINE. */
export function truncateLabel(label: string): string {
  const chars = [...label];
  return chars.length <= 20 ? label : `${chars.slice(0, 19).join('')}…`;
}
