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
  it('leads with the definition, its names and one source with the plan period; くわしく has the chapter', () => {
    const { card, detail, quickReplies } = composeGlossaryAnswer(knowledge.glossary.find((g) => g.id === 'rpa')!, null, context);
    expect(card.title).toBe('RPAとは');
    expect(card.lead).toBe('パソコンで行う定型的な作業を自動化するソフトウェア');
    expect(card.details).toContain('正式名称：Robotic Process Automation');
    expect(card.details).toContain('読み方：あーるぴーえー');
    expect(card.sources).toEqual(['出典：鹿屋市DX推進計画（第2期）（令和8〜11年度）']);
    expect(card.more).toEqual(['detail']);
    expect(detail?.sources).toEqual(['出典：鹿屋市「第2期鹿屋市DX推進計画」（令和8〜11年度） 第2章（1）']);
    expect(quickReplies.map((reply) => reply.label)).toEqual(['AIとは']);
  });
});

describe('procedure answers', () => {
  const nat10 = () => knowledge.nationalProcedures[0]!;

  it('without a city: what the national list means, plainly, with the マイナポータル link and the cities that mention it', () => {
    const { card, detail } = composeNationalProcedureAnswer(nat10(), null, context);
    expect(card.title).toBe('児童手当等の現況届');
    expect(card.lead).toContain('マイナポータル（ぴったりサービス）');
    expect(card.url).toBe('https://myna.go.jp/');
    expect(card.details).toContain('計画に記載のある市：鹿屋市（実施済み）');
    expect(card.note).toMatch(/ご確認ください/);
    expect(detail?.details).toContain('・鹿屋市（実施済み）：オンライン申請が可能です');
  });

  it("says so when the person's city has no statement, and offers the others behind 他の市では", () => {
    const { card, others } = composeNationalProcedureAnswer(nat10(), '垂水市', context);
    expect(card.lead).toMatch(/^垂水市の計画には記載がありません。/);
    expect(card.more).toEqual(['detail', 'others']);
    expect(others?.details.join('\n')).toContain('鹿屋市（実施済み）');
  });

  it("leads with the person's city's answer, then how", () => {
    const { card } = composeNationalProcedureAnswer(nat10(), '鹿屋市', context);
    expect(card.lead).toBe('鹿屋市では、オンラインでできます（実施済み）。');
    expect(card.details[0]).toBe('方法：マイナポータル（ぴったりサービス）');
    expect(card.sources).toHaveLength(1);
  });

  it('gives a city procedure its channel and status', () => {
    const { card } = composeProcedureAnswer(knowledge.procedures[0]!, context);
    expect(card.details).toContain('方法：マイナポータル（ぴったりサービス）');
    expect(card.lead).toContain('実施済み');
  });

  it("says so when the city procedure is another city's than the person's", () => {
    const procedure = knowledge.procedures[0]!;
    const other = procedure.municipality === '鹿屋市' ? '嬉野市' : '鹿屋市';
    expect(composeProcedureAnswer(procedure, context, procedure.municipality).card.lead).toMatch(new RegExp(`^${procedure.municipality}では`));
    const lead = composeProcedureAnswer(procedure, context, other).card.lead;
    expect(lead).toMatch(new RegExp(`^これは${procedure.municipality}の計画の記載です（${other}の計画ではありません）。${procedure.municipality}では`));
  });

  it('lists a category, or returns null for one the knowledge lacks', () => {
    const listing = composeListingAnswer(['子育て'], null, context);
    expect(listing?.card.details).toContain('・児童手当等の現況届');
    expect(composeListingAnswer(['自動車保有'], null, context)).toBeNull();
  });
});

describe('plan content answers', () => {
  it('puts a KPI target and its year first, then the baseline', () => {
    const { card } = composeKpiAnswer(knowledge.kpis[0]!, context);
    expect(card.lead).toBe('オンライン申請件数の目標値は50,000件（令和11年度）です。');
    expect(card.details).toEqual(['現状値：12,000件（令和6年度）']);
  });

  it('says a plan states no period rather than inventing one', () => {
    const plan = { ...knowledge.plans[0]!, period: undefined };
    expect(composePlanAnswer(plan, context).card.lead).toContain('計画期間の定めが書かれていません');
    expect(composePlanAnswer(knowledge.plans[0]!, context).card.lead).toContain('令和8年度から令和11年度まで');
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
