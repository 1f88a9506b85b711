import { ENTRY_KINDS, type EntryKind, type KnowledgeBase } from './knowledge-base.js';
import { MUNICIPALITIES, type Scope } from './schema.js';

/** Entries per kind and municipality; a glossary term counts once per municipality defining it. */
export type KnowledgeCounts = Record<EntryKind, Record<Scope | 'all', number>>;

/** Counts entries per kind and per municipality (plus `all`, the distinct entries of a kind). */
export function countKnowledge(knowledge: KnowledgeBase): KnowledgeCounts {
  const counts = {} as KnowledgeCounts;
  for (const kind of ENTRY_KINDS) {
    const row = { all: knowledge[kind].length, national: 0 } as Record<Scope | 'all', number>;
    for (const municipality of MUNICIPALITIES) row[municipality] = 0;
    for (const entry of knowledge[kind]) {
      // 共通 FAQs belong to no one city: they count in `all` only.
      for (const scope of scopesOf(entry)) if (scope in row) row[scope] += 1;
    }
    counts[kind] = row;
  }
  return counts;
}

function scopesOf(entry: object): Scope[] {
  if ('definitions' in entry && Array.isArray(entry.definitions)) {
    return [...new Set(entry.definitions.map((definition: { municipality: Scope }) => definition.municipality))];
  }
  if ('municipality' in entry) return [entry.municipality as Scope];
  return [];
}
