import { randomUUID } from 'node:crypto';
import express, { type Response, type Router } from 'express';
import type { Logger } from '../logging/logger.js';
import { HttpError } from '../server/http-errors.js';
import { stripQuestionEnding } from '../text/normalize.js';
import type { AdminEngine } from './admin-engine.js';
import { aliasEdit, synonymGroupEdit, synonymWordEdit, type ParsedEdit } from './edit-requests.js';
import type { KnowledgeEdit } from './knowledge-edits.js';
import type { EditResult, KnowledgeWriter } from './knowledge-writer.js';
import { queryParam } from './query-string.js';
import { adminLabelOf } from './bearer-auth.js';
import type { ChangeLog, KnowledgeChange } from '../changes/change-log.js';
import { reloadKnowledge } from './reload-knowledge.js';

/** What the knowledge routes work on. */
export interface KnowledgeRouteOptions {
  engine: AdminEngine;
  writer: KnowledgeWriter;
  logger: Logger;
  /** Where applied edits are recorded, with the admin token's label. */
  changeLog?: ChangeLog;
  /** Told of every applied edit (to share it with the other instances). */
  onEdited?: (edit: KnowledgeEdit, file: string) => Promise<void>;
}

const STATUS_OF: Record<EditResult['status'], number> = { applied: 200, unchanged: 200, rejected: 422, 'not-found': 404, conflict: 409 };

/**
 * From a gap to a fix: the nearest entries for a question, the glossary entries and synonym
 * groups to extend, the edits themselves (validated before anything is written) and a reload.
 */
export function knowledgeRoutes(options: KnowledgeRouteOptions): Router {
  const { engine, writer, logger } = options;
  const router = express.Router();

  router.get('/nearest', (req, res) => {
    const question = queryParam(req, 'q')?.trim() ?? '';
    if (question === '') throw new HttpError(400, 'q (the question) is required');
    const answer = engine.current().ask(question);
    // The question without its ending is usually the word the knowledge is missing.
    res.json({ question, answered: answer.answered, intent: answer.intent, entryId: answer.entryId, hits: answer.hits, suggestedWord: stripQuestionEnding(question).trim() });
  });

  router.get('/targets', (_req, res) => {
    const knowledge = engine.knowledge();
    res.json({
      glossary: knowledge.glossary.map((entry) => ({ id: entry.id, term: entry.term, aliases: entry.aliases })),
      synonyms: knowledge.synonyms.map((group) => ({ id: group.id, canonical: group.canonical, words: group.words })),
    });
  });

  const applyParsed = async (parsed: ParsedEdit, res: Response) => {
    if (!parsed.ok) throw new HttpError(400, parsed.message);
    const result = await writer.apply(parsed.edit);
    let shared: boolean | undefined;
    if (result.status === 'applied') {
      logger.info('knowledge edited', { kind: parsed.edit.kind, file: result.file, reloaded: result.reload.ok });
      await options.changeLog?.append([editChange(parsed.edit, adminLabelOf(res))]);
      if (options.onEdited) {
        // Written here already; if it cannot be shared, say so rather than fail the edit.
        shared = await options.onEdited(parsed.edit, result.file).then(
          () => true,
          (error: unknown) => {
            logger.error('knowledge edit not shared with the other instances', { kind: parsed.edit.kind, file: result.file, error: String(error) });
            return false;
          },
        );
      }
    }
    else if (result.status === 'rejected') logger.warn('knowledge edit rejected', { kind: parsed.edit.kind, file: result.file, problems: result.problems.length });
    const ok = result.status === 'unchanged' || (result.status === 'applied' && result.reload.ok);
    res.status(STATUS_OF[result.status]).json({ ok, ...result, ...(shared === undefined ? {} : { shared }) });
  };

  router.post('/glossary/:id/aliases', async (req, res) => applyParsed(aliasEdit(req.params.id, req.body), res));
  router.post('/synonyms/:id/words', async (req, res) => applyParsed(synonymWordEdit(req.params.id, req.body), res));
  router.post('/synonyms', async (req, res) => applyParsed(synonymGroupEdit(req.body), res));

  router.post('/reload', async (_req, res) => {
    const result = await reloadKnowledge(engine, logger, 'admin');
    res.status(result.ok ? 200 : 422).json(result);
  });
  return router;
}

/** An alias or synonym edit as a change-log record: the word added is the "after". */
function editChange(edit: KnowledgeEdit, by: string): KnowledgeChange {
  const base = { id: randomUUID(), at: new Date().toISOString(), by, via: 'admin' as const, kind: edit.kind, before: null };
  switch (edit.kind) {
    case 'glossary-alias':
      return { ...base, action: 'changed', entryId: edit.entryId, after: { alias: edit.alias } };
    case 'synonym-word':
      return { ...base, action: 'changed', entryId: edit.groupId, after: { word: edit.word } };
    case 'synonym-group':
      return { ...base, action: 'added', entryId: edit.group.id, after: edit.group };
    // Never made on this route: the FAQ tab records its own changes, entry by entry.
    case 'faq-file':
      return { ...base, action: 'changed', entryId: edit.file, after: { file: edit.file } };
  }
}
