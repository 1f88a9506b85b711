import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWLEDGE_SIZE_LIMITS } from '../../src/knowledge/load.js';
import type { LogEntry } from '../../src/storage/store.js';
import { lineUserId, sendAll, textMessage } from '../insights/webhook-events.js';
import { copyKnowledge, removeKnowledgeCopy, startAdminHarness, type AdminHarness } from './admin-harness.js';

let h: AdminHarness;
let knowledgeDir: string;
beforeAll(async () => {
  knowledgeDir = await copyKnowledge();
  h = await startAdminHarness({ knowledgeDir });
});
afterAll(async () => {
  await h.close();
  await removeKnowledgeCopy(knowledgeDir);
});

/** Sends a question through the webhook and returns what the bot logged for it. */
async function ask(text: string): Promise<LogEntry> {
  await sendAll(h, [textMessage(text, { user: lineUserId(0x100), at: new Date().toISOString() })]);
  const logs = await h.store.listLogs();
  const last = logs.at(-1);
  if (last?.text !== text) throw new Error(`no log for ${text}`);
  return last;
}

const readKnowledge = (file: string) => readFile(path.join(knowledgeDir, file), 'utf8');

// Every applied edit rebuilds the whole index (seconds), so these tests get more time.
const SLOW = { timeout: 60_000 };

describe('from a gap to a fix', SLOW, () => {
  it('shows the nearest entries for an unanswered question', async () => {
    const { body } = await h.api('get', `nearest?q=${encodeURIComponent('ロボパとは')}`).expect(200);
    expect(body).toMatchObject({ question: 'ロボパとは', answered: false, suggestedWord: 'ロボパ' });
    expect(body.hits[0]).toMatchObject({ id: 'rpa', kind: 'glossary', title: 'RPA' });
    await h.api('get', 'nearest').expect(400);
  });

  it('lists the glossary entries and synonym groups that can be extended', async () => {
    const { body } = await h.api('get', 'targets').expect(200);
    expect(body.glossary).toContainEqual(expect.objectContaining({ id: 'rpa', term: 'RPA' }));
    expect(body.synonyms).toContainEqual(expect.objectContaining({ id: 'syn-library', canonical: '図書館' }));
  });

  it('adds an alias, after which the running app answers it', async () => {
    expect(await ask('ロボパとは')).toMatchObject({ answered: false, entryId: null });
    const before = await readKnowledge('glossary/rpa.yaml');

    const { body } = await h.api('post', 'glossary/rpa/aliases').send({ alias: ' ロボパ ' }).expect(200);
    expect(body).toMatchObject({ ok: true, status: 'applied', file: 'glossary/rpa.yaml', reload: { ok: true } });

    const after = await readKnowledge('glossary/rpa.yaml');
    expect(after).toBe(before.replace('  - ロボティック・プロセス・オートメーション\n', '  - ロボティック・プロセス・オートメーション\n  - ロボパ\n'));
    expect(await ask('ロボパとは')).toMatchObject({ answered: true, entryId: 'rpa' });
    expect(h.logger.lines).toContainEqual(expect.objectContaining({ message: 'knowledge edited', fields: expect.objectContaining({ file: 'glossary/rpa.yaml' }) }));

    const again = await h.api('post', 'glossary/rpa/aliases').send({ alias: 'ロボパ' }).expect(200);
    expect(again.body).toEqual({ ok: true, status: 'unchanged', file: 'glossary/rpa.yaml' });
  });

  it('rejects an edit that fails validation with the report, touching nothing, and the old index keeps answering', async () => {
    const before = await readKnowledge('glossary/rpa.yaml');
    const serving = h.engine.current();

    // BPR is another entry's term: two glossary entries may not answer to one name.
    const { body } = await h.api('post', 'glossary/rpa/aliases').send({ alias: 'BPR' }).expect(422);
    expect(body).toMatchObject({ ok: false, status: 'rejected', file: 'glossary/rpa.yaml' });
    expect(body.problems).toEqual([{ file: 'glossary/rpa.yaml', id: 'rpa', field: 'aliases', message: expect.stringContaining('glossary entry "bpr"') }]);

    expect(await readKnowledge('glossary/rpa.yaml')).toBe(before);
    expect((await readdir(path.join(knowledgeDir, 'glossary'))).filter((name) => !name.endsWith('.yaml'))).toEqual([]);
    expect(h.engine.current()).toBe(serving);
    expect(await ask('RPAとは')).toMatchObject({ answered: true, entryId: 'rpa' });
    expect(await ask('BPRとは')).toMatchObject({ answered: true, entryId: 'bpr' });
  });

  it('refuses bad requests before touching anything', async () => {
    await h.api('post', 'glossary/no-such-term/aliases').send({ alias: 'x' }).expect(404);
    await h.api('post', 'glossary/RPA!/aliases').send({ alias: 'x' }).expect(400);
    await h.api('post', 'glossary/rpa/aliases').send({ alias: '   ' }).expect(400);
    await h.api('post', 'glossary/rpa/aliases').send({ alias: '一行目\n二行目' }).expect(400);
    await h.api('post', 'glossary/rpa/aliases').send({ alias: 'あ'.repeat(61) }).expect(400);
    await h.api('post', 'glossary/rpa/aliases').send({}).expect(400);
    await h.api('post', 'synonyms/syn-nothing/words').send({ word: 'x' }).expect(404);
    await h.api('post', 'synonyms').send({ id: 'Bad Id', canonical: 'x', words: ['y'] }).expect(400);
    await h.api('post', 'synonyms').send({ id: 'syn-empty', canonical: 'x', words: [] }).expect(400);
  });

  it('adds a word to a synonym group, keeping the file’s comments, and the answer follows it', async () => {
    const before = await readKnowledge('synonyms.yaml');
    expect((await ask('ブックの予約')).entryId).not.toBe('satsumasendai-library-reservation');

    const { body } = await h.api('post', 'synonyms/syn-library/words').send({ word: 'ブック' }).expect(200);
    expect(body).toMatchObject({ ok: true, status: 'applied', file: 'synonyms.yaml' });

    expect(await readKnowledge('synonyms.yaml')).toBe(before.replace('words: [本の予約, 本を借りる]', 'words: [本の予約, 本を借りる, ブック]'));
    expect(await ask('ブックの予約')).toMatchObject({ answered: true, entryId: 'satsumasendai-library-reservation' });
  });

  it('creates a synonym group, and rejects a second group with the same id', async () => {
    const before = await readKnowledge('synonyms.yaml');
    const group = { id: 'syn-test-library', canonical: '図書館', words: ['ライブラリー', 'としょかん'] };
    const { body } = await h.api('post', 'synonyms').send(group).expect(200);
    expect(body).toMatchObject({ ok: true, status: 'applied' });
    const after = await readKnowledge('synonyms.yaml');
    expect(after).toBe(`${before}- id: syn-test-library\n  canonical: 図書館\n  words: [ライブラリー, としょかん]\n`);
    const targets = await h.api('get', 'targets').expect(200);
    expect(targets.body.synonyms).toContainEqual(group);

    const duplicate = await h.api('post', 'synonyms').send({ ...group, words: ['別の言葉'] }).expect(422);
    expect(duplicate.body.problems).toContainEqual(expect.objectContaining({ file: 'synonyms.yaml', id: 'syn-test-library', field: 'id', message: expect.stringContaining('duplicate id') }));
    expect(await readKnowledge('synonyms.yaml')).toBe(after);
  });

  it('applies concurrent edits one after the other, losing neither', async () => {
    const aliases = ['ロボパ2', 'ロボパ3'];
    const results = await Promise.all(aliases.map((alias) => h.api('post', 'glossary/rpa/aliases').send({ alias })));
    expect(results.map((result) => result.status)).toEqual([200, 200]);
    const text = await readKnowledge('glossary/rpa.yaml');
    for (const alias of aliases) expect(text).toContain(`  - ${alias}\n`);
  });
});

describe('POST /admin/api/reload', SLOW, () => {
  it('swaps in edits made on disk, rejects a broken one with the report, and keeps the old index serving', async () => {
    const file = path.join(knowledgeDir, 'glossary', 'rpa.yaml');
    const good = await readFile(file, 'utf8');

    await writeFile(file, good.replace('  - ロボパ\n', '  - ロボパ\n  - ロボピー\n'));
    const reloaded = await h.api('post', 'reload').expect(200);
    expect(reloaded.body).toMatchObject({ ok: true, builtMs: expect.any(Number) });
    expect(await ask('ロボピーとは')).toMatchObject({ answered: true, entryId: 'rpa' });

    const serving = h.engine.current();
    await writeFile(file, good.replace('reading: あーるぴーえー', 'reading: RPA読み'));
    const rejected = await h.api('post', 'reload').expect(422);
    expect(rejected.body.ok).toBe(false);
    expect(rejected.body.problems).toContainEqual({ file: 'glossary/rpa.yaml', id: 'rpa', field: 'reading', message: expect.any(String) });
    expect(h.engine.current()).toBe(serving);
    expect(await ask('ロボピーとは')).toMatchObject({ answered: true, entryId: 'rpa' });
    expect(h.logger.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'knowledge reload rejected', fields: expect.objectContaining({ trigger: 'admin' }) }));

    // While the directory is broken, an edit elsewhere is refused too: it is validated with everything.
    const edit = await h.api('post', 'synonyms/syn-library/words').send({ word: '書庫' }).expect(422);
    expect(edit.body.problems).toContainEqual(expect.objectContaining({ file: 'glossary/rpa.yaml', field: 'reading' }));

    await writeFile(file, good);
    await h.api('post', 'reload').expect(200);
  });

  it('rejects an oversized knowledge file, or too much knowledge in all, like any invalid edit, without reading it and without touching the running index', async () => {
    const serving = h.engine.current();
    // A 21 MB YAML once ran the server out of memory on reload; a bit over the limit is enough here.
    const huge = path.join(knowledgeDir, 'glossary', 'huge.yaml');
    await writeFile(huge, `id: huge\nname: 巨大\nreading: きょだい\ndefinitions:\n  - text: "${'あ'.repeat(KNOWLEDGE_SIZE_LIMITS.maxFileBytes / 3)}"\n`);
    const rejected = await h.api('post', 'reload').expect(422);
    expect(rejected.body.problems).toEqual([{ file: 'glossary/huge.yaml', message: expect.stringMatching(/^is 1\.0 MB, over the limit of 1\.0 MB per file/) }]);
    expect(h.engine.current()).toBe(serving);
    await rm(huge);

    // Many files each under the limit, together over the limit for the directory.
    const parts = Array.from({ length: 4 }, (_, i) => path.join(knowledgeDir, 'glossary', `part-${i}.yaml`));
    for (const part of parts) await writeFile(part, `# ${'x'.repeat(KNOWLEDGE_SIZE_LIMITS.maxFileBytes - 100)}\n`);
    const tooMuch = await h.api('post', 'reload').expect(422);
    expect(tooMuch.body.problems).toEqual([{ file: '.', message: expect.stringContaining('over the limit of 3.0 MB in all') }]);
    expect(h.engine.current()).toBe(serving);
    await Promise.all(parts.map((part) => rm(part)));
    await h.api('post', 'reload').expect(200);
  });
});
