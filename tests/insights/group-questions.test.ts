import { describe, expect, it } from 'vitest';
import { groupSimilarQuestions, SIMILARITY_THRESHOLD, tallyByKey } from '../../src/insights/group-questions.js';

const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 5, day, hour)).toISOString();
const asked = (text: string, day = 1, hour = 9) => ({ text, at: at(day, hour) });

describe('tallyByKey', () => {
  it('counts wordings per normalised key, most frequent wording first', () => {
    const tallies = tallyByKey([asked('RPAとは'), asked('ＲＰＡって何ですか'), asked('ＲＰＡって何ですか'), asked('BPRとは')]);
    expect(tallies.map((tally) => [tally.key, tally.items.length])).toEqual([
      ['rpa', 3],
      ['bpr', 1],
    ]);
    expect(tallies[0]!.wordings).toEqual([
      { text: 'ＲＰＡって何ですか', count: 2 },
      { text: 'RPAとは', count: 1 },
    ]);
  });

  it('orders equal counts by the latest message', () => {
    const tallies = tallyByKey([asked('BPRとは', 1), asked('RPAとは', 3)]);
    expect(tallies.map((tally) => tally.key)).toEqual(['rpa', 'bpr']);
    expect(tallies[0]!.lastAt).toBe(at(3));
  });
});

describe('groupSimilarQuestions', () => {
  it(`merges keys whose bigram Jaccard is at least ${SIMILARITY_THRESHOLD}`, () => {
    const groups = groupSimilarQuestions([
      asked('図書館の開館時間は？', 1),
      asked('図書館の開館時間を教えて', 2),
      asked('図書館の開館時間は何時', 3),
      asked('ロボパとは', 2),
    ]);
    expect(groups).toEqual([
      {
        question: '図書館の開館時間は？',
        count: 3,
        wordings: [
          { text: '図書館の開館時間は？', count: 1 },
          { text: '図書館の開館時間を教えて', count: 1 },
          { text: '図書館の開館時間は何時', count: 1 },
        ],
        lastAt: at(3),
      },
      { question: 'ロボパとは', count: 1, wordings: [{ text: 'ロボパとは', count: 1 }], lastAt: at(2) },
    ]);
  });

  it('keeps questions below the threshold apart', () => {
    const groups = groupSimilarQuestions([asked('東京タワーの高さ'), asked('とうきょうタワーの高さ')]);
    expect(groups).toHaveLength(2);
  });

  it('names a group by its most frequent wording', () => {
    const groups = groupSimilarQuestions([asked('図書館の開館時間は何時'), asked('図書館の開館時間は？'), asked('図書館の開館時間は？')]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ question: '図書館の開館時間は？', count: 3 });
  });

  it('compares with the first key of a group, so small steps do not chain into unrelated questions', () => {
    // Each neighbour shares most bigrams with the next, but the ends have little in common.
    const chain = ['あいうえおか', 'いうえおかき', 'うえおかきく', 'えおかきくけ'];
    // Neighbours score 4/6 ≈ 0.67; two steps apart 3/7 ≈ 0.43. Single linkage would make one group.
    const groups = groupSimilarQuestions(chain.map((text, index) => asked(text, 1, 9 + index)));
    expect(groups.map((group) => group.wordings.map((wording) => wording.text).sort())).toEqual([
      ['うえおかきく', 'えおかきくけ'],
      ['あいうえおか', 'いうえおかき'],
    ]);
  });

  it('returns nothing for nothing', () => {
    expect(groupSimilarQuestions([])).toEqual([]);
  });
});
