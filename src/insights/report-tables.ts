import { MUNICIPALITY_SLUGS } from '../knowledge/layout.js';
import type { CsvTable } from './csv.js';
import { jstDateTimeOf } from './jst-dates.js';
import type { UsageReport } from './usage-report.js';

/** The tables a report exports, by the name the CLI's --csv and the admin API take. */
export const REPORT_TABLES = ['daily', 'top-questions', 'unanswered', 'feedback'] as const;
export type ReportTableName = (typeof REPORT_TABLES)[number];

/** True for a name in REPORT_TABLES. */
export function isReportTableName(name: string): name is ReportTableName {
  return (REPORT_TABLES as readonly string[]).includes(name);
}

/** A ratio as a percentage with one decimal, or empty when there is nothing to divide. */
export function percent(ratio: number | null): number | null {
  return ratio === null ? null : Math.round(ratio * 1000) / 10;
}

const rate = (part: number, whole: number) => percent(whole === 0 ? null : part / whole);

/** One table of the report, with Japanese headers, as staff open it in a spreadsheet. */
export function reportTable(report: UsageReport, name: ReportTableName): CsvTable {
  switch (name) {
    case 'daily':
      return {
        headers: ['日付', 'メッセージ数', '質問数', '回答数', '回答率(%)'],
        rows: report.daily.map((day) => [day.date, day.messages, day.questions, day.answered, rate(day.answered, day.questions)]),
      };
    case 'top-questions':
      return {
        headers: ['順位', '質問', '件数', '回答数', '回答率(%)', '主な回答項目ID', '主な回答項目'],
        rows: report.topQuestions.map((row, index) => [index + 1, row.question, row.count, row.answered, rate(row.answered, row.count), row.entryId, row.entryTitle]),
      };
    case 'unanswered':
      return {
        headers: ['順位', '質問（代表的な言い回し）', '件数', '言い回しの例', '最終受信日時'],
        rows: report.unanswered.map((group, index) => [
          index + 1,
          group.question,
          group.count,
          group.wordings.map((wording) => `${wording.text}（${wording.count}）`).join(' ／ '),
          jstDateTimeOf(group.lastAt),
        ]),
      };
    case 'feedback':
      return {
        headers: ['項目ID', '項目名', '役に立った', '役に立たなかった', '合計'],
        rows: report.feedback.map((row) => [row.entryId, row.title, row.helpful, row.notHelpful, row.helpful + row.notHelpful]),
      };
  }
}

/** An ASCII file name for a table (`dx-navi-unanswered-2026-06-01_2026-06-30-kanoya.csv`). */
export function reportFileName(report: UsageReport, name: ReportTableName): string {
  const slug = Object.entries(MUNICIPALITY_SLUGS).find(([, municipality]) => municipality === report.options.municipality)?.[0];
  return `dx-navi-${name}-${report.options.from}_${report.options.to}${slug ? `-${slug}` : ''}.csv`;
}
