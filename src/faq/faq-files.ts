/**
 * The FAQ files for a set of FAQs: each FAQ goes in the file of its municipality, existing files
 * keep their comments and the layout of the entries that did not change, and only files whose
 * entries differ are returned for writing.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isSeq, parse, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { faqFileOf } from '../knowledge/layout.js';
import { FAQ_COMMON, MUNICIPALITIES, type Faq, type FaqMunicipality } from '../knowledge/schema.js';

/** Every FAQ file the layout knows, whether or not it exists yet. */
export const FAQ_FILES = [...MUNICIPALITIES, FAQ_COMMON as FaqMunicipality].map((municipality) => faqFileOf(municipality));

const STRINGIFY = { lineWidth: 0, blockQuote: 'literal', flowCollectionPadding: false } as const;

/** The FAQ as YAML data, fields in the documented order, empty optional fields left out. */
export function faqData(faq: Faq): Record<string, unknown> {
  return {
    id: faq.id,
    municipality: faq.municipality,
    question: faq.question,
    ...(faq.wordings.length > 0 ? { wordings: faq.wordings } : {}),
    answer: faq.answer,
    ...(faq.link ? { link: { url: faq.link.url, label: faq.link.label } } : {}),
    ...(faq.contact ? { contact: faq.contact } : {}),
    source: faq.source,
    reviewBy: faq.reviewBy,
  };
}

/**
 * The new text of each FAQ file whose entries change, given the current texts (null: the file
 * does not exist). Files are never deleted: an emptied file keeps its comments.
 */
export function renderFaqFiles(currentTexts: ReadonlyMap<string, string | null>, faqs: readonly Faq[]): Map<string, string> {
  const byFile = new Map<string, Faq[]>();
  for (const faq of faqs) {
    const file = faqFileOf(faq.municipality);
    byFile.set(file, [...(byFile.get(file) ?? []), faq]);
  }
  const changed = new Map<string, string>();
  for (const file of new Set([...currentTexts.keys(), ...byFile.keys()])) {
    const source = currentTexts.get(file) ?? null;
    const wanted = (byFile.get(file) ?? []).map(faqData);
    const now = source === null ? null : (parse(source) as unknown);
    if (isDeepStrictEqual(now ?? [], wanted) || (source === null && wanted.length === 0)) continue;
    changed.set(file, render(source, wanted));
  }
  return changed;
}

function render(source: string | null, wanted: ReadonlyArray<Record<string, unknown>>): string {
  const doc = parseDocument(source ?? '');
  const seq: YAMLSeq = isSeq(doc.contents) ? doc.contents : (doc.createNode([]) as YAMLSeq);
  // A file of comments only: its comments stay above the entries.
  if (!isSeq(doc.contents)) {
    if (doc.contents && 'commentBefore' in doc.contents && doc.contents.commentBefore) seq.commentBefore = doc.contents.commentBefore;
    doc.contents = seq as unknown as typeof doc.contents;
  }
  // The file's opening comment is kept by the parser on the first entry when no blank line
  // follows it: it belongs to the file, and stays at the top whatever becomes of that entry.
  const first = seq.items[0] as YAMLMap | undefined;
  if (first?.commentBefore) {
    doc.commentBefore = [doc.commentBefore, first.commentBefore].filter(Boolean).join('\n');
    first.commentBefore = null;
  }
  const existing = new Map<string, YAMLMap>();
  for (const item of seq.items) if (isMap(item)) existing.set(String(item.get('id')), item);
  seq.items = wanted.map((data) => {
    const old = existing.get(String(data.id));
    // An unchanged entry keeps its node, and with it its comments and layout.
    if (old && isDeepStrictEqual(old.toJSON(), data)) return old;
    const node = doc.createNode(data) as YAMLMap;
    const link = node.get('link', true);
    if (isMap(link)) link.flow = true;
    if (old?.commentBefore) node.commentBefore = old.commentBefore;
    return node;
  });
  if (wanted.length === 0) seq.flow = true;
  return doc.toString(STRINGIFY);
}
