import type { Fact, Kpi, Plan, Section } from '../../knowledge/schema.js';
import type { AnswerCard } from '../answer.js';
import { sourceLine } from '../source-line.js';
import { clip } from './clip.js';
import type { CompositionContext } from './composition-context.js';

const LEAD_CHARS = 320;
// A section is read for its list of measures; cutting after the first would hide the rest.
const SECTION_CHARS = 480;

/** A KPI: the target first, then where it stands now. */
export function composeKpiAnswer(kpi: Kpi, context: CompositionContext): AnswerCard {
  return {
    title: `${kpi.municipality}の目標：${kpi.item}`,
    lead: `${kpi.item}の目標値は${kpi.target.text}（${kpi.target.year}）です。`,
    details: kpi.baseline ? [`現状値：${kpi.baseline.text}（${kpi.baseline.asOf}）`] : [],
    sources: [sourceLine(kpi.source, context.plans)],
  };
}

/** A structured fact (organisation, survey, status figure): the plan's sentence and its figures. */
export function composeFactAnswer(fact: Fact, context: CompositionContext): AnswerCard {
  return {
    title: `${fact.municipality}：${fact.title}`,
    lead: clip(fact.body, LEAD_CHARS),
    details: fact.figures.slice(0, 6).map((figure) => `・${figure.label}：${figure.text}${figure.asOf ? `（${figure.asOf}）` : ''}`),
    sources: [sourceLine(fact.source, context.plans)],
  };
}

/** A chunk of a plan: its text, with the heading path it sits under. */
export function composeSectionAnswer(section: Section, context: CompositionContext): AnswerCard {
  return {
    title: `${section.municipality}：${section.title}`,
    lead: clip(section.body, SECTION_CHARS),
    details: [],
    sources: [sourceLine(section.source, context.plans)],
    ...(section.url ? { url: section.url } : {}),
  };
}

/** A plan as a whole: its period (or that it states none) and vision. */
export function composePlanAnswer(plan: Plan, context: CompositionContext): AnswerCard {
  const lead = plan.period
    ? `${plan.municipality}の「${plan.name}」の計画期間は、${plan.period.text}です。`
    : `${plan.municipality}の「${plan.name}」には、計画期間の定めが書かれていません。`;
  return {
    title: plan.name,
    lead,
    details: [...(plan.review ? [`見直し：${plan.review}`] : []), ...(plan.vision ? [`目指す姿：${clip(plan.vision, 160)}`] : [])],
    sources: [sourceLine(plan.source, context.plans)],
    ...(plan.url ? { url: plan.url } : {}),
  };
}
