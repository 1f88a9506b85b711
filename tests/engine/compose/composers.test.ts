import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../../../src/engine/compose/clip.js';
import { createCompositionContext, type CompositionContext } from '../../../src/engine/compose/composition-context.js';
import { composeGlossaryAnswer } from '../../../src/engine/compose/glossary-answer.js';
import { composeListingAnswer } from '../../../src/engine/compose/listing-answer.js';
import { composeKpiAnswer, composePlanAnswer } from '../../../src/engine/compose/plan-content-answer.js';
import { composeNationalProcedureAnswer, composeProcedureAnswer } from '../../../src/engine/compose/procedure-answer.js';
import { replyText } from '../../../src/engine/reply-text.js';
import type { KnowledgeBase } from '../../../src/knowledge/knowledge-base.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';

// The small valid fixture knowledge base: one plan, two terms, one national procedure and the
// 鹿屋市 statement that covers it.
let knowledge: KnowledgeBase;
let context: CompositionContext;
beforeAll(async () => {
  const result = await loadKnowledge(fileURLToPath(new URL('../../fixtures/knowledge/valid/', import.meta.url)));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  knowledge = result.knowledge;
  context = createCompositionContext(knowledge);
});

describe('composeGlossaryAnswer', () => {
  it('leads with the definition and cites city, plan and footnote', () => {
    const { card, quickReplies } = composeGlossaryAnswer(knowledge.glossary.find((g) => g.id === 'rpa')!, null, context);
    expect(card.title).toBe('RPAとは');
    expect(card.lead).toBe('パソコンで行う定型的な作業を自動化するソフトウェア');
    expect(card.details).toContain('正式名称：Robotic Process Automation');
    expect(card.details).toContain('読み方：あーるぴーえー');
    expect(card.sources).toEqual(['出典：鹿屋市「第2期鹿屋市DX推進計画」 第2章（1）']);
    expect(quickReplies.map((reply) => reply.label)).toEqual(['AIとは']);
  });
});

describe('procedure answers', () => {
  it('quotes each city statement for a national procedure, with the reminder to confirm', () => {
    const card = composeNationalProcedureAnswer(knowledge.nationalProcedures[0]!, null, context);
    expect(card.title).toBe('児童手当等の現況届');
    expect(card.details).toContain('・鹿屋市（実施済み）：オンライン申請が可能です');
    expect(card.note).toMatch(/ご確認ください/);
  });

  it("says so when the person's city has no statement, instead of borrowing another's as theirs", () => {
    const card = composeNationalProcedureAnswer(knowledge.nationalProcedures[0]!, '垂水市', context);
    expect(card.lead).toMatch(/^垂水市の計画には、この手続のオンライン化についての記載がありません/);
    expect(card.details.join('\n')).toContain('鹿屋市');
  });

  it("leads with the person's city when it has a statement", () => {
    const card = composeNationalProcedureAnswer(knowledge.nationalProcedures[0]!, '鹿屋市', context);
    expect(card.lead).toBe('鹿屋市の計画では「オンライン申請が可能です」とされています（実施済み）。');
  });

  it('gives a city procedure its channel and status', () => {
    const card = composeProcedureAnswer(knowledge.procedures[0]!, context);
    expect(card.details).toContain('方法：マイナポータル（ぴったりサービス）');
    expect(card.lead).toContain('実施済み');
  });

  it("says so when the city procedure is another city's than the person's", () => {
    const procedure = knowledge.procedures[0]!;
    const other = procedure.municipality === '鹿屋市' ? '嬉野市' : '鹿屋市';
    expect(composeProcedureAnswer(procedure, context, procedure.municipality).lead).toMatch(new RegExp(`^${procedure.municipality}の計画では`));
    const lead = composeProcedureAnswer(procedure, context, other).lead;
    expect(lead).toMatch(new RegExp(`^これは${procedure.municipality}の計画の記載です（${other}の計画ではありません）。${procedure.municipality}の計画では`));
  });

  it('lists a category, or returns null for one the knowledge lacks', () => {
    const listing = composeListingAnswer(['子育て'], null, context);
    expect(listing?.card.details).toContain('・児童手当等の現況届');
    expect(composeListingAnswer(['自動車保有'], null, context)).toBeNull();
  });
});

describe('plan content answers', () => {
  it('puts a KPI target and its year first, then the baseline', () => {
    const card = composeKpiAnswer(knowledge.kpis[0]!, context);
    expect(card.lead).toBe('オンライン申請件数の目標値は50,000件（令和11年度）です。');
    expect(card.details).toEqual(['現状値：12,000件（令和6年度）']);
  });

  it('says a plan states no period rather than inventing one', () => {
    const plan = { ...knowledge.plans[0]!, period: undefined };
    expect(composePlanAnswer(plan, context).lead).toContain('計画期間の定めが書かれていません');
    expect(composePlanAnswer(knowledge.plans[0]!, context).lead).toContain('令和8年度から令和11年度まで');
  });
});

describe('clip and replyText', () => {
  it('cuts at a sentence end when one is near, never inside a surrogate pair', () => {
    expect(clip('一文目です。二文目はとても長い文章です。', 10)).toBe('一文目です。');
    expect(clip('短い。これはずっと長く続く文章で句点がありません', 14)).toBe('短い。これはずっと長く続く文…');
    const clipped = clip('𠮷'.repeat(30), 10);
    expect([...clipped.replace('…', '')].every((char) => char === '𠮷')).toBe(true);
  });

  it('flattens a card to what a person reads, without quick-reply labels', () => {
    const text = replyText({ message: null, card: { title: 'T', lead: 'L', details: ['D'], sources: ['S'], note: 'N' } });
    expect(text).toBe('【T】\nL\nD\nS\nN');
  });
});
