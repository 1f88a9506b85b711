/**
 * `npm run knowledge:pull`: brings the edits staff made on /admin (kept in PostgreSQL while
 * several instances run) into this checkout's knowledge/, to review and commit:
 *   npm run knowledge:pull -- [--database-url postgres://…] [--knowledge-dir DIR]
 * Each edit is validated as the server validates it and written as the server writes it (only
 * the lines that change); an edit the files already hold is reported as unchanged. Reads the
 * change log and never writes to the database.
 */
import './quiet-broken-pipe.js';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { KnowledgeWriter } from '../admin/knowledge-writer.js';
import { DEFAULT_KNOWLEDGE_DIR } from '../knowledge/load.js';
import { PostgresKnowledgeEditLog } from '../storage/postgres/knowledge-edit-log.js';
import { readPostgresStore } from '../storage/postgres/postgres-store.js';

const { values } = parseArgs({ options: { 'database-url': { type: 'string' }, 'knowledge-dir': { type: 'string' } } });
const url = values['database-url'] ?? process.env.DATABASE_URL?.trim();
if (!url) {
  console.error('usage: npm run knowledge:pull -- --database-url postgres://… [--knowledge-dir DIR]  (or set DATABASE_URL)');
  process.exit(2);
}
const knowledgeDir = path.resolve(values['knowledge-dir'] ?? (process.env.KNOWLEDGE_DIR?.trim() || DEFAULT_KNOWLEDGE_DIR));
const store = readPostgresStore(url);
// Only files change here; nothing is serving from them.
const writer = new KnowledgeWriter(knowledgeDir, { reload: async () => ({ ok: true, builtMs: 0, indexRebuilt: true }) });
let failed = 0;
try {
  const edits = await new PostgresKnowledgeEditLog(store.pool, url).since(0);
  for (const stored of edits) {
    const result = await writer.apply(stored.edit);
    const detail = result.status === 'rejected' ? ` (${result.problems.length} problem(s))` : 'message' in result ? ` (${result.message})` : '';
    if (result.status !== 'applied' && result.status !== 'unchanged') failed += 1;
    console.log(`#${stored.id} ${stored.at} ${stored.edit.kind} → ${result.file}: ${result.status}${detail}`);
  }
  console.log(`${edits.length} edit(s) in the log; review with git diff ${path.relative(process.cwd(), knowledgeDir) || '.'}, run npm run knowledge:check, then commit.`);
} finally {
  await store.close();
}
process.exit(failed > 0 ? 1 : 0);
