import type { GlossaryEntry, Municipality } from '../../knowledge/schema.js';
import type { AnswerCard, QuickReply } from '../answer.js';
import { shortSourceLine, sourceLine } from '../source-line.js';
import { clip } from './clip.js';
import { preferMunicipality, type CompositionContext } from './composition-context.js';
import type { ComposedAnswer } from './composed-answer.js';

const MAX_DEFINITIONS = 2;
/** A definition longer than this is cut at a sentence end in the short answer; くわしく has it whole. */
const LEAD_CHARS = 260;
/** Two plans' definitions together up to this length both fit the short answer. */
const BOTH_DEFINITIONS_CHARS = 150;

/**
 * A term's meaning: the asking person's city's definition first, with its reading and one source.
 * 「くわしく」 gives the whole entry with every source, 「他の市では」 the other plans' definitions.
 */
export function composeGlossaryAnswer(entry: GlossaryEntry, municipality: Municipality | null, context: CompositionContext): ComposedAnswer & { quickReplies: QuickReply[] } {
  const definitions = preferMunicipality(entry.definitions, municipality);
  const distinct = definitions.filter((definition, index) => definitions.findIndex((other) => other.text === definition.text) === index);
  const [first, ...others] = distinct;
  const names: string[] = [];
  if (entry.fullName) names.push(`正式名称：${entry.fullName}`);
  if (/[^\u3041-\u30ff]/.test(entry.term)) names.push(`読み方：${entry.reading}`);
  const whose = (scope: string) => (scope === 'national' ? '国' : scope);
  const lead = clip(first?.text ?? '', LEAD_CHARS);
  const detail: AnswerCard = {
    title: `${entry.term}とは`,
    lead: first?.text ?? '',
    details: [...names, ...others.slice(0, MAX_DEFINITIONS - 1).map((other) => `${whose(other.municipality)}の計画では：${other.text}`)],
    sources: distinct.slice(0, MAX_DEFINITIONS).map((definition) => sourceLine(definition.source, context.plans)),
  };
  const otherCities: AnswerCard | undefined =
    others.length > 0
      ? {
          title: `${entry.term}：他の計画の説明`,
          lead: others.map((other) => `${whose(other.municipality)}の計画では：${other.text}`).join('\n'),
          details: [],
          sources: others.map((other) => sourceLine(other.source, context.plans)),
        }
      : undefined;
  // くわしく always has something more: the chapter the definition is in, at least.
  const more: Array<'detail' | 'others'> = otherCities ? ['detail', 'others'] : ['detail'];
  // A second plan's wording often explains what the first leaves out; when both are short, both show.
  const second = others[0];
  const secondFits = second && [...lead].length + [...second.text].length <= BOTH_DEFINITIONS_CHARS;
  const card: AnswerCard = {
    title: `${entry.term}とは`,
    lead,
    details: [...(secondFits ? [`${whose(second.municipality)}の計画では：${second.text}`] : []), ...names],
    sources: first ? [shortSourceLine(first.source, context.plans)] : [],
    more,
  };
  const related = entry.related
    .map((id) => context.knowledge.glossary.find((other) => other.id === id))
    .filter((other): other is GlossaryEntry => other !== undefined)
    .slice(0, 3)
    .map((other): QuickReply => ({ type: 'message', label: truncateLabel(`${other.term}とは`), text: `${other.term}とは` }));
  return { card, detail, ...(otherCities ? { others: otherCities } : {}), quickReplies: related };
}

/** Quick-reply labels are limited to 20 characters by LINE. */
export function truncateLabel(label: string): string {
  const chars = [...label];
  return chars.length <= 20 ? label : `${chars.slice(0, 19).join('')}…`;
}
