import pg from 'pg';
import type { Pool } from 'pg';
import type { KnowledgeEdit } from '../../admin/knowledge-edits.js';

/** The channel edits are announced on; the payload is the new row's id. */
export const KNOWLEDGE_EDITS_CHANNEL = 'dx_navi_knowledge_edits';

/** One edit as stored. */
export interface StoredKnowledgeEdit {
  id: number;
  at: string;
  file: string;
  edit: KnowledgeEdit;
  /** The instance whose /admin it was made on. */
  instance: string;
}

/** A running LISTEN; close it at shutdown. */
export interface EditListener {
  close(): Promise<void>;
}

/**
 * The knowledge change log in PostgreSQL: every edit made on any instance's /admin, in order.
 * Recording an edit announces it with NOTIFY in the same transaction, so listeners hear of it
 * exactly when it is committed.
 */
export class PostgresKnowledgeEditLog {
  readonly #pool: Pool;
  readonly #connectionString: string;

  /** Uses the store's pool for writes and reads; LISTEN gets a connection of its own. */
  constructor(pool: Pool, connectionString: string) {
    this.#pool = pool;
    this.#connectionString = connectionString;
  }

  /** Stores an applied edit and announces it; resolves with its id. */
  async record(edit: KnowledgeEdit, file: string, instance: string): Promise<number> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>('INSERT INTO knowledge_edits (file, edit, instance) VALUES ($1, $2, $3) RETURNING id', [file, JSON.stringify(edit), instance]);
      const id = Number(rows[0]!.id);
      await client.query('SELECT pg_notify($1, $2)', [KNOWLEDGE_EDITS_CHANNEL, String(id)]);
      await client.query('COMMIT');
      return id;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Edits stored after `afterId`, oldest first. */
  async since(afterId: number): Promise<StoredKnowledgeEdit[]> {
    const { rows } = await this.#pool.query<{ id: string; at: Date; file: string; edit: KnowledgeEdit; instance: string }>(
      'SELECT id, at, file, edit, instance FROM knowledge_edits WHERE id > $1 ORDER BY id',
      [afterId],
    );
    return rows.map((row) => ({ id: Number(row.id), at: row.at.toISOString(), file: row.file, edit: row.edit, instance: row.instance }));
  }

  /**
   * Calls `onEdit` whenever an edit is announced, and once after every (re)connection, since
   * announcements made while disconnected are not delivered. A lost connection is retried.
   */
  listen(onEdit: () => void, onError: (error: unknown) => void): EditListener {
    let client: pg.Client | null = null;
    let closed = false;
    let retry: NodeJS.Timeout | undefined;
    const connect = async () => {
      const next = new pg.Client({ connectionString: this.#connectionString, application_name: 'dx-navi-listen' });
      next.on('notification', () => onEdit());
      next.on('error', (error) => {
        onError(error);
        reconnect();
      });
      try {
        await next.connect();
        await next.query(`LISTEN ${KNOWLEDGE_EDITS_CHANNEL}`);
        if (closed) {
          await next.end();
          return;
        }
        client = next;
        onEdit();
      } catch (error) {
        onError(error);
        await next.end().catch(() => undefined);
        reconnect();
      }
    };
    const reconnect = () => {
      if (closed || retry) return;
      const dead = client;
      client = null;
      void dead?.end().catch(() => undefined);
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, 2000);
      retry.unref();
    };
    void connect();
    return {
      close: async () => {
        closed = true;
        clearTimeout(retry);
        await client?.end().catch(() => undefined);
      },
    };
  }
}
