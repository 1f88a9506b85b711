import express, { type Router } from 'express';
import { z } from 'zod';
import type { BotDependencies } from '../bot/bot-dependencies.js';
import { MUNICIPALITIES, municipalitySchema } from '../knowledge/schema.js';
import type { RichMenuStore } from '../line-stub/rich-menu-store.js';
import { HttpError } from '../server/http-errors.js';
import { batchCsv } from './batch-csv.js';
import { MAX_BATCH_QUESTIONS, questionsFrom, runBatch } from './batch-run.js';
import { PERSONAS } from './personas.js';
import { rememberedMunicipality } from './remembered-municipality.js';
import type { SentMessageStream } from './sent-message-stream.js';
import { simulatorPage } from './simulator-page.js';
import { explainAnswer } from './staff-explanation.js';
import type { ThrowawayChannel } from './throwaway-channel.js';

/** What the simulator's routes need: the bot's own dependencies, the run's channel, the reply stream. */
export interface SimulatorRouterOptions {
  deps: BotDependencies;
  channel: ThrowawayChannel;
  stream: SentMessageStream;
  /** The stand-in's rich menus: the page shows the default one under the chat. */
  richMenus: Pick<RichMenuStore, 'defaultMenu'>;
}

const userId = z.string().regex(/^U[0-9a-f]{32}$/, 'userId must be U and 32 hex digits');
// The text is explained exactly as sent (not trimmed), as the bot receives it.
const explainRequest = z.object({ text: z.string().max(5000).refine((text) => text.trim().length > 0, 'text is empty'), userId });
const batchRequest = z.object({ questions: z.string().max(500_000), municipality: municipalitySchema.nullable().default(null) });

/** Parses a request part or answers 400 with what was wrong. */
function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
  return result.data;
}

/**
 * The simulator's HTTP surface under /simulator: the page, its configuration, the stream of what
 * the bot sent, and the staff endpoints. Every answer comes from the bot's own engine getter.
 */
export function simulatorRouter(options: SimulatorRouterOptions): Router {
  const { deps, channel, stream, richMenus } = options;
  const router = express.Router();
  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));

  // The secret is a throwaway made for this run; handing it to the page is what lets the page
  // sign webhook bodies itself, exactly as LINE does. Only the simulator mounts this route.
  api.get('/config', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ channelSecret: channel.secret, destination: channel.botUserId, personas: PERSONAS, municipalities: MUNICIPALITIES });
  });

  api.get('/stream', stream.handler);

  // What a phone shows under the chat: the default rich menu as LINE holds it, and its image.
  api.get('/richmenu', (_req, res) => {
    const menu = richMenus.defaultMenu();
    res.setHeader('cache-control', 'no-store');
    res.json({ richMenu: menu?.image ? { richMenuId: menu.richMenuId, ...menu.definition, image: `./api/richmenu/${menu.richMenuId}/content` } : null });
  });
  api.get('/richmenu/:richMenuId/content', (req, res) => {
    const menu = richMenus.defaultMenu();
    if (!menu?.image || menu.richMenuId !== req.params.richMenuId) throw new HttpError(404, 'no such rich menu');
    res.setHeader('cache-control', 'no-cache');
    res.type(menu.image.type).send(menu.image.bytes);
  });

  api.get('/municipality', async (req, res) => {
    const id = parse(userId, req.query.userId);
    res.json({ municipality: await rememberedMunicipality(deps.store, deps.userHashSalt, id) });
  });

  api.post('/explain', async (req, res) => {
    const { text, userId: id } = parse(explainRequest, req.body);
    const remembered = await rememberedMunicipality(deps.store, deps.userHashSalt, id);
    // The same fallback as the text handler, so the panel explains the reply the person got.
    const answer = deps.engine().ask(text, { municipality: remembered ?? deps.defaultMunicipality });
    res.json(explainAnswer(answer, remembered));
  });

  const batchRows = (body: unknown) => {
    const { questions: text, municipality } = parse(batchRequest, body);
    const questions = questionsFrom(text);
    if (questions.length === 0) throw new HttpError(400, '質問が入力されていません。1行に1つずつ入力してください。');
    if (questions.length > MAX_BATCH_QUESTIONS) throw new HttpError(400, `一度に試せる質問は${MAX_BATCH_QUESTIONS}件までです（${questions.length}件あります）。`);
    return runBatch(deps.engine(), questions, municipality);
  };
  api.post('/batch', (req, res) => {
    res.json({ rows: batchRows(req.body) });
  });
  api.post('/batch.csv', (req, res) => {
    const csv = batchCsv(batchRows(req.body));
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="dx-navi-batch.csv"`);
    res.send(csv);
  });

  router.use('/simulator/api', api);
  router.use('/simulator', simulatorPage());
  return router;
}
