import type { Procedure, ProcedureStatus } from '../../knowledge/schema.js';

/** How each status reads to a resident. */
export const STATUS_LABELS: Record<ProcedureStatus, string> = {
  available: '実施済み',
  planned: '計画中',
  studying: '検討中',
};

/** Most advanced first. */
export const STATUS_ORDER: Record<ProcedureStatus, number> = { available: 0, planned: 1, studying: 2 };

/** The caveat every procedure answer ends with: the plan is not a live service list. */
export const CONFIRM_NOTE = '※計画に書かれた内容です。現在の受付状況は、市のホームページまたは担当窓口でご確認ください。';

/** The short answer's caveat: the same, in one line. */
export const SHORT_CONFIRM_NOTE = '※計画に書かれた内容です。いまの受付状況は市にご確認ください。';

/**
 * The direct answer for one city: 「鹿屋市では、オンラインでできます（実施済み）。」,
 * 「鹿屋市では、オンライン化は計画中です（令和8年度予定）。」, 「…検討中です。」
 */
export function statusAnswer(procedure: Procedure): string {
  switch (procedure.status) {
    case 'available':
      return `${procedure.municipality}では、オンラインでできます（実施済み${procedure.since ? `・${procedure.since}から` : ''}）。`;
    case 'planned':
      return `${procedure.municipality}では、オンライン化は計画中です${procedure.by ? `（${procedure.by}予定）` : ''}。`;
    case 'studying':
      return `${procedure.municipality}では、オンライン化を検討中です。`;
  }
}

/** The status with its date as the plan gives it: 「実施済み・令和5年2月〜」, 「計画中・令和8年度」, 「検討中」. */
export function statusLabel(procedure: Procedure): string {
  const when = procedure.status === 'available' ? procedure.since : procedure.by;
  return [STATUS_LABELS[procedure.status], when].filter(Boolean).join('・');
}

/** One line per city statement: 「鹿屋市（実施済み・令和5年2月〜）：マイナポータル …」. */
export function statementLine(procedure: Procedure): string {
  return `・${procedure.municipality}（${statusLabel(procedure)}）：${procedure.statusText}`;
}
