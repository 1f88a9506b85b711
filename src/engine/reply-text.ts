import type { Answer } from './answer.js';

/** Everything a person reads in the reply, as plain text (quick-reply labels excluded). */
export function replyText(answer: Pick<Answer, 'message' | 'card'>): string {
  const parts: string[] = [];
  if (answer.message) parts.push(answer.message);
  const card = answer.card;
  if (card) {
    parts.push(`【${card.title}】`, card.lead, ...card.details);
    if (card.contact) parts.push(`お問い合わせ：${card.contact}`);
    if (card.sources.length > 0) parts.push(card.sources.join('\n'));
    if (card.url) parts.push(card.url);
    if (card.note) parts.push(card.note);
  }
  return parts.join('\n');
}
