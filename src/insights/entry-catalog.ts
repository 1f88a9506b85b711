import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Municipality } from '../knowledge/schema.js';
import { documentsFromFaqs } from '../search/documents-from-faqs.js';
import { documentsFromKnowledge } from '../search/documents-from-knowledge.js';
import type { DocumentKind } from '../search/search-document.js';

/** What a report needs to know about a knowledge entry. */
export interface CatalogEntry {
  title: string;
  kind: DocumentKind;
  /** null for national entries and glossary terms several plans define. */
  municipality: Municipality | null;
}

/** Knowledge entries by id; an id the knowledge no longer has is simply absent. */
export type EntryCatalog = ReadonlyMap<string, CatalogEntry>;

/** The catalogue of a knowledge base, titled exactly as the engine's hits are. */
export function entryCatalog(knowledge: KnowledgeBase): EntryCatalog {
  return new Map(
    [...documentsFromKnowledge(knowledge), ...documentsFromFaqs(knowledge.faq)].map((document) => [
      document.id,
      { title: document.title, kind: document.kind, municipality: document.municipality === 'national' ? null : document.municipality },
    ]),
  );
}

const catalogs = new WeakMap<KnowledgeBase, EntryCatalog>();

/** The catalogue of a knowledge base, built once per loaded knowledge base (a reload makes a new one). */
export function cachedEntryCatalog(knowledge: KnowledgeBase): EntryCatalog {
  let catalog = catalogs.get(knowledge);
  if (!catalog) {
    catalog = entryCatalog(knowledge);
    catalogs.set(knowledge, catalog);
  }
  return catalog;
}
