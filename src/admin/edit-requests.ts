import { z } from 'zod';
import type { KnowledgeEdit } from './knowledge-edits.js';

/** Longest alias or synonym word accepted: a name, not a sentence. */
export const MAX_WORD_CHARS = 60;

/** Knowledge ids: the same rule as the knowledge schema, so they are safe in file names. */
export const knowledgeIdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case ASCII words joined by "-"').max(100);

const wordSchema = z
  .string()
  .trim()
  .min(1, '空にはできません')
  .refine((word) => [...word].length <= MAX_WORD_CHARS, `${MAX_WORD_CHARS}文字以内にしてください`)
  // One line of text: a newline or control character would change the YAML's structure or hide in it.
  .refine((word) => !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(word), '改行や制御文字は使えません');

const aliasBody = z.object({ alias: wordSchema });
const wordBody = z.object({ word: wordSchema });
const groupBody = z.object({ id: knowledgeIdSchema, canonical: wordSchema, words: z.array(wordSchema).min(1, '言葉を1つ以上入れてください').max(50) });

/** A request body turned into an edit, or the message saying what is wrong with it. */
export type ParsedEdit = { ok: true; edit: KnowledgeEdit } | { ok: false; message: string };

function failure(error: z.ZodError): { ok: false; message: string } {
  return { ok: false, message: error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ') };
}

/** POST glossary/:id/aliases with { alias }. */
export function aliasEdit(entryId: unknown, body: unknown): ParsedEdit {
  const id = knowledgeIdSchema.safeParse(entryId);
  if (!id.success) return failure(id.error);
  const parsed = aliasBody.safeParse(body);
  return parsed.success ? { ok: true, edit: { kind: 'glossary-alias', entryId: id.data, alias: parsed.data.alias } } : failure(parsed.error);
}

/** POST synonyms/:id/words with { word }. */
export function synonymWordEdit(groupId: unknown, body: unknown): ParsedEdit {
  const id = knowledgeIdSchema.safeParse(groupId);
  if (!id.success) return failure(id.error);
  const parsed = wordBody.safeParse(body);
  return parsed.success ? { ok: true, edit: { kind: 'synonym-word', groupId: id.data, word: parsed.data.word } } : failure(parsed.error);
}

/** POST synonyms with { id, canonical, words }. */
export function synonymGroupEdit(body: unknown): ParsedEdit {
  const parsed = groupBody.safeParse(body);
  if (!parsed.success) return failure(parsed.error);
  const words = [...new Set(parsed.data.words)];
  return { ok: true, edit: { kind: 'synonym-group', group: { id: parsed.data.id, canonical: parsed.data.canonical, words } } };
}
