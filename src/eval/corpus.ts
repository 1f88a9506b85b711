import type { SearchDocument } from '../search/search-document.js';

/** Parses a generic corpus (JSONL of {id,title,body}) into search documents. */
export function parseCorpus(jsonl: string, file = 'corpus'): SearchDocument[] {
  return jsonl
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      let value: { id?: unknown; title?: unknown; body?: unknown };
      try {
        value = JSON.parse(line) as typeof value;
      } catch {
        throw new Error(`${file}:${number}: not valid JSON`);
      }
      if (value.id === undefined || typeof value.title !== 'string') throw new Error(`${file}:${number}: needs "id" and "title"`);
      return { id: String(value.id), kind: 'document', title: value.title, names: [], body: typeof value.body === 'string' ? value.body : '', municipality: null };
    });
}
