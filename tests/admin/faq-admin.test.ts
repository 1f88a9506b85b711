import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChangeLog } from '../../src/changes/memory-change-log.js';
import { formatCsv } from '../../src/faq/csv-file.js';
import { FAQ_COLUMNS } from '../../src/faq/faq-sheet.js';
import { scenarioBodies } from '../insights/scenario.js';
import { sendAll } from '../insights/webhook-events.js';
import { knowledgeWithFaqs, removeKnowledge } from '../support/faq-knowledge.js';
import { startAdminHarness, type AdminHarness } from './admin-harness.js';

let h: AdminHarness;
let dir: string;
const changeLog = new MemoryChangeLog();
const form = {
  municipality: '鹿屋市',
  question: '窓口は何時まで開いていますか',
  wordings: ['市役所の受付時間', '窓口の受付時間は'],
  answer: '（テスト用）平日の受付時間です。',
  linkUrl: 'https://example.jp/kanoya/hours',
  linkLabel: '受付時間の案内',
  contact: '市民課 0994-00-0002',
  source: 'テスト用の資料 2026-04-01',
  reviewBy: '2027-03-31',
};

beforeAll(async () => {
  dir = await knowledgeWithFaqs();
  // A week of residents' questions in June 2026, the preview's "recent" window.
  h = await startAdminHarness({ knowledgeDir: dir, changeLog, now: () => new Date('2026-06-05T00:00:00Z') });
  await sendAll(h, scenarioBodies());
});
afterAll(async () => {
  await h?.close();
  await removeKnowledge(dir);
});

describe('/admin/api/faq', () => {
  it('lists the FAQs with those past their review date', async () => {
    const response = await h.api('get', 'faq').expect(200);
    expect(response.body.columns).toEqual([...FAQ_COLUMNS]);
    expect(response.body.faqs.map((faq: { id: string }) => faq.id)).toEqual(expect.arrayContaining(['faq-common-1', 'faq-kanoya-1', 'faq-kanoya-2']));
    expect(response.body.pastReview).toEqual(['faq-kanoya-2']);
  });

  it('previews a new FAQ: its wordings and a typed question, now and after saving, without saving', async () => {
    const response = await h.api('post', 'faq/preview').send({ faq: form, questions: ['受付時間を教えて', 'RPAとは'] }).expect(200);
    const rows = response.body.rows as Array<{ question: string; origin: string; now: { entryId: string | null }; after: { entryId: string | null; text: string }; changes: boolean }>;
    const wording = rows.find((row) => row.question === '市役所の受付時間');
    expect(wording).toMatchObject({ origin: 'wording', changes: true, after: { entryId: 'faq-kanoya-3' } });
    expect(wording?.now.entryId ?? '').not.toBe('faq-kanoya-3');
    expect(rows.find((row) => row.question === 'RPAとは')).toMatchObject({ origin: 'typed', changes: false, after: { entryId: 'rpa' } });
    // Nothing was written: the running bot answers as before.
    expect(h.engine.current().ask('市役所の受付時間', { municipality: '鹿屋市' }).entryId).not.toBe('faq-kanoya-3');
  });

  it("lists the residents' recent questions the change would answer differently", async () => {
    const library = { ...form, municipality: '共通', question: '図書館は何時に開きますか', wordings: ['図書館の開館時間'], linkUrl: '', linkLabel: '' };
    const response = await h.api('post', 'faq/preview').send({ faq: library }).expect(200);
    const asked = (response.body.rows as Array<{ question: string; origin: string; now: { answered: boolean }; after: { entryId: string } }>).filter((row) => row.origin === 'asked');
    expect(asked.map((row) => row.question)).toContain('図書館の開館時間は？');
    expect(asked.find((row) => row.question === '図書館の開館時間は？')).toMatchObject({ now: { answered: false }, after: { entryId: 'faq-common-2' } });
    // Questions it does not touch are left out.
    expect(asked.every((row) => row.after.entryId === 'faq-common-2')).toBe(true);
  });

  it('shows what is wrong with a draft in the sheet’s column names', async () => {
    const response = await h.api('post', 'faq/preview').send({ faq: { ...form, answer: '', linkUrl: 'http://example.jp' } }).expect(422);
    expect(response.body.problems).toEqual(expect.arrayContaining([{ column: '回答', message: '空にはできません' }, { column: 'リンク', message: 'https:// で始まるURLにしてください' }]));
  });

  it('adds an FAQ: validated, written, reloaded, answered, and logged with the token label', async () => {
    const response = await h.api('post', 'faq').send(form).expect(200);
    expect(response.body).toMatchObject({ ok: true, status: 'saved', files: ['faq/kanoya.yaml'], faq: { id: 'faq-kanoya-3' } });
    expect(h.engine.current().ask('窓口の受付時間は？', { municipality: '鹿屋市' }).entryId).toBe('faq-kanoya-3');
    expect(await readFile(path.join(dir, 'faq', 'kanoya.yaml'), 'utf8')).toContain('question: 窓口は何時まで開いていますか');
    expect(changeLog.changes.at(-1)).toMatchObject({ by: 'ADMIN_TOKEN', via: 'admin', action: 'added', kind: 'faq', entryId: 'faq-kanoya-3', before: null });
  });

  it('edits and deletes, logging before and after', async () => {
    await h.api('put', 'faq/faq-kanoya-3').send({ ...form, answer: '（テスト用）変更後の回答です。' }).expect(200);
    expect(changeLog.changes.at(-1)).toMatchObject({ action: 'changed', before: { answer: form.answer }, after: { answer: '（テスト用）変更後の回答です。' } });
    await h.api('delete', 'faq/faq-kanoya-3').expect(200);
    expect(h.engine.current().ask('窓口の受付時間は？', { municipality: '鹿屋市' }).entryId).not.toBe('faq-kanoya-3');
    expect(changeLog.changes.at(-1)).toMatchObject({ action: 'removed', entryId: 'faq-kanoya-3', after: null });
    await h.api('delete', 'faq/faq-kanoya-3').expect(404);
  });

  it('undoes a logged change: an edit is put back as it was, and the undo is logged too', async () => {
    const added = await h.api('post', 'faq').send({ ...form, question: '受付は土曜もしていますか', wordings: [] }).expect(200);
    const id = added.body.faq.id as string;
    await h.api('put', `faq/${id}`).send({ ...form, question: '受付は土曜もしていますか', wordings: [], answer: '（テスト用）間違えた回答です。' }).expect(200);
    const wrong = changeLog.changes.at(-1)!;
    const undone = await h.api('post', 'faq/changes/revert').send({ id: wrong.id }).expect(200);
    expect(undone.body).toMatchObject({ ok: true, status: 'saved', faq: { id, answer: form.answer } });
    expect(h.engine.current().ask('受付は土曜もしていますか', { municipality: '鹿屋市' }).card?.lead).toBe(form.answer);
    expect(changeLog.changes.at(-1)).toMatchObject({ action: 'changed', entryId: id, note: `undo ${wrong.id}`, after: { answer: form.answer } });
    // Undoing the addition deletes it.
    const addition = changeLog.changes.find((change) => change.entryId === id && change.action === 'added')!;
    await h.api('post', 'faq/changes/revert').send({ id: addition.id }).expect(200);
    expect(h.engine.knowledge().faq.some((faq) => faq.id === id)).toBe(false);
    await h.api('post', 'faq/changes/revert').send({ id: 'nope' }).expect(404);
  }, 60_000); // four saves, each validated and reloaded: several seconds each on a busy 2-core machine

  it('rejects a change the knowledge check refuses, leaving files and answers as they were', async () => {
    const before = await readFile(path.join(dir, 'faq', 'kanoya.yaml'), 'utf8');
    const response = await h.api('post', 'faq').send({ ...form, wordings: ['粗大ごみの申込先'] }).expect(422);
    expect(response.body.problems[0].message).toContain('faq-kanoya-1');
    expect(await readFile(path.join(dir, 'faq', 'kanoya.yaml'), 'utf8')).toBe(before);
  });

  it('logs the other knowledge edits of the page too', async () => {
    await h.api('post', 'glossary/rpa/aliases').send({ alias: 'ロボパ' }).expect(200);
    expect(changeLog.changes.at(-1)).toMatchObject({ by: 'ADMIN_TOKEN', via: 'admin', kind: 'glossary-alias', entryId: 'rpa', after: { alias: 'ロボパ' } });
  });

  it('downloads the sheet and takes it back unchanged; an invalid upload changes nothing and names rows', async () => {
    const download = await h.api('get', 'faq/export?format=xlsx').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/dx-navi-faq-\d{4}-\d{2}-\d{2}\.xlsx/);
    const upload = await h.api('post', 'faq/import?name=faq.xlsx').set('content-type', 'application/octet-stream').send(download.body as Buffer).expect(200);
    expect(upload.body).toMatchObject({ ok: true, status: 'unchanged', added: [], changed: [], removed: [] });

    const bad = formatCsv([[...FAQ_COLUMNS], ['', '鹿屋市', '', '', '回答', '', '', '', 'x', '2027-01-01']]);
    const rejected = await h.api('post', 'faq/import?name=faq.csv').set('content-type', 'text/csv').send(bad).expect(422);
    expect(rejected.body.problems).toEqual(expect.arrayContaining(['行 2 › 質問: 空にはできません', expect.stringMatching(/^行 2 › 出典: /)]));
  });
});
