import type { SearchDocument } from '../search/search-document.js';
import { parseJsonLines } from './jsonl.js';

/** Parses a generic corpus (JSONL of {id,title,body}) into search documents. */
export function parseCorpus(jsonl: string, file = 'corpus'): SearchDocument[] {
  return parseJsonLines(jsonl, file).map(({ value, line }) => {
    const entry = value as { id?: unknown; title?: unknown; body?: unknown };
    if (entry.id === undefined || typeof entry.title !== 'string') throw new Error(`${file}:${line}: needs "id" and "title"`);
    return { id: String(entry.id), kind: 'document', title: entry.title, names: [], body: typeof entry.body === 'string' ? entry.body : '', municipality: null };
  });
}
