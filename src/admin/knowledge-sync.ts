import type { Logger } from '../logging/logger.js';
import type { KnowledgeEdit } from './knowledge-edits.js';
import type { EditResult } from './knowledge-writer.js';

/** Where edits are shared between instances (the PostgreSQL change log). */
export interface SharedEditLog {
  record(edit: KnowledgeEdit, file: string, instance: string): Promise<number>;
  since(afterId: number): Promise<Array<{ id: number; edit: KnowledgeEdit; instance: string }>>;
  listen(onEdit: () => void, onError: (error: unknown) => void): { close(): Promise<void> };
}

/** What applies an edit locally (the KnowledgeWriter: validate, write the YAML, reload). */
export interface EditApplier {
  apply(edit: KnowledgeEdit): Promise<EditResult>;
}

/**
 * Keeps every instance's knowledge in step: an edit made on one instance's /admin is recorded in
 * the shared log and announced; every instance applies the edits it has not seen, in order,
 * through its own writer (validated, written to its knowledge/, index reloaded). At start the
 * whole log is replayed, so an instance restarted or freshly deployed from the repository serves
 * every edit too; an edit already in the files comes back "unchanged" and costs nothing.
 */
export class KnowledgeSync {
  readonly #log: SharedEditLog;
  readonly #writer: EditApplier;
  readonly #instance: string;
  readonly #logger: Logger;
  #lastId = 0;
  #catchingUp: Promise<void> | null = null;
  #again = false;
  #listener: { close(): Promise<void> } | null = null;
  readonly #reload: (() => Promise<unknown>) | null;
  #started = false;

  /**
   * Syncs `writer`'s knowledge with `log`, naming this instance `instance` in the log. `reload`
   * rebuilds the index when another process on this machine (a cluster worker sharing the same
   * knowledge/) wrote an edit first: this one then finds the file already edited.
   */
  constructor(log: SharedEditLog, writer: EditApplier, instance: string, logger: Logger, reload?: () => Promise<unknown>) {
    this.#log = log;
    this.#writer = writer;
    this.#instance = instance;
    this.#logger = logger;
    this.#reload = reload ?? null;
  }

  /** Replays the log, then listens for new edits. */
  async start(): Promise<void> {
    await this.catchUp();
    this.#started = true;
    this.#listener = this.#log.listen(
      () => void this.catchUp(),
      (error) => this.#logger.warn('knowledge edit announcements interrupted; reconnecting', { error: String(error) }),
    );
  }

  /** Records an edit applied here, so every other instance applies it too. */
  async share(edit: KnowledgeEdit, file: string): Promise<void> {
    const id = await this.#log.record(edit, file, this.#instance);
    this.#logger.info('knowledge edit shared', { id, kind: edit.kind, file });
  }

  /** Applies every logged edit not applied here yet; concurrent calls share one pass, and a call during a pass runs another after it. */
  catchUp(): Promise<void> {
    if (this.#catchingUp) {
      this.#again = true;
      return this.#catchingUp;
    }
    this.#catchingUp = (async () => {
      do {
        this.#again = false;
        await this.#applyNew();
      } while (this.#again);
    })()
      .catch((error: unknown) => this.#logger.error('applying shared knowledge edits failed', { error: String(error) }))
      .finally(() => {
        this.#catchingUp = null;
      });
    return this.#catchingUp;
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    await this.#listener?.close();
    await this.#catchingUp;
  }

  async #applyNew(): Promise<void> {
    let editedElsewhere = false;
    for (const stored of await this.#log.since(this.#lastId)) {
      let result = await this.#writer.apply(stored.edit);
      // Another process sharing this knowledge/ may be writing the same edit at this moment.
      for (let attempt = 0; attempt < 3 && result.status === 'conflict'; attempt++) result = await this.#writer.apply(stored.edit);
      this.#lastId = stored.id;
      if (result.status === 'applied') this.#logger.info('shared knowledge edit applied', { id: stored.id, from: stored.instance, file: result.file, reloaded: result.reload.ok });
      // Our own edit comes back unchanged by design; another's, because a neighbour wrote the file.
      else if (result.status === 'unchanged') editedElsewhere ||= stored.instance !== this.#instance;
      else this.#logger.error('shared knowledge edit not applied here', { id: stored.id, from: stored.instance, status: result.status, ...('message' in result ? { message: result.message } : {}) });
    }
    // At start the index was just built from the files; later, "unchanged" means someone else wrote them.
    if (editedElsewhere && this.#started && this.#reload) await this.#reload();
  }
}
