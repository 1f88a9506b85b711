import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/engine/answer-engine.js';
import { EXAMPLE_QUESTIONS } from '../../src/engine/compose/canned-replies.js';
import { createAnswerEngine } from '../../src/engine/create-engine.js';
import { replyText } from '../../src/engine/reply-text.js';

// Messages written the way residents write, one class each (our own wording, not the eval sets').
let engine: AnswerEngine;
beforeAll(async () => {
  engine = await createAnswerEngine();
});

describe('AnswerEngine — how residents really write', () => {
  it('answers the question after a story, from the thing asked about', () => {
    const answer = engine.ask('昨日から熱が続いてて大変でした。ところで、あーるぴーえーって何のこと？');
    expect(answer.answered).toBe(true);
    expect(answer.hits[0]?.title).toBe('RPA');
    expect(answer.decision?.rule).toContain('名前');
  });

  it('answers through a dialect ending and a kana procedure name', () => {
    const answer = engine.ask('うちの子、来年から保育園なんよ。ほいくしせつの現況届ってネットで出せると？');
    expect(answer.answered).toBe(true);
    expect(answer.hits[0]?.title).toContain('現況届');
  });

  it('reads a term typed in hiragana as the term, behind a chatty opening', () => {
    const answer = engine.ask('ちょっと教えてほしいんですけど、でじたるでばいどってなんなん？');
    expect(answer.answered).toBe(true);
    expect(answer.card?.title).toContain('デジタルデバイド');
  });

  it('answers one of two questions in one message', () => {
    const answer = engine.ask('RPAって何？あと、がばめんとくらうどって何？');
    expect(answer.answered).toBe(true);
    expect(['RPA', 'ガバメントクラウド']).toContain(answer.hits[0]?.title);
  });

  it('declines a procedure the plans never mention instead of answering with a general online card', () => {
    for (const question of ['パスポートの申請ってオンラインでできる？', '車検の予約ってスマホでできますか']) {
      const answer = engine.ask(question);
      expect(answer.answered, question).toBe(false);
      expect(answer.decision?.features.holdsHead, question).toBe(false);
    }
  });

  it('says which cities it covers when asked about another one, never answering with one of ours', () => {
    for (const question of ['福岡市のオンライン申請の目標っていくつ？', '熊本市のDX計画の期間は']) {
      const answer = engine.ask(question);
      expect(answer.answered, question).toBe(false);
      expect(answer.hits, question).toEqual([]);
      expect(replyText(answer), question).toContain('垂水市・西之表市・鹿屋市・嬉野市・薩摩川内市');
    }
  });

  it('still answers a question about one of the five cities written in kana', () => {
    const answer = engine.ask('かのやのDX計画って何年度まで？');
    expect(answer.answered).toBe(true);
    expect(answer.hits[0]?.municipality).toBe('鹿屋市');
  });

  it("answers with the person's own city's entry when it answers, ahead of another city's closer wording", () => {
    const answer = engine.ask('スマホで住民票の写しは取れますか', { municipality: '鹿屋市' });
    expect(answer.answered).toBe(true);
    expect(answer.hits[0]?.municipality).toBe('鹿屋市');
    expect(replyText(answer)).not.toContain('これは西之表市の計画の記載です');
  });

  it('answers what a thing is used for with the entries about using it', () => {
    const answer = engine.ask('マイナンバーカードって何に使えるの');
    expect(answer.answered).toBe(true);
    expect(answer.hits[0]?.title).toMatch(/マイナンバーカード.*(活用|利用)/);
  });

  it('offers no unrelated example terms to someone whose question is out of scope', () => {
    const answer = engine.ask('親が亡くなりました。手続きが多くて大変です');
    expect(answer.answered).toBe(false);
    const labels = answer.quickReplies.map((reply) => reply.label);
    for (const example of EXAMPLE_QUESTIONS) expect(labels).not.toContain(example);
  });

  it('reports a confidence that is higher for a named term than for a decline', () => {
    const named = engine.ask('LGWANって何？').decision?.confidence ?? 0;
    const declined = engine.ask('車検の予約ってスマホでできますか').decision?.confidence ?? 1;
    expect(named).toBeGreaterThan(declined);
  });
});
