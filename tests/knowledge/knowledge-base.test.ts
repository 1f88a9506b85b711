import { beforeAll, describe, expect, it } from 'vitest';
import { countKnowledge } from '../../src/knowledge/counts.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { formatProblem } from '../../src/knowledge/problem.js';
import { MUNICIPALITIES } from '../../src/knowledge/schema.js';

// The committed knowledge base. Floors are the counts at the time of writing: an edit that
// loses entries fails here and has to say why in the same change that lowers a floor.
const FLOORS = {
  plans: 5,
  glossary: 120,
  nationalProcedures: 55,
  procedures: 91,
  sections: 292,
  kpis: 18,
  facts: 120,
  synonyms: 18,
} as const;

let knowledge: KnowledgeBase;
beforeAll(async () => {
  const result = await loadKnowledge();
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  knowledge = result.knowledge;
});

const texts = (kb: KnowledgeBase): string[] => [
  ...kb.glossary.flatMap((entry) => [entry.term, ...entry.aliases, ...entry.definitions.map((d) => d.text)]),
  ...kb.procedures.flatMap((entry) => [entry.name, entry.body, entry.statusText]),
  ...kb.sections.flatMap((entry) => [entry.title, entry.body]),
  ...kb.facts.flatMap((entry) => [entry.title, entry.body]),
  ...kb.kpis.map((entry) => entry.item),
];

describe('knowledge base', () => {
  it('does not lose entries (counts per kind stay at or above their floors)', () => {
    const counts = countKnowledge(knowledge);
    for (const [kind, floor] of Object.entries(FLOORS)) expect(counts[kind as keyof typeof FLOORS].all, kind).toBeGreaterThanOrEqual(floor);
  });

  it('covers every municipality with a plan, sections and glossary definitions', () => {
    const counts = countKnowledge(knowledge);
    for (const municipality of MUNICIPALITIES) {
      expect(counts.plans[municipality], municipality).toBe(1);
      expect(counts.sections[municipality], municipality).toBeGreaterThanOrEqual(20);
      expect(counts.glossary[municipality], municipality).toBeGreaterThanOrEqual(10);
    }
  });

  it('keeps no PDF or HTML extraction noise in the text', () => {
    for (const text of texts(knowledge)) {
      expect(text, text).not.toMatch(/<\/?(p|ul|li|br|td|tr)\b/);
      expect(text, text).not.toMatch(/[\u0400-\u04ff]/); // Cyrillic, as in the extracted 「デバйд」
      // The PDF extraction spaced out dates and punctuation (「令和 ５ 年度」「です 。」).
      expect(text, text).not.toMatch(/令和\s+[0-9０-９元]|[0-9０-９]\s+年度|\s[。、）]|（\s/);
    }
  });
});

describe('spot checks against the plans', () => {
  it('鹿屋市: オンライン申請件数 target 50,000件 in 令和11年度', () => {
    const kpi = knowledge.kpis.find((entry) => entry.municipality === '鹿屋市' && entry.item.includes('オンライン申請件数'));
    expect(kpi?.target.number).toBe(50000);
    expect(kpi?.target.year).toContain('令和11年度');
  });

  it('薩摩川内市: マイナンバーカード普及率 85.40% as of 令和6年3月31日', () => {
    const figure = knowledge.facts
      .filter((fact) => fact.municipality === '薩摩川内市')
      .flatMap((fact) => fact.figures)
      .find((entry) => entry.label.includes('マイナンバーカード普及率'));
    expect(figure?.text).toBe('85.40%');
    expect(figure?.asOf).toBe('令和6年3月31日');
  });

  it('西之表市: plan period 令和8年度〜令和11年度', () => {
    const plan = knowledge.plans.find((entry) => entry.municipality === '西之表市');
    expect(plan?.period?.from).toBe('令和8年度');
    expect(plan?.period?.to).toBe('令和11年度');
  });

  it('垂水市: plan period 令和５年度〜令和７年度', () => {
    const plan = knowledge.plans.find((entry) => entry.municipality === '垂水市');
    expect(plan?.period?.text).toMatch(/令和[５5]年度から令和[７7]年度/);
  });

  it('merges a term defined by several plans into one entry with each definition', () => {
    const divide = knowledge.glossary.find((entry) => entry.id === 'digital-divide');
    expect(divide?.aliases).toContain('デジタルデバインド');
    expect(new Set(divide?.definitions.map((d) => d.municipality)).size).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['lgwan', 'エルジーワン'],
    ['eltax', 'エルタックス'],
    ['saas', 'サース'],
    ['akiya-bank', '空家バンク'],
    ['society-5-0', 'Society5.0'],
  ])('%s answers to %s', (id, alias) => {
    expect(knowledge.glossary.find((entry) => entry.id === id)?.aliases).toContain(alias);
  });

  it('BPR carries its full name', () => {
    expect(knowledge.glossary.find((entry) => entry.id === 'bpr')?.fullName).toBe('Business Process Re-engineering');
  });

  it('holds アナログ規制 and its seven items', () => {
    const analog = knowledge.glossary.find((entry) => entry.id === 'analog-regulation');
    expect(analog).toBeDefined();
    const items = ['目視規制', '実地監査規制', '定期検査・点検規制', '常駐・専任規制', '書面掲示規制', '対面講習規制', '往訪閲覧・縦覧規制'];
    const terms = knowledge.glossary.map((entry) => entry.term.replace(/[・\s]/g, ''));
    for (const item of items) expect(terms, item).toContain(item.replace(/[・\s]/g, ''));
  });

  it('lists the national procedures by category: 子育て 15, 介護 11, 自動車保有 4', () => {
    const count = (category: string) => knowledge.nationalProcedures.filter((entry) => entry.category === category).length;
    expect(count('子育て')).toBe(15);
    expect(count('介護')).toBe(11);
    expect(count('自動車保有')).toBe(4);
  });

  it("薩摩川内市's 27 procedures are planned for 令和7年度 via マイナポータル and cover nat-01…nat-27", () => {
    const statement = knowledge.procedures.find((entry) => entry.municipality === '薩摩川内市' && entry.covers.includes('nat-27') && entry.covers.length === 27);
    expect(statement?.status).toBe('planned');
    expect(statement?.by).toContain('令和7年度');
    expect(statement?.channel).toContain('マイナポータル');
  });

  it('keeps the status a plan states: 産後ケア応援券 available since 令和5年9月 in 薩摩川内市', () => {
    const procedure = knowledge.procedures.find((entry) => entry.name.includes('産後ケア応援券'));
    expect(procedure?.status).toBe('available');
    expect(procedure?.since).toContain('令和5年9月');
  });

  it('gives every glossary term a hiragana reading', () => {
    for (const entry of knowledge.glossary) expect(entry.reading, entry.id).toMatch(/^[\u3041-\u309f\u30fc・ 0-9a-z]+$/);
  });
});
