import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/engine/answer-engine.js';
import { createAnswerEngine } from '../../src/engine/create-engine.js';
import { replyText } from '../../src/engine/reply-text.js';
import { MUNICIPALITIES } from '../../src/knowledge/schema.js';

// The real knowledge base and the real tokenizer: these tests describe what a resident sees.
let engine: AnswerEngine;
beforeAll(async () => {
  engine = await createAnswerEngine();
});

describe('AnswerEngine — glossary', () => {
  it('answers a full-width abbreviation with a colloquial ending, citing the plan', () => {
    const answer = engine.ask('ＢＰＲって何？');
    expect(answer.answered).toBe(true);
    expect(answer.intent).toBe('definition');
    expect(answer.card?.title).toContain('BPR');
    // One source line, naming the plan and its period so a reader sees when a plan has run out.
    expect(answer.card?.sources).toHaveLength(1);
    expect(answer.card?.sources[0]).toMatch(/^出典：.+市.+（(令和\d+〜\d+年度|期間の定めなし)）$/);
  });

  it('finds a katakana term typed in hiragana', () => {
    const answer = engine.ask('がばめんとくらうどとは');
    expect(answer.hits[0]?.title).toBe('ガバメントクラウド');
    expect(replyText(answer)).toContain('クラウド');
  });

  it('answers a question about how a term is read with the term, whichever way it is asked', () => {
    for (const question of ['LGWANの読み方', 'LGWANのよみかた', 'lgwanってなんてよむ', 'LGWANはどう読む？']) {
      const answer = engine.ask(question);
      expect(answer.answered, question).toBe(true);
      expect(answer.intent, question).toBe('definition');
      expect(answer.hits[0]?.title, question).toBe('LGWAN');
    }
  });

  it('finds a term whatever the case of its letters', () => {
    expect(engine.ask('lgwanとは').hits[0]?.title).toBe('LGWAN');
    expect(engine.ask('Lgwan って何').hits[0]?.title).toBe('LGWAN');
  });

  it("puts the person's own municipality's definition first", () => {
    const defined = engine.ask('RPAとは', { municipality: '嬉野市' });
    expect(defined.card?.sources[0]).toContain('嬉野市');
    const other = engine.ask('RPAとは', { municipality: '鹿屋市' });
    expect(other.card?.sources[0]).toContain('鹿屋市');
  });

  it('names a thing from its description', () => {
    const answer = engine.ask('インターネットで手続きできるサービスの名前で、マイナンバーカードでログインするもの');
    expect(answer.hits.slice(0, 3).map((hit) => hit.title)).toContain('マイナポータル');
  });
});

describe('AnswerEngine — procedures', () => {
  it('answers a national-list procedure with each plan’s status and the reminder to confirm', () => {
    const answer = engine.ask('児童手当の現況届はオンラインで出せますか');
    expect(answer.answered).toBe(true);
    expect(answer.hits[0]?.title).toContain('児童手当');
    const text = replyText(answer);
    expect(text).toMatch(/マイナポータル|ぴったりサービス/);
    expect(text).toContain('薩摩川内市');
    expect(answer.card?.note).toContain('ご確認ください');
  });

  it("leads with the person's municipality when its plan covers the procedure", () => {
    const answer = engine.ask('保育施設の現況届をスマホで', { municipality: '薩摩川内市' });
    expect(answer.card?.lead).toMatch(/^薩摩川内市では、/);
  });

  it('lists a category of procedures for a listing question', () => {
    const answer = engine.ask('オンラインでできる子育ての手続きは');
    expect(answer.intent).toBe('listing');
    expect(answer.card?.details[0]).toContain('児童手当等の受給資格');
    expect(answer.card?.lead).toContain('15件');
  });

  it("understands everyday words (引っ越し) and shows a city's most advanced statement first", () => {
    const answer = engine.ask('引っ越しの手続きはネットでできる？');
    expect(answer.hits[0]?.title).toMatch(/転出|転入/);
    const detail = engine.expand(answer.entryId!, 'detail');
    const cityLines = detail!.card!.details.filter((line) => line.startsWith('・薩摩川内市'));
    expect(cityLines[0]).toContain('実施済み');
  });

  it('reports the status the plan states, not a better one', () => {
    const answer = engine.ask('産後ケア応援券の申請はオンラインでできる？');
    expect(answer.answered).toBe(true);
    expect(replyText(answer)).toMatch(/実施済み/);
  });
});

describe('AnswerEngine — plan content', () => {
  it('gives a KPI target with its year, from the named municipality', () => {
    const answer = engine.ask('鹿屋市のオンライン申請件数の目標は');
    expect(answer.hits[0]?.municipality).toBe('鹿屋市');
    expect(replyText(answer)).toContain('50,000件');
    expect(replyText(answer)).toContain('令和11年度');
  });

  it("never answers a named city's question from another city's plan", () => {
    const answer = engine.ask('嬉野市のデジタル郵便の登録者数の目標は');
    expect(answer.hits.every((hit) => hit.municipality === null || hit.municipality === '嬉野市')).toBe(true);
    if (answer.answered) expect(replyText(answer)).not.toContain('6,000');
  });

  it('gives the plan period', () => {
    expect(replyText(engine.ask('薩摩川内市のスマートデジタル計画の期間は'))).toMatch(/令和7年度.*令和11年度/);
  });
});

describe('AnswerEngine — honesty and robustness', () => {
  it.each(['東京タワーの高さは', '円周率を100桁教えて', 'qwerty', '明日の天気は？'])('does not pretend to know: %s', (question) => {
    const answer = engine.ask(question);
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('見つけられませんでした');
    expect(answer.quickReplies.length).toBeGreaterThan(0);
  });

  it('greets back without claiming an answer', () => {
    const answer = engine.ask('こんにちは');
    expect(answer.intent).toBe('greeting');
    expect(answer.answered).toBe(false);
    expect(answer.message).toContain('DX ナビ');
  });

  it('copes with a 5,000-character message, emoji and control characters', () => {
    const long = 'デジタルデバイドとは何ですか😀'.repeat(400).slice(0, 5000);
    expect(() => engine.ask(long)).not.toThrow();
    expect(() => engine.ask('\u0000\u0007RPA\u202eとは𠮷')).not.toThrow();
    expect(engine.ask('').answered).toBe(false);
  });

  it('keeps the original text for display', () => {
    expect(engine.ask('ＢＰＲって何？').query).toBe('ＢＰＲって何？');
  });
});

describe('AnswerEngine — the city a person chose', () => {
  it('answers a plan question that names no city from the chosen city’s plan, for every city whose plan states a period', async () => {
    const plans = engine.knowledgeBase.plans.filter((plan) => plan.period);
    expect(plans.length).toBeGreaterThanOrEqual(4);
    for (const plan of plans) {
      const answer = engine.ask('DX推進計画の期間は', { municipality: plan.municipality });
      expect(answer.answered, plan.municipality).toBe(true);
      expect(answer.hits[0]?.municipality, plan.municipality).toBe(plan.municipality);
    }
  });
});

describe('AnswerEngine — a plan question from someone who has named no city', () => {
  it('asks which city instead of answering for one, and each choice answers for that city', async () => {
    const answer = engine.ask('推進体制は');
    expect(answer.answered).toBe(false);
    expect(answer.card).toBeNull();
    expect(answer.quickReplies.map((reply) => reply.label)).toEqual([...MUNICIPALITIES]);
    for (const reply of answer.quickReplies) {
      // Each button sends a message: the same question for one city.
      if (reply.type !== 'message') throw new Error(`expected a message button, got ${reply.type}`);
      expect(reply.text).toBe(`${reply.label}の推進体制は`);
      // That city's answer, or that city's candidates when its plan has several (鹿屋市 has four bodies).
      const chosen = engine.ask(reply.text);
      expect(chosen.answered || chosen.quickReplies.length > 0, reply.text).toBe(true);
      expect(chosen.hits[0]?.municipality, reply.text).toBe(reply.label);
      if (!chosen.answered) expect(new Set(chosen.hits.slice(0, chosen.quickReplies.length).map((hit) => hit.municipality))).toEqual(new Set([reply.label]));
    }
  });

  it('answers directly when only one city’s plan has the answer', () => {
    const answer = engine.ask('オンライン申請件数の目標は');
    expect(answer.answered).toBe(true);
    expect(answer.hits[0]?.municipality).toBe('鹿屋市');
  });
});

describe('AnswerEngine — targets a plan does not set', () => {
  it('says a city without numeric targets has none, and every button it offers leads to an answer', async () => {
    const knowledge = engine.knowledgeBase;
    const withoutTargets = MUNICIPALITIES.filter((city) => !knowledge.kpis.some((kpi) => kpi.municipality === city));
    expect(withoutTargets.length, 'some plan sets no KPI').toBeGreaterThan(0);
    for (const city of withoutTargets) {
      for (const answer of [engine.ask('目標は', { municipality: city }), engine.ask(`${city}の数値目標は`), engine.ask('KPIは？', { municipality: city })]) {
        expect(answer.answered, city).toBe(false);
        expect(replyText(answer), city).toContain(`${city}の計画には、数値目標（KPI）の記載が見つかりませんでした`);
        for (const reply of answer.quickReplies) {
          if (reply.type !== 'message') throw new Error('expected message buttons');
          const followed = engine.ask(reply.text);
          expect(followed.answered || followed.quickReplies.length > 0, reply.text).toBe(true);
          expect(followed.hits.length, reply.text).toBeGreaterThan(0);
        }
      }
    }
  });

  it('still answers a specific target question, and a city that sets targets', () => {
    expect(engine.ask('SDGsの目標は', { municipality: '垂水市' }).answered).toBe(true);
    const kanoya = engine.ask('オンライン申請件数の目標は', { municipality: '鹿屋市' });
    expect(kanoya.answered).toBe(true);
    expect(kanoya.hits[0]?.municipality).toBe('鹿屋市');
  });
});

describe('AnswerEngine — the person’s own city first', () => {
  it('answers with the own city’s service when it has one, even when another city’s name matches the words better', async () => {
    const knowledge = engine.knowledgeBase;
    const offering = knowledge.procedures.filter((procedure) => procedure.aliases.includes('スマホ教室'));
    expect(offering.length, 'more than one city offers スマホ教室').toBeGreaterThan(1);
    for (const procedure of offering) {
      const answer = engine.ask('高齢者のスマホ教室はある？', { municipality: procedure.municipality });
      expect(answer.answered, procedure.municipality).toBe(true);
      expect(answer.hits[0]?.municipality, procedure.municipality).toBe(procedure.municipality);
    }
  });
});

describe('AnswerEngine — what can be done online, in general', () => {
  it("lists the person's city's procedures, those its plan says are available first", async () => {
    const knowledge = engine.knowledgeBase;
    for (const city of MUNICIPALITIES) {
      const own = knowledge.procedures.filter((procedure) => procedure.municipality === city);
      const answer = engine.ask('オンラインでできる手続きは何がある？', { municipality: city });
      expect(answer.answered, city).toBe(true);
      expect(answer.card?.title, city).toContain(city);
      const available = own.filter((procedure) => procedure.status === 'available').length;
      expect(answer.card?.lead, city).toContain(`${available}件がオンラインで実施済み`);
      expect(answer.hits.every((hit) => hit.municipality === city), city).toBe(true);
      const statuses = answer.hits.map((hit) => own.find((procedure) => procedure.id === hit.id)?.status);
      expect(statuses.indexOf('available') <= 0 || statuses.lastIndexOf('available') < statuses.findIndex((status) => status !== 'available') || !statuses.some((status) => status !== 'available'), city).toBe(true);
      expect(answer.card?.note, city).toMatch(/確認/);
    }
  });

  it('asks which city when none is known, and keeps answering a category for everyone', () => {
    const general = engine.ask('ネットでできる手続きは？');
    expect(general.answered).toBe(false);
    expect(general.quickReplies).toHaveLength(5);
    const category = engine.ask('オンラインでできる子育ての手続きは');
    expect(category.answered).toBe(true);
    expect(category.card?.title).toContain('子育て');
  });
});
