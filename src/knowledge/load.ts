import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import type { KnowledgeBase } from './knowledge-base.js';
import { projectRoot } from '../project-root.js';
import { formatProblem, type Problem } from './problem.js';
import { validateKnowledge, type KnowledgeDocument } from './validate.js';

/** The knowledge directory: KNOWLEDGE_DIR, or the one shipped with the project when it is unset or blank. */
export const DEFAULT_KNOWLEDGE_DIR = path.resolve(process.env.KNOWLEDGE_DIR?.trim() || path.join(projectRoot(), 'knowledge'));

export type LoadResult =
  | { ok: true; knowledge: KnowledgeBase; files: number }
  | { ok: false; problems: Problem[]; files: number };

/** Reads, parses and validates every YAML file under `dir`; never throws for bad data. */
export async function loadKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR): Promise<LoadResult> {
  const files = await listYamlFiles(dir);
  const documents: KnowledgeDocument[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const source = await readFile(path.join(dir, file), 'utf8');
    try {
      documents.push({ file, data: parse(source, { uniqueKeys: true }) });
    } catch (error) {
      const line = error instanceof YAMLParseError ? ` (line ${error.linePos?.[0]?.line ?? '?'})` : '';
      problems.push({ file, message: `not valid YAML${line}: ${(error as Error).message.split('\n')[0]}` });
    }
  }
  const result = validateKnowledge(documents);
  problems.push(...result.problems);
  return problems.length > 0
    ? { ok: false, problems, files: files.length }
    : { ok: true, knowledge: result.knowledge, files: files.length };
}

/** Loads the knowledge base or throws one error listing every problem. */
export async function loadKnowledgeOrThrow(dir: string = DEFAULT_KNOWLEDGE_DIR): Promise<KnowledgeBase> {
  const result = await loadKnowledge(dir);
  if (result.ok) return result.knowledge;
  throw new Error(`knowledge in ${dir} is invalid:\n${result.problems.map(formatProblem).join('\n')}`);
}

async function listYamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
