import type { KnowledgeChange } from '../changes/change-log.js';
import type { FaqHealth } from './faq-health.js';
import { jstDateTimeOf } from './jst-dates.js';

const ACTIONS: Record<KnowledgeChange['action'], string> = { added: '追加', changed: '変更', removed: '削除' };

/** The FAQ part of the report: FAQs to review, FAQs nobody was answered with, and the period's knowledge changes. */
export function faqReportText(health: FaqHealth, changes: readonly KnowledgeChange[]): string {
  const lines: string[] = [];
  lines.push('■ FAQ：見直し期限を過ぎたもの');
  if (health.pastReview.length === 0) lines.push('（なし）');
  for (const faq of health.pastReview) lines.push(`${faq.reviewBy}  ${faq.id}  ${faq.municipality}「${faq.question}」`);
  lines.push('', '■ FAQ：この期間に一度も回答に使われなかったもの');
  if (health.unasked.length === 0) lines.push('（なし）');
  for (const faq of health.unasked) lines.push(`${faq.id}  ${faq.municipality}「${faq.question}」`);
  lines.push('', '■ 知識の変更の記録（日時 操作 ID 誰が：前 → 後）');
  if (changes.length === 0) lines.push('（なし）');
  for (const change of changes) {
    const title = (entry: unknown) => {
      if (!entry || typeof entry !== 'object') return '—';
      const shown = 'question' in entry ? entry.question : 'alias' in entry ? entry.alias : 'word' in entry ? entry.word : 'canonical' in entry ? entry.canonical : undefined;
      return shown === undefined ? '—' : `「${String(shown)}」`;
    };
    lines.push(`${jstDateTimeOf(change.at)}  ${ACTIONS[change.action]}  ${change.entryId}  ${change.by}（${change.via === 'cli' ? 'コマンド' : '管理画面'}）：${title(change.before)} → ${title(change.after)}${change.note ? `  [${change.note}]` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
