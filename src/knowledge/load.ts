import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { YAMLParseError } from 'yaml';
import type { KnowledgeBase } from './knowledge-base.js';
import { projectRoot } from '../project-root.js';
import { ParsedYamlMemo } from './parsed-yaml-memo.js';
import { formatProblem, type Problem } from './problem.js';
import { validateKnowledge, type KnowledgeDocument } from './validate.js';

/** The knowledge directory: KNOWLEDGE_DIR, or the one shipped with the project when it is unset or blank. */
export const DEFAULT_KNOWLEDGE_DIR = path.resolve(process.env.KNOWLEDGE_DIR?.trim() || path.join(projectRoot(), 'knowledge'));

/** How much YAML a load reads at most: a file, and the whole directory. */
export interface KnowledgeSizeLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
}

/**
 * The shipped knowledge is ~0.75 MB in 147 files (the largest 170 KB). The index built from it
 * is what the server's 192 MB heap holds, so a few times that is the most a reload may bring:
 * a 21 MB file once ran the process out of memory. Raise both (and the heap) together.
 */
export const KNOWLEDGE_SIZE_LIMITS: KnowledgeSizeLimits = { maxFileBytes: 1024 * 1024, maxTotalBytes: 3 * 1024 * 1024 };

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export type LoadResult =
  | { ok: true; knowledge: KnowledgeBase; files: number }
  | { ok: false; problems: Problem[]; files: number };

const parsedYaml = new ParsedYamlMemo();

/**
 * Reads, parses and validates every YAML file under `dir`; never throws for bad data. Sizes are
 * checked before anything is read: a file or a directory over the limits is reported like any
 * other problem, and nothing is parsed. `replacing` (path relative to `dir` → text) is read in
 * place of those files, or added where there is none: an edit checked before it is written.
 */
export async function loadKnowledge(
  dir: string = DEFAULT_KNOWLEDGE_DIR,
  limits: KnowledgeSizeLimits = KNOWLEDGE_SIZE_LIMITS,
  replacing: ReadonlyMap<string, string> = new Map(),
): Promise<LoadResult> {
  const files = [...new Set([...(await listYamlFiles(dir)), ...[...replacing.keys()].filter(isYamlFile)])].sort();
  const documents: KnowledgeDocument[] = [];
  const problems: Problem[] = [];
  const sizes = await Promise.all(files.map(async (file) => {
    const text = replacing.get(file);
    return text === undefined ? (await stat(path.join(dir, file))).size : Buffer.byteLength(text, 'utf8');
  }));
  files.forEach((file, index) => {
    const size = sizes[index] ?? 0;
    if (size > limits.maxFileBytes) problems.push({ file, message: `is ${megabytes(size)}, over the limit of ${megabytes(limits.maxFileBytes)} per file: split it (e.g. one file per municipality)` });
  });
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total > limits.maxTotalBytes) problems.push({ file: '.', message: `the knowledge files come to ${megabytes(total)}, over the limit of ${megabytes(limits.maxTotalBytes)} in all` });
  if (problems.length > 0) return { ok: false, problems, files: files.length };
  parsedYaml.beginLoad();
  for (const file of files) {
    const source = replacing.get(file) ?? (await readFile(path.join(dir, file), 'utf8'));
    try {
      documents.push({ file, data: parsedYaml.parse(source) });
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

/** Every problem the knowledge in `dir` would have with `replacing`'s files in place of its own; none when it would load. */
export async function problemsWithReplaced(dir: string, replacing: ReadonlyMap<string, string>): Promise<Problem[]> {
  const result = await loadKnowledge(dir, KNOWLEDGE_SIZE_LIMITS, replacing);
  return result.ok ? [] : result.problems;
}

/** Loads the knowledge base or throws one error listing every problem. */
export async function loadKnowledgeOrThrow(dir: string = DEFAULT_KNOWLEDGE_DIR): Promise<KnowledgeBase> {
  const result = await loadKnowledge(dir);
  if (result.ok) return result.knowledge;
  throw new Error(`knowledge in ${dir} is invalid:\n${result.problems.map(formatProblem).join('\n')}`);
}

const isYamlFile = (file: string) => /\.ya?ml$/.test(file) && !path.posix.basename(file).startsWith('.');

// Dot-files are editors' and our own temp files, never knowledge.
async function listYamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && isYamlFile(entry.name))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
