import type { Plan, Source } from '../knowledge/schema.js';
import { planPeriodLabel } from './plan-period.js';

/**
 * 「出典：鹿屋市「第2期鹿屋市DX推進計画」（令和8〜11年度） 第3章 > …（注3）」: city, plan, the plan's
 * period (so a reader sees when a plan has run out) and chapter, as residents read it.
 */
export function sourceLine(source: Source, plans: ReadonlyMap<string, Plan>): string {
  const plan = plans.get(source.plan);
  const planName = plan ? `${plan.municipality}「${plan.name}」（${planPeriodLabel(plan)}）` : source.plan;
  const footnote = source.footnote ? `（${source.footnote}）` : '';
  return `出典：${planName} ${source.section}${footnote}`;
}

/** The one source line of a short answer: the plan and its period, 「出典：鹿屋市DX推進計画（第2期）（令和8〜11年度）」. */
export function shortSourceLine(source: Source, plans: ReadonlyMap<string, Plan>): string {
  const plan = plans.get(source.plan);
  if (!plan) return `出典：${source.plan}`;
  const name = plan.shortName.includes(plan.municipality.replace(/市$/, '')) ? plan.shortName : `${plan.municipality}${plan.shortName}`;
  return `出典：${name}（${planPeriodLabel(plan)}）`;
}
