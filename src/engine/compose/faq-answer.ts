import { FAQ_COMMON, type Faq, type Municipality } from '../../knowledge/schema.js';
import type { AnswerCard, QuickReply } from '../answer.js';
import { truncateLabel } from './glossary-answer.js';

/**
 * A staff FAQ as the answer card: the answer first, then who to ask, the link and the source.
 * A city's FAQ read by someone who chose no city says whose answer it is.
 */
export function composeFaqAnswer(faq: Faq, asker: Municipality | null, others: readonly Faq[] = []): { card: AnswerCard; quickReplies: QuickReply[] } {
  const city = faq.municipality === FAQ_COMMON ? null : faq.municipality;
  const card: AnswerCard = {
    title: city && city !== asker ? `${faq.question}（${city}）` : faq.question,
    lead: faq.answer,
    details: [],
    sources: [`出典：${faq.source}`],
    ...(faq.link ? { url: faq.link.url, urlLabel: faq.link.label } : {}),
    ...(faq.contact ? { contact: faq.contact } : {}),
  };
  const quickReplies = others.slice(0, 3).map((other): QuickReply => ({ type: 'message', label: truncateLabel(other.question), text: other.question }));
  return { card, quickReplies };
}
