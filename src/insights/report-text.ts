import { jstDateTimeOf } from './jst-dates.js';
import { percent } from './report-tables.js';
import type { UsageReport } from './usage-report.js';

const rateText = (part: number, whole: number) => (whole === 0 ? '—' : `${percent(part / whole)}%`);

/** The report as plain Japanese text for a terminal, section by section. */
export function reportText(report: UsageReport): string {
  const { options, totals } = report;
  const lines: string[] = [];
  lines.push(`DX ナビ 利用状況レポート ${options.from} 〜 ${options.to}（${options.municipality ?? 'すべての市'}）`);
  lines.push(`メッセージ ${totals.messages}件 ／ 質問 ${totals.questions}件 ／ 回答 ${totals.answered}件（回答率 ${rateText(totals.answered, totals.questions)}）`);
  lines.push(`評価 役に立った ${totals.helpful}件 ／ 役に立たなかった ${totals.notHelpful}件`);
  if (totals.missed > 0) lines.push(`応答できなかったメッセージ ${totals.missed}件（受け付けた後にサーバーが止まり、返信の期限が切れたもの）`);

  lines.push('', '■ 日別の件数（日付 メッセージ 質問 回答 回答率）');
  for (const day of report.daily) lines.push(`${day.date}  ${day.messages}  ${day.questions}  ${day.answered}  ${rateText(day.answered, day.questions)}`);

  lines.push('', '■ よくある質問');
  if (report.topQuestions.length === 0) lines.push('（なし）');
  report.topQuestions.forEach((row, index) => {
    const entry = row.entryTitle ? ` → ${row.entryTitle}` : '';
    lines.push(`${index + 1}. ${row.question}（${row.count}件、回答率 ${rateText(row.answered, row.count)}）${entry}`);
  });

  lines.push('', '■ 回答できなかった質問（似た言い回しをまとめています）');
  if (report.unanswered.length === 0) lines.push('（なし）');
  report.unanswered.forEach((group, index) => {
    lines.push(`${index + 1}. ${group.question}（${group.count}件、最終 ${jstDateTimeOf(group.lastAt)}）`);
    if (group.wordings.length > 1) lines.push(`   言い回し: ${group.wordings.map((wording) => `${wording.text}（${wording.count}）`).join(' ／ ')}`);
  });

  lines.push('', '■ 項目ごとの評価（役に立った ／ 役に立たなかった）');
  if (report.feedback.length === 0) lines.push('（なし）');
  for (const row of report.feedback) lines.push(`${row.title ?? '（削除された項目）'} [${row.entryId}]  ${row.helpful} ／ ${row.notHelpful}`);
  return `${lines.join('\n')}\n`;
}
