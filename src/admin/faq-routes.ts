import express, { type Request, type Router } from 'express';
import type { ChangeLog } from '../changes/change-log.js';
import { FAQ_COLUMNS, readFaqRow, type FaqColumn } from '../faq/faq-sheet.js';
import { formatOfName, writeSheet, type SheetFormat } from '../faq/faq-transfer.js';
import { faqHealth } from '../insights/faq-health.js';
import { jstDateOf } from '../insights/jst-dates.js';
import type { ReportSource } from '../insights/load-usage-report.js';
import { MUNICIPALITIES, type Municipality } from '../knowledge/schema.js';
import type { Logger } from '../logging/logger.js';
import { HttpError } from '../server/http-errors.js';
import type { AdminEngine } from './admin-engine.js';
import { adminLabelOf } from './bearer-auth.js';
import type { FaqDraft, FaqEditor, FaqEditResult } from './faq-editor.js';
import { previewFaqChange, type PreviewQuestion } from './faq-preview.js';
import { queryParam } from './query-string.js';

/** What the FAQ routes work on. */
export interface FaqRouteOptions {
  engine: AdminEngine;
  editor: FaqEditor;
  store: ReportSource;
  changeLog: ChangeLog;
  logger: Logger;
  now?: () => Date;
}

const STATUS_OF: Record<FaqEditResult['status'], number> = { saved: 200, unchanged: 200, rejected: 422, 'not-found': 404, conflict: 409 };
const UPLOAD_LIMIT = '5mb';
const RECENT_DAYS = 30;
const RECENT_QUESTIONS = 300;

/** A draft from the page's form, checked exactly as a sheet row is (same messages, same column names). */
function draftOf(body: unknown, id?: string): { ok: true; draft: FaqDraft } | { ok: false; problems: Array<{ column?: FaqColumn; message: string }> } {
  const form = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
  const wordings = Array.isArray(form.wordings) ? form.wordings.filter((item): item is string => typeof item === 'string').join('\n') : text('wordings');
  const cells = [id ?? '', text('municipality'), text('question'), wordings, text('answer'), text('linkUrl'), text('linkLabel'), text('contact'), text('source'), text('reviewBy')];
  const reading = readFaqRow(cells, 0);
  if (!reading.ok) return { ok: false, problems: reading.problems.map(({ column, message }) => ({ ...(column ? { column } : {}), message })) };
  return { ok: true, draft: { ...reading.faq, ...(id ? { id } : {}) } };
}

function municipalityOf(value: unknown): Municipality | null {
  return MUNICIPALITIES.find((city) => city === value) ?? null;
}

/** The FAQ tab's API: list, preview, add, edit, delete, sheet download and upload, change log. */
export function faqRoutes(options: FaqRouteOptions): Router {
  const { engine, editor, store, changeLog, logger } = options;
  const now = options.now ?? (() => new Date());
  const router = express.Router();
  const recentLogs = () => store.listLogs({ from: new Date(now().getTime() - RECENT_DAYS * 86_400_000), to: now() });

  router.get('/faq', async (_req, res) => {
    const faqs = editor.list();
    const health = faqHealth(faqs, await recentLogs(), jstDateOf(now()));
    res.json({ columns: FAQ_COLUMNS, faqs, pastReview: health.pastReview.map((faq) => faq.id), unasked: health.unasked.map((faq) => faq.id), days: RECENT_DAYS });
  });

  router.post('/faq/preview', async (req, res) => {
    const body = (req.body ?? {}) as { faq?: unknown; id?: unknown; delete?: unknown; questions?: unknown; municipality?: unknown };
    const id = typeof body.id === 'string' && body.id !== '' ? body.id : undefined;
    const asked = Array.isArray(body.questions) ? body.questions.filter((item): item is string => typeof item === 'string').slice(0, 20) : [];
    let faqs = editor.list();
    let wordings: string[] = [];
    let city = municipalityOf(body.municipality);
    if (body.delete === true) {
      if (!id) throw new HttpError(400, 'id is required to preview a deletion');
      const gone = faqs.find((faq) => faq.id === id);
      wordings = gone ? [gone.question, ...gone.wordings] : [];
      city ??= municipalityOf(gone?.municipality);
      faqs = faqs.filter((faq) => faq.id !== id);
    } else {
      const parsed = draftOf(body.faq, id);
      if (!parsed.ok) {
        res.status(422).json({ ok: false, problems: parsed.problems });
        return;
      }
      const edited = editor.withDraft(parsed.draft);
      faqs = edited.faqs;
      wordings = [edited.faq.question, ...edited.faq.wordings];
      city ??= municipalityOf(edited.faq.municipality);
    }
    const questions: PreviewQuestion[] = [
      ...wordings.map((question) => ({ question, municipality: city, origin: 'wording' as const })),
      ...asked.map((question) => ({ question, municipality: city, origin: 'typed' as const })),
      ...(await recentLogs())
        .reverse()
        .slice(0, RECENT_QUESTIONS * 3)
        .map((log) => ({ question: log.text, municipality: municipalityOf(log.municipality), origin: 'asked' as const })),
    ];
    const rows = previewFaqChange(engine.current(), faqs, questions);
    // Residents' questions matter only where the change would answer them differently.
    res.json({ ok: true, rows: rows.filter((row) => row.origin !== 'asked' || row.changes) });
  });

  const respond = (result: FaqEditResult, res: express.Response, action: string) => {
    if (result.status === 'saved') logger.info('faq saved', { action, files: result.files, reloaded: result.reload.ok });
    const ok = result.status === 'unchanged' || (result.status === 'saved' && result.reload.ok);
    res.status(STATUS_OF[result.status]).json({ ok, ...result });
  };
  const edit = async (req: Request, res: express.Response, id?: string) => {
    const parsed = draftOf(req.body, id);
    if (!parsed.ok) {
      res.status(422).json({ ok: false, status: 'invalid', problems: parsed.problems });
      return;
    }
    respond(await editor.save(parsed.draft, adminLabelOf(res)), res, id ? 'edit' : 'add');
  };
  router.post('/faq', async (req, res) => edit(req, res));
  router.put('/faq/:id', async (req, res) => edit(req, res, req.params.id));
  router.delete('/faq/:id', async (req, res) => respond(await editor.delete(req.params.id, adminLabelOf(res)), res, 'delete'));

  router.get('/faq/export', async (req, res) => {
    const format: SheetFormat = queryParam(req, 'format') === 'csv' ? 'csv' : 'xlsx';
    const name = `dx-navi-faq-${jstDateOf(now())}.${format}`;
    res
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(name)
      .send(await writeSheet(editor.list(), format));
  });

  router.post('/faq/import', express.raw({ type: () => true, limit: UPLOAD_LIMIT }), async (req, res) => {
    const fileName = queryParam(req, 'name') ?? '';
    const format = formatOfName(fileName);
    if (!format) throw new HttpError(400, 'name must end in .xlsx or .csv');
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new HttpError(400, 'the file is empty');
    const dryRun = queryParam(req, 'dryRun') === '1';
    const deleteMissing = queryParam(req, 'deleteMissing') === '1';
    const { outcome, reload } = await editor.import(req.body, format, { dryRun, deleteMissing, by: adminLabelOf(res), fileName });
    if (!outcome.ok) {
      res.status(422).json({ ok: false, problems: outcome.problems });
      return;
    }
    const { plan, save } = outcome;
    res.json({
      ok: reload === null || reload.ok,
      dryRun,
      status: save.status,
      files: save.files,
      added: plan.added.map((faq) => ({ id: faq.id, question: faq.question, row: plan.rowOf.get(faq.id) })),
      changed: plan.changed.map(({ after }) => ({ id: after.id, question: after.question, row: plan.rowOf.get(after.id) })),
      removed: plan.removed.map((faq) => ({ id: faq.id, question: faq.question })),
      missing: plan.missing.map((faq) => ({ id: faq.id, question: faq.question })),
      ...(reload ? { reload } : {}),
    });
  });

  router.post('/faq/changes/revert', async (req, res) => {
    const { id } = (req.body ?? {}) as { id?: unknown };
    if (typeof id !== 'string' || id === '') throw new HttpError(400, 'id (of the change to undo) is required');
    const change = (await changeLog.list()).find((item) => item.kind === 'faq' && item.id === id);
    if (!change) throw new HttpError(404, 'no such FAQ change in the log');
    respond(await editor.revert(change, adminLabelOf(res)), res, 'revert');
  });

  router.get('/faq/changes', async (_req, res) => {
    const changes = await changeLog.list();
    res.json({ changes: changes.slice(-100).reverse() });
  });
  return router;
}
