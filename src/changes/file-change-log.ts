import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChangeLog, KnowledgeChange } from './change-log.js';

/** The change log's file name under DATA_DIR. */
export const CHANGE_LOG_FILE = 'knowledge-changes.jsonl';

/**
 * The change log as a JSON-lines file: appending never rewrites what is there, and a line torn
 * by a crash is skipped on reading rather than hiding the rest.
 */
export class FileChangeLog implements ChangeLog {
  readonly file: string;
  #queue: Promise<unknown> = Promise.resolve();

  /** The log in `dataDir`/knowledge-changes.jsonl. */
  constructor(dataDir: string) {
    this.file = path.join(dataDir, CHANGE_LOG_FILE);
  }

  append(changes: readonly KnowledgeChange[]): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    const text = changes.map((change) => `${JSON.stringify(change)}\n`).join('');
    const result = this.#queue.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const handle = await open(this.file, 'a', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async list(range: { from?: string; to?: string } = {}): Promise<KnowledgeChange[]> {
    const text = await readFile(this.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const changes: KnowledgeChange[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const change = JSON.parse(line) as KnowledgeChange;
        if (typeof change.at !== 'string') continue;
        if ((range.from === undefined || change.at >= range.from) && (range.to === undefined || change.at < range.to)) changes.push(change);
      } catch {
        // A line torn by a crash during append.
      }
    }
    return changes;
  }
}
