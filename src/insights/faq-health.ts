import type { Faq } from '../knowledge/schema.js';
import type { LogEntry } from '../storage/store.js';

/** FAQs that need a look: past their review date, or answered to nobody in the period. */
export interface FaqHealth {
  pastReview: Faq[];
  unasked: Faq[];
}

/** `today` is the JST date (YYYY-MM-DD); `logs` are the period's conversation records. */
export function faqHealth(faqs: readonly Faq[], logs: readonly Pick<LogEntry, 'entryId'>[], today: string): FaqHealth {
  const answered = new Set(logs.map((log) => log.entryId).filter((id): id is string => typeof id === 'string'));
  return {
    pastReview: faqs.filter((faq) => faq.reviewBy < today).sort((a, b) => a.reviewBy.localeCompare(b.reviewBy)),
    unasked: faqs.filter((faq) => !answered.has(faq.id)),
  };
}
