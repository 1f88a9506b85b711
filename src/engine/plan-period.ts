import type { Plan } from '../knowledge/schema.js';

/**
 * A plan's period in a few characters, so a reader sees when a plan has run out: 「令和5〜7年度」,
 * or the plan's own wording when it is not a span of 令和 years, or 「期間の定めなし」.
 */
export function planPeriodLabel(plan: Pick<Plan, 'period'>): string {
  if (!plan.period) return '期間の定めなし';
  const year = (text: string) => /令和(\d+|元)年度/.exec(text.normalize('NFKC'))?.[1];
  const from = year(plan.period.from);
  const to = year(plan.period.to);
  return from && to ? `令和${from}〜${to}年度` : plan.period.text;
}
