import type { ChangeLog, KnowledgeChange } from './change-log.js';

/** A change log kept in memory: for tests and tools that keep nothing. */
export class MemoryChangeLog implements ChangeLog {
  readonly changes: KnowledgeChange[] = [];

  async append(changes: readonly KnowledgeChange[]): Promise<void> {
    this.changes.push(...changes.map((change) => structuredClone(change)));
  }

  async list(range: { from?: string; to?: string } = {}): Promise<KnowledgeChange[]> {
    return this.changes.filter((change) => (range.from === undefined || change.at >= range.from) && (range.to === undefined || change.at < range.to));
  }
}
