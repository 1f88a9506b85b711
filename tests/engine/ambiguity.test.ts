import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/engine/answer-engine.js';
import { emptyKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { GlossaryEntry } from '../../src/knowledge/schema.js';
import { loadJapaneseAnalyzer } from '../../src/search/japanese-analyzer.js';

// Two entries that a question fits equally well: the bot must ask, not pick one.
const term = (id: string, name: string, municipality: '鹿屋市' | '垂水市'): GlossaryEntry => ({
  id,
  term: name,
  reading: 'てすと',
  aliases: [],
  related: [],
  definitions: [{ municipality, text: '住民がオンラインで申請を行う仕組み', source: { plan: 'plan-kanoya', section: '第1章' } }],
});

let knowledge: KnowledgeBase;
let engine: AnswerEngine;
beforeAll(async () => {
  knowledge = { ...emptyKnowledgeBase(), glossary: [term('e-shinsei-a', '電子申請システム', '鹿屋市'), term('e-shinsei-b', '電子申請サービス', '鹿屋市')] };
  engine = new AnswerEngine(knowledge, await loadJapaneseAnalyzer());
});

describe('AnswerEngine — close calls', () => {
  it('offers the candidates as quick replies instead of guessing', () => {
    const answer = engine.ask('住民がオンラインで申請を行う仕組み');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('どちらについてですか');
    expect(answer.message).toContain('2件');
    expect(answer.quickReplies.map((reply) => reply.label).sort()).toEqual(['電子申請サービス', '電子申請システム']);
  });

  it('answers when the question names one of them', () => {
    const answer = engine.ask('電子申請サービスとは');
    expect(answer.answered).toBe(true);
    expect(answer.card?.title).toBe('電子申請サービスとは');
  });
});
