import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReloadableEngine } from '../../src/engine/reloadable-engine.js';
import { knowledgeWithFaqs, removeKnowledge, SAMPLE_FAQS } from '../support/faq-knowledge.js';
import { engineForTests } from '../server/webhook-harness.js';

let dir: string;
beforeAll(async () => {
  dir = await knowledgeWithFaqs();
});
afterAll(() => removeKnowledge(dir));

const opening = {
  id: 'faq-kanoya-9',
  municipality: '鹿屋市',
  question: '市役所の駐車場は何台とめられますか',
  answer: '（テスト用）市役所の駐車場の案内です。',
  source: 'テスト用の資料 2026-04-01',
  reviewBy: '2027-03-31',
};

describe('ReloadableEngine', () => {
  it('starts from an engine over the same plans without building the index again, answering with its own FAQs', async () => {
    const shared = await engineForTests();
    const engine = await ReloadableEngine.create(dir, { reuse: shared });
    expect(engine.knowledge().faq.map((faq) => faq.id)).toEqual(expect.arrayContaining(['faq-kanoya-1', 'faq-tarumizu-1']));
    expect(engine.current().ask('粗大ごみの申込先', { municipality: '垂水市' }).entryId).toBe('faq-tarumizu-1');
    // The plans are answered as the shared engine answers them.
    expect(engine.current().ask('RPAとは').entryId).toBe(shared.ask('RPAとは').entryId);
  });

  it('swaps only the FAQ index when only FAQs changed, and rebuilds everything when a plan entry changed', async () => {
    const engine = await ReloadableEngine.create(dir, { reuse: await engineForTests() });
    await writeFile(path.join(dir, 'faq', 'kanoya.yaml'), stringify([...(SAMPLE_FAQS['faq/kanoya.yaml'] ?? []), opening]), 'utf8');
    const faqsOnly = await engine.reload();
    expect(faqsOnly).toMatchObject({ ok: true, indexRebuilt: false });
    expect(engine.current().ask('市役所の駐車場は何台とめられますか', { municipality: '鹿屋市' }).entryId).toBe('faq-kanoya-9');

    // Synonyms are read when a question is asked, never indexed: a new word reaches the answers with the index kept.
    const synonyms = path.join(dir, 'synonyms.yaml');
    const asked = 'ブックの予約はネットでできますか';
    const before = engine.current().ask(asked, { municipality: '鹿屋市' });
    await writeFile(synonyms, (await readFile(synonyms, 'utf8')).replace('words: [本の予約, 本を借りる]', 'words: [本の予約, 本を借りる, ブック]'), 'utf8');
    expect(await engine.reload()).toMatchObject({ ok: true, indexRebuilt: false });
    const after = engine.current().ask(asked, { municipality: '鹿屋市' });
    expect(after.entryId).not.toBe(before.entryId);
    expect(engine.knowledge().synonyms.find((group) => group.id === 'syn-library')?.words).toContain('ブック');

    // A new alias is a new name in the plans' index: the index must be built again to find it.
    const file = path.join(dir, 'glossary', 'rpa.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('aliases:\n', 'aliases:\n  - ケロケロ係\n'), 'utf8');
    expect(engine.current().ask('ケロケロ係ってなに').entryId).not.toBe('rpa');
    const all = await engine.reload();
    expect(all).toMatchObject({ ok: true, indexRebuilt: true });
    expect(engine.current().ask('ケロケロ係ってなに').entryId).toBe('rpa');
    // The FAQ saved before is still answered by the rebuilt engine.
    expect(engine.current().ask('市役所の駐車場は何台とめられますか', { municipality: '鹿屋市' }).entryId).toBe('faq-kanoya-9');
  });
});
