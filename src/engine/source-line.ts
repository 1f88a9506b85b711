import type { Plan, Source } from '../knowledge/schema.js';

/** 「出典：鹿屋市『第2期鹿屋市DX推進計画』第3章 > …（注3）」: city, plan and chapter, as residents read it. */
export function sourceLine(source: Source, plans: ReadonlyMap<string, Plan>): string {
  const plan = plans.get(source.plan);
  const planName = plan ? `${plan.municipality}「${plan.name}」` : source.plan;
  const footnote = source.footnote ? `（${source.footnote}）` : '';
  return `出典：${planName} ${source.section}${footnote}`;
}
