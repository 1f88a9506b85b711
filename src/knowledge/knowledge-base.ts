import { isDeepStrictEqual } from 'node:util';
import type {
  Fact,
  Faq,
  GlossaryEntry,
  Kpi,
  NationalProcedure,
  Plan,
  Procedure,
  Section,
  SynonymGroup,
} from './schema.js';

/** The validated knowledge base, as the engine consumes it. */
export interface KnowledgeBase {
  plans: Plan[];
  glossary: GlossaryEntry[];
  nationalProcedures: NationalProcedure[];
  procedures: Procedure[];
  sections: Section[];
  kpis: Kpi[];
  facts: Fact[];
  synonyms: SynonymGroup[];
  /** Staff's own questions and answers (knowledge/faq/). */
  faq: Faq[];
}

/** The kinds of entry, in the order reports list them. */
export const ENTRY_KINDS = [
  'plans',
  'glossary',
  'nationalProcedures',
  'procedures',
  'sections',
  'kpis',
  'facts',
  'synonyms',
  'faq',
] as const satisfies readonly (keyof KnowledgeBase)[];
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** An empty knowledge base, e.g. for a generic corpus or a test. */
export function emptyKnowledgeBase(): KnowledgeBase {
  return {
    plans: [],
    glossary: [],
    nationalProcedures: [],
    procedures: [],
    sections: [],
    kpis: [],
    facts: [],
    synonyms: [],
    faq: [],
  };
}

/** Kinds read only when a question is asked, never indexed: FAQs (their own small index) and synonyms. */
export const QUERY_SIDE_KINDS = ['faq', 'synonyms'] as const satisfies readonly EntryKind[];

/** True when two knowledge bases hold the same entries of every indexed kind (all but QUERY_SIDE_KINDS). */
export function sameIndexedEntries(a: KnowledgeBase, b: KnowledgeBase): boolean {
  return ENTRY_KINDS.every((kind) => (QUERY_SIDE_KINDS as readonly EntryKind[]).includes(kind) || isDeepStrictEqual(a[kind], b[kind]));
}
