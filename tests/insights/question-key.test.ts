import { describe, expect, it } from 'vitest';
import { bigramSet, jaccard, questionKey } from '../../src/insights/question-key.js';

describe('questionKey', () => {
  it('gives one key to wordings that differ only in width, case, kana, spacing and endings', () => {
    const key = questionKey('RPAとは');
    expect(key).toBe('rpa');
    for (const wording of ['ＲＰＡって何ですか', 'rpa とは？', 'RPAって何？', ' RPA ']) expect(questionKey(wording)).toBe(key);
  });

  it('folds hiragana to katakana and drops the question ending', () => {
    expect(questionKey('図書館の開館時間は？')).toBe(questionKey('図書館の 開館時間を教えて'));
    expect(questionKey('ぎょうせいのデジタル化')).toBe(questionKey('ギョウセイのデジタル化'));
  });

  it('keeps different questions apart', () => {
    expect(questionKey('図書館の開館時間は何時')).not.toBe(questionKey('図書館の開館時間は？'));
  });

  it('never makes a message empty', () => {
    expect(questionKey('？？')).not.toBe('');
  });
});

describe('jaccard over bigrams', () => {
  it('is shared over all', () => {
    expect(jaccard(new Set(['ab', 'bc']), new Set(['bc', 'cd']))).toBeCloseTo(1 / 3);
    expect(jaccard(new Set(), new Set())).toBe(1);
    expect(jaccard(new Set(['a']), new Set())).toBe(0);
  });

  it('rates a longer wording of the same question at 0.7', () => {
    const short = bigramSet(questionKey('図書館の開館時間は？'));
    const long = bigramSet(questionKey('図書館の開館時間は何時'));
    expect(jaccard(short, long)).toBeCloseTo(0.7);
  });
});
