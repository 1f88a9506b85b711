import { describe, expect, it } from 'vitest';
import type { AskResult } from '../../src/eval/ask-result.js';
import { normaliseForScoring, parseQuestions, scoreQuestion, summarise, type EvalQuestion } from '../../src/eval/scoring.js';

const result = (overrides: Partial<AskResult>): AskResult => ({
  query: 'q',
  answered: true,
  intent: 'definition',
  municipality: null,
  hits: [],
  replyText: '',
  quickReplies: [],
  ...overrides,
});
const hit = (title: string, municipality: string | null = null) => ({ kind: 'glossary', title, municipality, score: 1 });

describe('normaliseForScoring', () => {
  it('applies NFKC, lower case and drops ・ ･ spaces and commas', () => {
    expect(normaliseForScoring('ＢＰＲ ベース・レジストリ 50,000件')).toBe('bprベースレジストリ50000件');
    expect(normaliseForScoring('ﾃﾞｼﾞﾀﾙ･ﾃﾞﾊﾞｲﾄﾞ')).toBe('デジタルデバイド');
  });
});

describe('scoreQuestion', () => {
  const glossary: EvalQuestion = { q: 'BPRって何？', kind: 'glossary', title_any: ['BPR'], reply_any: ['見直'] };

  it('passes when a top-3 title and the reply both match', () => {
    const score = scoreQuestion(glossary, result({ hits: [hit('業務改革'), hit('BPR（業務改革）')], replyText: '業務の見直し' }));
    expect(score.passed).toBe(true);
    expect(score.top1).toBe(false);
    expect(score.reciprocalRank).toBe(0.5);
  });

  it('fails when the matching title is only fourth', () => {
    const hits = [hit('a'), hit('b'), hit('c'), hit('BPR')];
    expect(scoreQuestion(glossary, result({ hits, replyText: '見直し' })).passed).toBe(false);
  });

  it('fails when the reply lacks every reply_any string', () => {
    expect(scoreQuestion(glossary, result({ hits: [hit('BPR')], replyText: '業務改革です' })).passed).toBe(false);
  });

  it('checks the top hit municipality for plan questions', () => {
    const plan: EvalQuestion = { q: '鹿屋市の目標', kind: 'plan', title_any: [], reply_any: ['6,000'], municipality: '鹿屋市' };
    expect(scoreQuestion(plan, result({ hits: [hit('x', '鹿屋市')], replyText: '6000人' })).passed).toBe(true);
    expect(scoreQuestion(plan, result({ hits: [hit('x', '垂水市'), hit('y', '鹿屋市')], replyText: '6000人' })).passed).toBe(false);
  });

  it('fails a declined or asked-back question even when its text contains a reply_any string', () => {
    const decline = result({ answered: false, hits: [hit('BPR')], replyText: 'BPRの見直しについては見つけられませんでした' });
    expect(scoreQuestion(glossary, decline).passed).toBe(false);
    expect(scoreQuestion(glossary, { ...decline, answered: true }).passed).toBe(true);
  });

  it('passes a none question only when the bot did not answer', () => {
    const none: EvalQuestion = { q: 'qwerty', kind: 'none', title_any: [], reply_any: [] };
    expect(scoreQuestion(none, result({ answered: false })).passed).toBe(true);
    expect(scoreQuestion(none, result({ answered: true })).passed).toBe(false);
    expect(scoreQuestion(none, result({ answered: false })).top1).toBe(true);
  });
});

describe('summarise', () => {
  it('computes pass rate per kind, top-1 and MRR over title_any questions', () => {
    const q1: EvalQuestion = { q: '1', kind: 'glossary', title_any: ['RPA'], reply_any: [] };
    const q2: EvalQuestion = { q: '2', kind: 'none', title_any: [], reply_any: [] };
    const summary = summarise([
      scoreQuestion(q1, result({ hits: [hit('AI'), hit('RPA')] })),
      scoreQuestion(q2, result({ answered: true })),
    ]);
    expect(summary.passRate).toBe(0.5);
    expect(summary.byKind.glossary).toEqual({ total: 1, passed: 1, passRate: 1 });
    expect(summary.byKind.none?.passed).toBe(0);
    expect(summary.mrr).toBe(0.5);
    expect(summary.top1).toBe(0);
    expect(summary.failures.map((f) => f.question.q)).toEqual(['2']);
  });
});

describe('parseQuestions', () => {
  it('reads JSONL and names the line of a malformed question', () => {
    expect(parseQuestions('{"q":"a","kind":"none"}\n\n')).toEqual([{ q: 'a', kind: 'none', title_any: [], reply_any: [] }]);
    expect(() => parseQuestions('{"q":"a","kind":"none"}\n{oops', 'dev.jsonl')).toThrow('dev.jsonl:2');
  });

  it('keeps asked_as, the municipality the person chose earlier', () => {
    expect(parseQuestions('{"q":"a","kind":"plan","asked_as":"鹿屋市"}')[0]?.asked_as).toBe('鹿屋市');
  });
});
