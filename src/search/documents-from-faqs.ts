import { FAQ_COMMON, type Faq } from '../knowledge/schema.js';
import type { SearchDocument } from './search-document.js';

/**
 * FAQs as search documents: the question and its other wordings are all there is to match. The
 * answer is left out on purpose: an FAQ answers the questions staff wrote down, not every
 * question that shares a word with its answer (マイナンバーカードとは must stay the glossary's).
 */
export function documentsFromFaqs(faqs: readonly Faq[]): SearchDocument[] {
  return faqs.map((faq) => ({
    id: faq.id,
    kind: 'faq',
    title: faq.question,
    names: faq.wordings,
    body: '',
    municipality: faq.municipality === FAQ_COMMON ? null : faq.municipality,
  }));
}
