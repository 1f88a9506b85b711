/**
 * Writing a new set of FAQs to knowledge/: the changed files are checked with the whole
 * knowledge base, read in place of the files on disk (the same validation the server loads with), and written
 * only when the check passes, each atomically, and only if nobody changed them meanwhile.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../storage/atomic-write-file.js';
import { problemsWithReplaced } from '../knowledge/load.js';
import type { Problem } from '../knowledge/problem.js';
import type { Faq } from '../knowledge/schema.js';
import { FAQ_FILES, renderFaqFiles } from './faq-files.js';

/** What saving came to. Only `saved` wrote anything. */
export type FaqSaveResult =
  | { status: 'saved'; files: string[] }
  /** Valid, and what would be written; nothing was. */
  | { status: 'checked'; files: string[] }
  | { status: 'unchanged'; files: [] }
  | { status: 'rejected'; files: string[]; problems: Problem[] }
  | { status: 'conflict'; files: string[]; message: string };

/** The current text of every FAQ file (null when it does not exist yet). */
export async function readFaqTexts(knowledgeDir: string): Promise<Map<string, string | null>> {
  const texts = new Map<string, string | null>();
  for (const file of FAQ_FILES) texts.set(file, await readText(path.join(knowledgeDir, file)));
  return texts;
}

/** Validates and (unless `dryRun`) writes the files that `faqs` changes. Never throws for bad data. */
export async function saveFaqs(knowledgeDir: string, faqs: readonly Faq[], options: { dryRun?: boolean } = {}): Promise<FaqSaveResult> {
  const texts = await readFaqTexts(knowledgeDir);
  const changed = renderFaqFiles(texts, faqs);
  const files = [...changed.keys()].sort();
  if (files.length === 0) return { status: 'unchanged', files: [] };
  const problems = await problemsWithReplaced(knowledgeDir, changed);
  if (problems.length > 0) return { status: 'rejected', files, problems };
  if (options.dryRun) return { status: 'checked', files };
  for (const file of files) {
    // Someone may have saved the file in an editor meanwhile: their change must not be lost.
    if ((await readText(path.join(knowledgeDir, file))) !== texts.get(file)) {
      return { status: 'conflict', files, message: `${file} changed on disk while the FAQs were checked; nothing was written. Try again.` };
    }
  }
  for (const file of files) await writeFileAtomically(path.join(knowledgeDir, file), changed.get(file)!);
  return { status: 'saved', files };
}

async function readText(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
}
