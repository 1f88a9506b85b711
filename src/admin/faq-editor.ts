/**
 * FAQ changes from the admin page: add, edit, delete and sheet upload, each validated with the
 * whole knowledge base before anything is written, then the running index reloaded and the change
 * logged. One change at a time, so two never build on the same old set.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ChangeLog, KnowledgeChange } from '../changes/change-log.js';
import type { ReloadResult } from '../engine/reloadable-engine.js';
import { faqChanges } from '../faq/faq-changes.js';
import { nextId, type ImportPlan } from '../faq/faq-import.js';
import { saveFaqs, type FaqSaveResult } from '../faq/faq-save.js';
import { importSheet, otherIds, type ImportOutcome, type SheetFormat } from '../faq/faq-transfer.js';
import { faqSchema, type Faq } from '../knowledge/schema.js';
import type { AdminEngine } from './admin-engine.js';
import type { KnowledgeEdit } from './knowledge-edits.js';

/** What became of an FAQ change. */
export type FaqEditResult =
  | { status: 'saved'; faq: Faq | null; files: string[]; reload: ReloadResult }
  | { status: 'unchanged'; faq: Faq | null }
  | { status: 'not-found'; message: string }
  | Extract<FaqSaveResult, { status: 'rejected' | 'conflict' }>;

/** A new FAQ (no id yet) or an edited one. */
export type FaqDraft = Omit<Faq, 'id'> & { id?: string };

export class FaqEditor {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly knowledgeDir: string,
    private readonly engine: AdminEngine,
    private readonly changeLog: ChangeLog,
    private readonly now: () => Date = () => new Date(),
    /** Told of every FAQ file written (to share it with the other instances). */
    private readonly onEdited?: (edit: KnowledgeEdit, file: string) => Promise<void>,
  ) {}

  /** The FAQs the running engine answers with. */
  list(): Faq[] {
    return this.engine.knowledge().faq;
  }

  /** The FAQ set with `draft` added (fresh id) or put in place of the FAQ with its id. */
  withDraft(draft: FaqDraft): { faqs: Faq[]; faq: Faq; before: Faq | null } {
    const current = this.list();
    const knowledge = this.engine.knowledge();
    const id = draft.id ?? nextId(draft.municipality, new Set([...current.map((faq) => faq.id), ...otherIds(knowledge)]));
    const faq = { ...draft, id } as Faq;
    const before = current.find((existing) => existing.id === id) ?? null;
    return { faqs: before ? current.map((existing) => (existing.id === id ? faq : existing)) : [...current, faq], faq, before };
  }

  /** Adds a new FAQ or replaces the one with the draft's id. */
  save(draft: FaqDraft, by: string): Promise<FaqEditResult> {
    return this.#serial(async () => {
      if (draft.id !== undefined && !this.list().some((faq) => faq.id === draft.id)) return { status: 'not-found', message: `FAQ「${draft.id}」はありません（削除されたかもしれません）` };
      const { faqs, faq, before } = this.withDraft(draft);
      if (before && isDeepStrictEqual(before, faq)) return { status: 'unchanged', faq };
      return this.#write(faqs, before ? { added: [], changed: [{ before, after: faq }], removed: [] } : { added: [faq], changed: [], removed: [] }, by, faq);
    });
  }

  /** Deletes one FAQ. */
  delete(id: string, by: string): Promise<FaqEditResult> {
    return this.#serial(async () => {
      const current = this.list();
      const gone = current.find((faq) => faq.id === id);
      if (!gone) return { status: 'not-found', message: `FAQ「${id}」はありません` };
      return this.#write(current.filter((faq) => faq.id !== id), { added: [], changed: [], removed: [gone] }, by, null);
    });
  }

  /**
   * Undoes one logged FAQ change: an added FAQ is deleted, a changed or deleted one is put back
   * as it was before. The undo is itself a change, logged with a note naming what it undid.
   */
  revert(change: KnowledgeChange, by: string): Promise<FaqEditResult> {
    return this.#serial(async () => {
      const current = this.list();
      const note = `undo ${change.id}`;
      if (change.action === 'added') {
        const added = current.find((faq) => faq.id === change.entryId);
        if (!added) return { status: 'not-found', message: `FAQ「${change.entryId}」はもうありません` };
        return this.#write(current.filter((faq) => faq.id !== change.entryId), { added: [], changed: [], removed: [added] }, by, null, note);
      }
      const parsed = faqSchema.safeParse(change.before);
      if (!parsed.success) return { status: 'not-found', message: 'この記録には元の内容がありません' };
      const earlier = parsed.data;
      const now = current.find((faq) => faq.id === earlier.id);
      if (now && isDeepStrictEqual(now, earlier)) return { status: 'unchanged', faq: earlier };
      const faqs = now ? current.map((faq) => (faq.id === earlier.id ? earlier : faq)) : [...current, earlier];
      const plan = now ? { added: [], changed: [{ before: now, after: earlier }], removed: [] } : { added: [earlier], changed: [], removed: [] };
      return this.#write(faqs, plan, by, earlier, note);
    });
  }

  /** Imports an uploaded sheet, all or nothing; reloads and logs when something was written. */
  import(bytes: Uint8Array, format: SheetFormat, options: { dryRun: boolean; deleteMissing: boolean; by: string; fileName: string }): Promise<{ outcome: ImportOutcome; reload: ReloadResult | null }> {
    return this.#serial(async () => {
      const outcome = await importSheet({ knowledgeDir: this.knowledgeDir, bytes, format, dryRun: options.dryRun, deleteMissing: options.deleteMissing });
      if (!outcome.ok || outcome.save.status !== 'saved') return { outcome, reload: null };
      await this.changeLog.append(faqChanges(outcome.plan, { by: options.by, via: 'admin', at: this.now(), note: `upload ${options.fileName}` }));
      await this.#share(outcome.save.files);
      return { outcome, reload: await this.engine.reload() };
    });
  }

  async #write(faqs: Faq[], plan: Pick<ImportPlan, 'added' | 'changed' | 'removed'>, by: string, faq: Faq | null, note?: string): Promise<FaqEditResult> {
    const result = await saveFaqs(this.knowledgeDir, faqs);
    if (result.status === 'rejected' || result.status === 'conflict') return result;
    if (result.status !== 'saved') return { status: 'unchanged', faq };
    await this.changeLog.append(faqChanges(plan, { by, via: 'admin', at: this.now(), ...(note ? { note } : {}) }));
    await this.#share(result.files);
    return { status: 'saved', faq, files: result.files, reload: await this.engine.reload() };
  }

  /** Hands each written FAQ file, as written, to whoever shares edits with the other instances. */
  async #share(files: readonly string[]): Promise<void> {
    if (!this.onEdited) return;
    for (const absolute of files) {
      const file = path.relative(this.knowledgeDir, path.resolve(this.knowledgeDir, absolute)).split(path.sep).join('/');
      const text = await readFile(path.join(this.knowledgeDir, file), 'utf8');
      // Written here already; a failure to share is logged by the sharer, never undoes the save.
      await this.onEdited({ kind: 'faq-file', file, text }, file).catch(() => undefined);
    }
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(work);
    this.#queue = result.catch(() => undefined);
    return result;
  }
}
