import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReloadResult } from '../engine/reloadable-engine.js';
import { problemsWithReplaced } from '../knowledge/load.js';
import type { Problem } from '../knowledge/problem.js';
import { writeFileAtomically } from '../storage/atomic-write-file.js';
import { applyEdit, fileOfEdit, type KnowledgeEdit } from './knowledge-edits.js';

/** What became of an edit. Only `applied` wrote anything. */
export type EditResult =
  | { status: 'applied'; file: string; reload: ReloadResult }
  | { status: 'unchanged'; file: string }
  /** Validation failed with the edit read in place of its file: the report, and nothing touched. */
  | { status: 'rejected'; file: string; problems: Problem[] }
  | { status: 'not-found'; file: string; message: string }
  /** The file changed on disk while the edit was being checked; nothing was written. */
  | { status: 'conflict'; file: string; message: string };

/** What the writer needs from the engine: a way to swap in the edited knowledge. */
export interface Reloadable {
  reload(): Promise<ReloadResult>;
}

/**
 * Applies staff edits to knowledge/: each is checked with the whole directory, the edited file
 * read in place of its original, by the same validation the server loads with, and only a passing edit is written (atomically)
 * and the engine reloaded. Edits run one at a time so two never build on the same old text.
 */
export class KnowledgeWriter {
  #queue: Promise<unknown> = Promise.resolve();

  /** Edits the knowledge in `knowledgeDir` and reloads `engine` after each applied edit. */
  constructor(
    private readonly knowledgeDir: string,
    private readonly engine: Reloadable,
  ) {}

  /** Validates and, if valid, writes one edit and reloads; never throws for a bad edit. */
  apply(edit: KnowledgeEdit): Promise<EditResult> {
    const result = this.#queue.then(() => this.#apply(edit));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #apply(edit: KnowledgeEdit): Promise<EditResult> {
    const file = fileOfEdit(edit);
    const target = path.resolve(this.knowledgeDir, file);
    // Ids are checked by the caller; this keeps a path outside knowledge/ impossible all the same.
    if (path.relative(this.knowledgeDir, target).startsWith('..')) return { status: 'not-found', file, message: 'outside the knowledge directory' };
    const source = await readFile(target, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (source === null) return { status: 'not-found', file, message: `${file} does not exist` };

    const outcome = applyEdit(source, edit);
    if (outcome.status === 'unchanged') return { status: 'unchanged', file };
    if (outcome.status === 'not-found') return { status: 'not-found', file, message: outcome.message };

    const problems = await problemsWithReplaced(this.knowledgeDir, new Map([[file, outcome.text]]));
    if (problems.length > 0) return { status: 'rejected', file, problems };

    // Someone may have saved the file in an editor meanwhile; their change must not be lost.
    if ((await readFile(target, 'utf8')) !== source) return { status: 'conflict', file, message: `${file} changed on disk while the edit was checked; reload the page and try again` };
    await writeFileAtomically(target, outcome.text);
    return { status: 'applied', file, reload: await this.engine.reload() };
  }

}
