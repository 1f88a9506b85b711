import type { Fact, Kpi, Plan, Section } from '../../knowledge/schema.js';
import type { AnswerCard } from '../answer.js';
import { shortSourceLine, sourceLine } from '../source-line.js';
import { clip } from './clip.js';
import type { ComposedAnswer } from './composed-answer.js';
import type { CompositionContext } from './composition-context.js';

/** What the short answer quotes of a plan's text; 「くわしく」 gives the whole passage. */
const LEAD_CHARS = 160;
// A section is read for its list of measures; the whole list is behind 「くわしく」.
const SECTION_CHARS = 480;
const SHORT_SECTION_CHARS = 300;
const SHORT_FIGURES = 2;

/** A KPI: the target first, then where it stands now. */
export function composeKpiAnswer(kpi: Kpi, context: CompositionContext): ComposedAnswer {
  const card: AnswerCard = {
    title: `${kpi.municipality}の目標：${kpi.item}`,
    lead: `${kpi.item}の目標値は${kpi.target.text}（${kpi.target.year}）です。`,
    details: kpi.baseline ? [`現状値：${kpi.baseline.text}（${kpi.baseline.asOf}）`] : [],
    sources: [shortSourceLine(kpi.source, context.plans)],
    more: ['detail'],
  };
  return { card, detail: { ...card, more: undefined, sources: [sourceLine(kpi.source, context.plans)] } };
}

/** A structured fact (organisation, survey, status figure): the plan's sentence and its figures. */
export function composeFactAnswer(fact: Fact, context: CompositionContext): ComposedAnswer {
  const figure = (item: Fact['figures'][number]) => `・${item.label}：${item.text}${item.asOf ? `（${item.asOf}）` : ''}`;
  const lead = clip(fact.body, LEAD_CHARS);
  return {
    card: {
      title: `${fact.municipality}：${fact.title}`,
      lead,
      details: fact.figures.slice(0, SHORT_FIGURES).map(figure),
      sources: [shortSourceLine(fact.source, context.plans)],
      more: ['detail'],
    },
    detail: {
      title: `${fact.municipality}：${fact.title}`,
      lead: clip(fact.body, SECTION_CHARS * 2),
      details: fact.figures.map(figure),
      sources: [sourceLine(fact.source, context.plans)],
    },
  };
}

/** A chunk of a plan: its text, with the heading path it sits under. */
export function composeSectionAnswer(section: Section, context: CompositionContext): ComposedAnswer {
  const url = section.url ? { url: section.url } : {};
  return {
    card: {
      title: `${section.municipality}：${section.title}`,
      lead: sectionDigest(section.body, SHORT_SECTION_CHARS),
      details: [],
      sources: [shortSourceLine(section.source, context.plans)],
      ...url,
      more: ['detail'],
    },
    detail: {
      title: `${section.municipality}：${section.title}`,
      lead: clip(section.body, SECTION_CHARS * 2),
      details: [],
      sources: [sourceLine(section.source, context.plans)],
      ...url,
    },
  };
}

/**
 * A section as a phone shows it: a section laid out as 目標 / 現状と課題 / ①②③ measures reads best
 * as its goal and the measures' headings (the whole text is behind 「くわしく」); any other is clipped.
 */
export function sectionDigest(body: string, maxChars: number): string {
  const lines = body.split('\n').map((line) => line.trim());
  const measures = lines.filter((line) => /^[①-⑳]/.test(line)).map((line) => line.split(/[：:]/)[0]!);
  if (measures.length < 2) return clip(body, maxChars);
  const goal = lines.find((line) => /^目標[：:]/.test(line));
  return clip([goal, `取組：${measures.join(' ')}`].filter(Boolean).join('\n'), maxChars);
}

/** A plan as a whole: its period (or that it states none) and vision. */
export function composePlanAnswer(plan: Plan, context: CompositionContext): ComposedAnswer {
  const lead = plan.period
    ? `${plan.municipality}の「${plan.name}」の計画期間は、${plan.period.text}です。`
    : `${plan.municipality}の「${plan.name}」には、計画期間の定めが書かれていません。`;
  const url = plan.url ? { url: plan.url } : {};
  return {
    card: {
      title: plan.name,
      lead,
      details: plan.vision ? [`目指す姿：${clip(plan.vision, 60)}`] : [],
      sources: [shortSourceLine(plan.source, context.plans)],
      ...url,
      more: ['detail'],
    },
    detail: {
      title: plan.name,
      lead,
      details: [...(plan.review ? [`見直し：${plan.review}`] : []), ...(plan.vision ? [`目指す姿：${clip(plan.vision, 320)}`] : [])],
      sources: [sourceLine(plan.source, context.plans)],
      ...url,
    },
  };
}
