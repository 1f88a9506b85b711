import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/engine/answer-engine.js';
import { createAnswerEngine } from '../../src/engine/create-engine.js';
import { replyText } from '../../src/engine/reply-text.js';
import { answerToMessages } from '../../src/line/answer-messages.js';
import { knowledgeWithFaqs, removeKnowledge } from '../support/faq-knowledge.js';

// The real knowledge base with a few test FAQs beside it, and the real tokenizer.
let dir: string;
let engine: AnswerEngine;
beforeAll(async () => {
  dir = await knowledgeWithFaqs();
  engine = await createAnswerEngine({ knowledgeDir: dir });
});
afterAll(() => removeKnowledge(dir));

describe('FAQ answers', () => {
  it('answers a shared FAQ by any of its wordings, with contact, link and source', () => {
    for (const question of ['マイナポータルにログインできません', 'マイナポータルの問い合わせ先は？', 'ﾏｲﾅﾎﾟｰﾀﾙの電話番号']) {
      const answer = engine.ask(question, { municipality: '嬉野市' });
      expect(answer.entryId, question).toBe('faq-common-1');
      expect(answer.answered).toBe(true);
      expect(answer.card?.contact).toContain('0120-95-0178');
      expect(answer.card?.url).toBe('https://myna.go.jp/');
      expect(answer.card?.urlLabel).toBe('マイナポータル');
      expect(replyText(answer)).toMatch(/出典：マイナンバー総合フリーダイヤル/);
    }
  });

  it('answers an FAQ asked after a story, from what the question is about', () => {
    const answer = engine.ask('母のスマホで手続きしようとしたけど全然だめでした。マイナポータルにログインできないときって、どこに聞けばいいですか？');
    expect(answer.answered).toBe(true);
    expect(answer.entryId).toBe('faq-common-1');
  });

  it('leaves a question that only shares a word with an FAQ to the plans', () => {
    const answer = engine.ask('マイナポータルとは');
    expect(answer.entryId).not.toMatch(/^faq-/);
    expect(answer.hits[0]?.kind).toBe('glossary');
  });

  it("puts the person's city's FAQ ahead of the plan text that answers the same words", () => {
    const own = engine.ask('児童手当の現況届はオンラインで出せますか', { municipality: '鹿屋市' });
    expect(own.entryId).toBe('faq-kanoya-2');
    expect(replyText(own)).toContain('鹿屋市の職員が書いた');
    // Someone from another city still gets the plans' answer: 鹿屋市's FAQ is not theirs.
    const other = engine.ask('児童手当の現況届はオンラインで出せますか', { municipality: '垂水市' });
    expect(other.entryId).not.toMatch(/^faq-/);
    expect(other.answered).toBe(true);
  });

  it('answers each city with its own FAQ and never with another city’s', () => {
    expect(engine.ask('粗大ごみの申込先は？', { municipality: '鹿屋市' }).entryId).toBe('faq-kanoya-1');
    expect(engine.ask('粗大ごみはどこに申し込めばいいですか', { municipality: '垂水市' }).entryId).toBe('faq-tarumizu-1');
    // A city named in the message wins over the remembered one.
    expect(engine.ask('垂水市の粗大ごみの申込先', { municipality: '鹿屋市' }).entryId).toBe('faq-tarumizu-1');
    const elsewhere = engine.ask('粗大ごみの申込先は？', { municipality: '嬉野市' });
    expect(elsewhere.entryId ?? '').not.toMatch(/^faq-/);
    expect(replyText(elsewhere)).not.toContain('テスト用');
  });

  it('asks which city when several cities answer and the person chose none', () => {
    const answer = engine.ask('粗大ごみの申込先は？');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('どの市');
    expect(answer.quickReplies.map((reply) => reply.label).sort()).toEqual(['垂水市', '鹿屋市'].sort());
    expect(engine.ask('大きなごみの出し方').card?.title).toBe('粗大ごみはどこに申し込めばいいですか（鹿屋市）');
  });

  it("prefers the person's city's FAQ to a shared one, and the shared one when the city is unknown", () => {
    const shared = { id: 'faq-common-9', municipality: '共通' as const, question: '粗大ごみの申込先', wordings: [], answer: '（テスト用）共通の回答です。', source: 'テスト 2026-04-01', reviewBy: '2027-03-31' };
    const withShared = engine.withFaqs([...engine.knowledgeBase.faq, shared]);
    expect(withShared.ask('粗大ごみの申込先', { municipality: '鹿屋市' }).entryId).toBe('faq-kanoya-1');
    expect(withShared.ask('粗大ごみの申込先').entryId).toBe('faq-common-9');
    expect(withShared.ask('粗大ごみの申込先', { municipality: '嬉野市' }).entryId).toBe('faq-common-9');
    // The engine it was made from is untouched.
    expect(engine.ask('粗大ごみの申込先', { municipality: '嬉野市' }).entryId ?? '').not.toBe('faq-common-9');
  });

  it('renders as a Flex bubble with the link button, a call button, the contact, the source and feedback buttons', () => {
    const messages = answerToMessages(engine.ask('粗大ごみの申込先', { municipality: '鹿屋市' }), { feedback: true });
    const flex = messages.at(-1) as { type: string; contents: { footer?: { contents: Array<{ action: { label: string; uri: string } }> } }; quickReply?: { items: Array<{ action: { data?: string } }> } };
    expect(flex.type).toBe('flex');
    const json = JSON.stringify(flex.contents);
    expect(json).toContain('生活環境課 0994-00-0001');
    expect(json).toContain('出典：テスト用の資料 2026-04-01');
    expect(flex.contents.footer?.contents.map((button) => button.action)).toEqual([
      { type: 'uri', label: '粗大ごみの出し方', uri: 'https://example.jp/kanoya/sodai' },
      { type: 'uri', label: '電話する', uri: 'tel:0994000001' },
    ]);
    expect(flex.quickReply?.items.map((item) => item.action.data).filter(Boolean)).toEqual([
      'action=feedback&entry=faq-kanoya-1&helpful=true',
      'action=feedback&entry=faq-kanoya-1&helpful=false',
    ]);
  });
});
