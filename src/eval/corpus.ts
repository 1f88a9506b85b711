import { findQuestionFocus, headsOf } from '../engine/question-focus.js';
import type { SearchDocument } from '../search/search-document.js';
import { stripQuestionEnding } from '../text/normalize.js';
import { parseJsonLines } from './jsonl.js';

/**
 * The names an FAQ entry answers to: a title that is a question (「住民票の写しはどこで取れますか」)
 * names the thing it is about (住民票の写し), found the way a resident's question's is.
 */
function namesOfTitle(title: string): string[] {
  const topics = findQuestionFocus(title).topics.map((topic) => stripQuestionEnding(topic));
  return [...new Set(topics.flatMap((topic) => headsOf(topic)).filter((head) => head !== title))];
}

/** Parses a generic corpus (JSONL of {id,title,body}) into search documents. */
export function parseCorpus(jsonl: string, file = 'corpus'): SearchDocument[] {
  return parseJsonLines(jsonl, file).map(({ value, line }) => {
    const entry = value as { id?: unknown; title?: unknown; body?: unknown };
    if (entry.id === undefined || typeof entry.title !== 'string') throw new Error(`${file}:${line}: needs "id" and "title"`);
    return { id: String(entry.id), kind: 'document', title: entry.title, names: namesOfTitle(entry.title), body: typeof entry.body === 'string' ? entry.body : '', municipality: null };
  });
}
