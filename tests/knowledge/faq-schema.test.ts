import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/knowledge/problem.js';
import { validateKnowledge } from '../../src/knowledge/validate.js';

const valid = {
  id: 'faq-kanoya-1',
  municipality: '鹿屋市',
  question: '粗大ごみはどこに申し込めばいいですか',
  wordings: ['粗大ごみの申込先'],
  answer: '回答です。',
  link: { url: 'https://example.jp/a', label: '案内' },
  contact: '生活環境課 0994-00-0001',
  source: '広報かのや 2026年4月号',
  reviewBy: '2027-03-31',
};

function problems(file: string, entries: unknown): string[] {
  return validateKnowledge([{ file, data: entries }]).problems.map(formatProblem);
}

describe('faq entries', () => {
  it('accepts a complete entry, an entry with only the required fields, and a file with nothing but comments', () => {
    const minimal = { id: 'faq-common-1', municipality: '共通', question: 'Q', answer: 'A', source: 'https://example.jp/', reviewBy: '2027-01-01' };
    const result = validateKnowledge([
      { file: 'faq/kanoya.yaml', data: [valid] },
      { file: 'faq/common.yaml', data: [minimal] },
      { file: 'faq/tarumizu.yaml', data: null },
    ]);
    expect(result.problems).toEqual([]);
    expect(result.knowledge.faq.map((faq) => faq.id)).toEqual(['faq-kanoya-1', 'faq-common-1']);
    expect(result.knowledge.faq[1]?.wordings).toEqual([]);
  });

  it('reports every broken field as file › id › field: message', () => {
    const broken = {
      ...valid,
      municipality: '鹿児島市',
      answer: 'あ'.repeat(501),
      link: { url: 'http://example.jp/a', label: '案内' },
      source: '職員の記憶',
      reviewBy: '2027-02-30',
      question: '一行目\n二行目',
    };
    const lines = problems('faq/kanoya.yaml', [broken]);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^faq\/kanoya\.yaml › faq-kanoya-1 › municipality: /),
        'faq/kanoya.yaml › faq-kanoya-1 › question: 1行で書いてください（改行は使えません）',
        'faq/kanoya.yaml › faq-kanoya-1 › answer: 500文字以内にしてください',
        'faq/kanoya.yaml › faq-kanoya-1 › link.url: https:// で始まるURLにしてください',
        expect.stringMatching(/^faq\/kanoya\.yaml › faq-kanoya-1 › source: 出典はURL/),
        'faq/kanoya.yaml › faq-kanoya-1 › reviewBy: 存在しない日付です',
      ]),
    );
  });

  it('keeps each city’s FAQs in its own file and 共通 in common.yaml', () => {
    expect(problems('faq/tarumizu.yaml', [valid])).toEqual(['faq/tarumizu.yaml › faq-kanoya-1 › municipality: このファイルは垂水市のFAQを入れるところです（鹿屋市ではありません）']);
    expect(problems('faq/common.yaml', [valid])[0]).toContain('このファイルは共通のFAQを入れるところです');
    expect(problems('faq/kagoshima.yaml', [valid])[0]).toMatch(/^faq\/kagoshima\.yaml › faq-kanoya-1 › municipality: FAQのファイル名は/);
  });

  it('refuses one wording for two FAQs of the same city, whatever its width or question mark', () => {
    const other = { ...valid, id: 'faq-kanoya-2', question: '粗大ごみの申込先？', wordings: [] };
    expect(problems('faq/kanoya.yaml', [valid, other])).toEqual(['faq/kanoya.yaml › faq-kanoya-2 › question: 「粗大ごみの申込先？」は鹿屋市のFAQ「faq-kanoya-1」の言い回しでもあります：どちらか一方にしてください']);
    // The same wording in two cities is two cities' answers, not a clash.
    expect(validateKnowledge([{ file: 'faq/kanoya.yaml', data: [valid] }, { file: 'faq/tarumizu.yaml', data: [{ ...valid, id: 'faq-tarumizu-1', municipality: '垂水市' }] }]).problems).toEqual([]);
  });
});
