import { randomUUID } from 'node:crypto';
import type { KnowledgeChange } from '../changes/change-log.js';
import type { Faq } from '../knowledge/schema.js';
import type { ImportPlan } from './faq-import.js';

/** The change-log records of an FAQ import or edit. */
export function faqChanges(plan: Pick<ImportPlan, 'added' | 'changed' | 'removed'>, who: { by: string; via: KnowledgeChange['via']; at: Date; note?: string }): KnowledgeChange[] {
  const base = { at: who.at.toISOString(), by: who.by, via: who.via, kind: 'faq', ...(who.note ? { note: who.note } : {}) };
  return [
    ...plan.added.map((faq): KnowledgeChange => ({ ...base, id: randomUUID(), action: 'added', entryId: faq.id, before: null, after: faq })),
    ...plan.changed.map(({ before, after }): KnowledgeChange => ({ ...base, id: randomUUID(), action: 'changed', entryId: after.id, before, after })),
    ...plan.removed.map((faq: Faq): KnowledgeChange => ({ ...base, id: randomUUID(), action: 'removed', entryId: faq.id, before: faq, after: null })),
  ];
}
