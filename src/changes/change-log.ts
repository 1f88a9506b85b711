/**
 * The record of every change staff make to the knowledge (from the CLI or /admin): when, what,
 * before and after, and who (the admin token's label, or the CLI user), so a wrong edit can be
 * found and undone. An interface of its own, so it can move into the Store later.
 */

/** One change to one knowledge entry. */
export interface KnowledgeChange {
  /** Unique, so one change can be named (to undo it) even among many made at the same instant. */
  id: string;
  /** ISO time. */
  at: string;
  /** The admin token's label, or `cli:<user>`. */
  by: string;
  via: 'admin' | 'cli';
  action: 'added' | 'changed' | 'removed';
  /** What kind of entry: `faq`, `glossary-alias`, … */
  kind: string;
  entryId: string;
  /** The entry before the change (null when added) and after it (null when removed). */
  before: unknown;
  after: unknown;
  /** E.g. the imported file's name. */
  note?: string;
}

/** Where changes are kept. */
export interface ChangeLog {
  /** Appends changes; resolves once they are stored durably. */
  append(changes: readonly KnowledgeChange[]): Promise<void>;
  /** Changes with `from <= at < to` (ISO times), oldest first. */
  list(range?: { from?: string; to?: string }): Promise<KnowledgeChange[]>;
}
