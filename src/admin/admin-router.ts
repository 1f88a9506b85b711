import path from 'node:path';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import type { ReportSource } from '../insights/load-usage-report.js';
import type { Logger } from '../logging/logger.js';
import { projectRoot } from '../project-root.js';
import type { AdminEngine } from './admin-engine.js';
import type { ChangeLog } from '../changes/change-log.js';
import { MemoryChangeLog } from '../changes/memory-change-log.js';
import { authFailureLimit } from './auth-failure-limit.js';
import { requireBearerToken, type LabelledToken } from './bearer-auth.js';
import { FaqEditor } from './faq-editor.js';
import { faqRoutes } from './faq-routes.js';
import type { KnowledgeEdit } from './knowledge-edits.js';
import { KnowledgeWriter } from './knowledge-writer.js';
import { knowledgeRoutes } from './knowledge-routes.js';
import { reportRoutes } from './report-routes.js';

/** Everything the admin page and API need. */
export interface AdminOptions {
  /** ADMIN_TOKEN; null switches the page and the API off (404). */
  adminToken: string | null;
  /** More tokens, each with the label the change log records (ADMIN_TOKENS). */
  adminTokens?: readonly LabelledToken[];
  /** Where knowledge changes are recorded (the server passes DATA_DIR's file); default in memory. */
  changeLog?: ChangeLog;
  store: ReportSource;
  engine: AdminEngine;
  /** The directory the engine loads from, where edits are written. */
  knowledgeDir: string;
  logger: Logger;
  now?: () => Date;
  /** The writer edits go through (shared with the knowledge sync); one over knowledgeDir by default. */
  writer?: KnowledgeWriter;
  /** Told of every applied edit (to share it with the other instances). */
  onEdited?: (edit: KnowledgeEdit, file: string) => Promise<void>;
}

/** The page's files: served from the source tree, so `npm start` (dist/) needs no copy step. */
export const ADMIN_PUBLIC_DIR = path.join(projectRoot(), 'src', 'admin', 'public');
const API_BODY_LIMIT = '16kb';

// The page loads only its own script and style and talks only to its own API.
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    // Reports hold what residents typed: no shared or browser cache keeps a copy.
    'Cache-Control': 'no-store',
  });
  next();
};

// body-parser marks its own failures (bad JSON, too large) with a 4xx status: answer those as
// such rather than letting the app's error handler count them as server faults.
const bodyErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500 && (error as { type?: unknown }).type !== undefined) {
    res.status(status).json({ error: (error as Error).message });
    return;
  }
  next(error);
};

/**
 * GET /admin (the page: a login form, no data) and /admin/api/* (Bearer token). With no token
 * configured the router is empty, so every /admin path is a plain 404 and nothing hints at it.
 */
export function adminRouter(options: AdminOptions): Router {
  const router = express.Router();
  const tokens: LabelledToken[] = [...(options.adminToken ? [{ label: 'ADMIN_TOKEN', token: options.adminToken }] : []), ...(options.adminTokens ?? [])];
  if (tokens.length === 0) return router;

  const changeLog = options.changeLog ?? new MemoryChangeLog();
  const api = express.Router();
  api.use(authFailureLimit(), requireBearerToken(tokens), express.json({ limit: API_BODY_LIMIT }));
  api.use(reportRoutes({ store: options.store, engine: options.engine, ...(options.now ? { now: options.now } : {}) }));
  api.use(
    knowledgeRoutes({
      engine: options.engine,
      writer: options.writer ?? new KnowledgeWriter(options.knowledgeDir, options.engine),
      logger: options.logger,
      changeLog,
      ...(options.onEdited ? { onEdited: options.onEdited } : {}),
    }),
  );
  const editor = new FaqEditor(options.knowledgeDir, options.engine, changeLog, options.now, options.onEdited);
  api.use(faqRoutes({ engine: options.engine, editor, store: options.store, changeLog, logger: options.logger, ...(options.now ? { now: options.now } : {}) }));
  api.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  api.use(bodyErrors);

  router.use('/admin', securityHeaders);
  router.use('/admin/api', api);
  router.get('/admin', (_req, res) => {
    res.sendFile(path.join(ADMIN_PUBLIC_DIR, 'index.html'));
  });
  router.use('/admin', express.static(ADMIN_PUBLIC_DIR, { index: false, redirect: false }));
  return router;
}

