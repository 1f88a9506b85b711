/**
 * The changes staff can make from the admin page, applied to one knowledge file's YAML text.
 * The edit is made on the parsed document (parseDocument keeps comments); the text written is a
 * minimal splice of the original when that reads back as exactly the edited document, so the
 * rest of the file keeps its bytes, and the re-serialised document otherwise. Each function
 * splices before it edits the document: the splice reads source positions of the nodes as parsed.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isSeq, parse, parseDocument, type Document, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { appendMappingItem, appendToSequence, insertFlowSequencePair } from './yaml-splice.js';

/** One change to the knowledge base. */
export type KnowledgeEdit =
  | { kind: 'glossary-alias'; entryId: string; alias: string }
  | { kind: 'synonym-word'; groupId: string; word: string }
  | { kind: 'synonym-group'; group: { id: string; canonical: string; words: string[] } }
  /** An FAQ file as staff saved it on one instance (the FAQ tab writes whole files): the others take the same text. */
  | { kind: 'faq-file'; file: string; text: string };

/** The FAQ files an edit may name: knowledge/faq/<slug>.yaml, never a path out of it. */
const FAQ_FILE = /^faq\/[a-z0-9][a-z0-9-]*\.yaml$/;

/** What applying an edit to a file's text came to. */
export type EditOutcome =
  | { status: 'changed'; text: string }
  /** The file already says this; nothing to write. */
  | { status: 'unchanged' }
  | { status: 'not-found'; message: string };

/** The knowledge file an edit changes, relative to the knowledge directory. */
export function fileOfEdit(edit: KnowledgeEdit): string {
  if (edit.kind === 'faq-file') return FAQ_FILE.test(edit.file) ? edit.file : 'faq/.invalid';
  return edit.kind === 'glossary-alias' ? `glossary/${edit.entryId}.yaml` : 'synonyms.yaml';
}

// Fallback layout: long lines are never folded, so a re-serialised file still greps cleanly.
const SERIALISE_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const;

/** The same folding the validator uses to tell whether two glossary names are one. */
function sameName(left: string, right: string): boolean {
  const fold = (name: string) => name.normalize('NFKC').toLowerCase().replace(/[\s・]/g, '');
  return fold(left) === fold(right);
}

function stringItems(seq: YAMLSeq | undefined): string[] {
  return (seq?.items ?? []).map((item) => String((item as { value?: unknown }).value ?? item));
}

/** Applies an edit to the text of the file `fileOfEdit(edit)` names. */
export function applyEdit(source: string, edit: KnowledgeEdit): EditOutcome {
  const doc = parseDocument(source, { uniqueKeys: true });
  if (doc.errors.length > 0) return { status: 'not-found', message: `${fileOfEdit(edit)} is not valid YAML: ${doc.errors[0]?.message ?? ''}` };
  switch (edit.kind) {
    case 'glossary-alias':
      return addGlossaryAlias(source, doc, edit.alias);
    case 'synonym-word':
      return addSynonymWord(source, doc, edit.groupId, edit.word);
    case 'synonym-group':
      return addSynonymGroup(source, doc, edit.group);
    case 'faq-file':
      return source === edit.text ? { status: 'unchanged' } : { status: 'changed', text: edit.text };
  }
}

function addGlossaryAlias(source: string, doc: Document, alias: string): EditOutcome {
  const entry = doc.contents;
  if (!isMap(entry)) return { status: 'not-found', message: 'the glossary file does not hold one entry' };
  const term = String(entry.get('term') ?? '');
  const existing = entry.get('aliases', true);
  if (existing !== undefined && !isSeq(existing)) return { status: 'not-found', message: 'aliases is not a list' };
  if ([term, ...stringItems(existing)].some((name) => sameName(name, alias))) return { status: 'unchanged' };

  // Where a missing aliases list goes: before definitions, as docs/knowledge-format.md orders it.
  const definitions = entry.items.find((pair) => String((pair.key as { value?: unknown })?.value) === 'definitions') as Pair | undefined;
  const spliced = attempt(() => (existing ? appendToSequence(source, existing, alias) : insertFlowSequencePair(source, entry, 'aliases', [alias], definitions)));
  if (existing) existing.add(doc.createNode(alias));
  else {
    const pair = doc.createPair('aliases', [alias]);
    (pair.value as YAMLSeq).flow = true;
    entry.items.splice(definitions ? entry.items.indexOf(definitions) : entry.items.length, 0, pair);
  }
  return { status: 'changed', text: textFor(spliced, doc) };
}

function synonymGroups(doc: Document): YAMLSeq | undefined {
  return isSeq(doc.contents) ? doc.contents : undefined;
}

function findGroup(groups: YAMLSeq, id: string): YAMLMap | undefined {
  return groups.items.find((item): item is YAMLMap => isMap(item) && item.get('id') === id);
}

function addSynonymWord(source: string, doc: Document, groupId: string, word: string): EditOutcome {
  const groups = synonymGroups(doc);
  if (!groups) return { status: 'not-found', message: 'synonyms.yaml is not a list of groups' };
  const group = findGroup(groups, groupId);
  if (!group) return { status: 'not-found', message: `no synonym group "${groupId}"` };
  const words = group.get('words', true);
  if (!isSeq(words)) return { status: 'not-found', message: `synonym group "${groupId}" has no words list` };
  if ([String(group.get('canonical') ?? ''), ...stringItems(words)].some((name) => sameName(name, word))) return { status: 'unchanged' };
  const spliced = attempt(() => appendToSequence(source, words, word));
  words.add(doc.createNode(word));
  return { status: 'changed', text: textFor(spliced, doc) };
}

function addSynonymGroup(source: string, doc: Document, group: { id: string; canonical: string; words: string[] }): EditOutcome {
  // An empty file is an empty list of groups.
  if (doc.contents === null) doc.contents = doc.createNode([]) as unknown as typeof doc.contents;
  const groups = synonymGroups(doc);
  if (!groups) return { status: 'not-found', message: 'synonyms.yaml is not a list of groups' };
  // A clashing id is left for validation, which reports it like any other duplicate id.
  const spliced = attempt(() => appendMappingItem(source, [['id', group.id], ['canonical', group.canonical], ['words', group.words]]));
  const node = doc.createNode({ id: group.id, canonical: group.canonical, words: group.words }) as YAMLMap;
  const words = node.get('words', true);
  if (isSeq(words)) words.flow = true;
  groups.add(node);
  return { status: 'changed', text: textFor(spliced, doc) };
}

/** The spliced text, or null when the source is laid out in a way the splice does not handle. */
function attempt(splice: () => string): string | null {
  try {
    return splice();
  } catch {
    return null;
  }
}

/** The splice when it reads back as exactly the edited document; the re-serialised document otherwise. */
function textFor(spliced: string | null, edited: Document): string {
  if (spliced !== null) {
    try {
      if (isDeepStrictEqual(parse(spliced), edited.toJS())) return spliced;
    } catch {
      // The splice broke the YAML: use the document.
    }
  }
  return edited.toString(SERIALISE_OPTIONS);
}
