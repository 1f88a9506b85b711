import type { Scope } from '../knowledge/schema.js';

/** What a search document stands for; `document` is an entry of a generic corpus (eval --corpus). */
export type DocumentKind =
  | 'glossary'
  | 'national-procedure'
  | 'procedure'
  | 'section'
  | 'kpi'
  | 'fact'
  | 'plan'
  /** A staff FAQ (knowledge/faq/): matched by its wordings, kept in an index of its own. */
  | 'faq'
  | 'document';

/**
 * One searchable unit, flattened from a knowledge entry. The index only sees these; the composer
 * goes back to the knowledge entry through `id` for everything it shows.
 */
export interface SearchDocument {
  id: string;
  kind: DocumentKind;
  title: string;
  /** Other names the entry answers to: aliases, full names, heading path. */
  names: string[];
  body: string;
  /** null when the entry is national, or shared by several municipalities. */
  municipality: Scope | null;
}
