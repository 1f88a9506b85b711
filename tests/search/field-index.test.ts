import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { FieldIndex, type FieldQuery } from '../../src/search/field-index.js';

type Field = 'name' | 'body';
const SPACE = /\s+/;
const documents: Array<Record<Field, string>> = [
  { name: 'デジタル デバイド', body: '情報 格差 デジタル 利用 利用' },
  { name: 'サーバ', body: 'ネットワーク サービス 提供 コンピュータ' },
  { name: '罹災 証明書', body: '災害 被害 証明 書類 申請 申請 申請' },
  { name: 'サーバ', body: 'ネットワーク サービス 提供 コンピュータ' },
  { name: '', body: 'デジタル 推進 計画 e tax 申請' },
  { name: 'e tax', body: '' },
];

/** The same query as one combined MiniSearch OR query, whose scores the term-at-a-time search must reproduce. */
function miniSearchResults(groups: ReadonlyArray<FieldQuery<Field>>): Array<{ index: number; score: number }> {
  const miniSearch = new MiniSearch<Record<Field, string> & { id: number }>({
    fields: ['name', 'body'],
    tokenize: (text) => text.split(SPACE).filter(Boolean),
    processTerm: (term) => term,
    searchOptions: { tokenize: (text) => text.split(SPACE).filter(Boolean), processTerm: (term) => term },
  });
  miniSearch.addAll(documents.map((document, id) => ({ id, ...document })));
  const results = miniSearch.search({
    combineWith: 'OR',
    queries: groups.map((group) => ({ queries: [...group.terms], fields: Object.keys(group.boosts), boost: { ...group.boosts } })),
  });
  return results.map((result) => ({ index: Number(result.id), score: result.score }));
}

function ranked(results: ReadonlyArray<{ index: number; score: number }>): Array<{ index: number; score: number }> {
  return [...results].sort((a, b) => b.score - a.score);
}

describe('FieldIndex', () => {
  const index = new FieldIndex<Field>(['name', 'body'], documents);

  it.each<[string, Array<FieldQuery<Field>>]>([
    ['one term in both fields', [{ terms: ['デジタル'], boosts: { name: 4, body: 1 } }]],
    ['several terms, one field each', [{ terms: ['申請', 'サーバ', '格差'], boosts: { name: 4, body: 1 } }]],
    [
      'a term repeated across groups counts once for quality',
      [
        { terms: ['デジタル', '証明'], boosts: { name: 4 } },
        { terms: ['デジタル', '申請'], boosts: { body: 0.25 } },
      ],
    ],
    ['a query string with a space is two terms', [{ terms: ['e tax', 'tax'], boosts: { name: 1, body: 3 } }]],
    ['a zero boost counts as 1, as in MiniSearch', [{ terms: ['サーバ', 'デジタル'], boosts: { name: 0, body: 2 } }]],
    ['unknown terms match nothing', [{ terms: ['qwerty', ''], boosts: { name: 1, body: 1 } }]],
  ])('scores exactly as MiniSearch: %s', (_, groups) => {
    expect(ranked(index.search(groups))).toEqual(miniSearchResults(groups));
  });

  it('keeps equal scores in the order the documents were first matched', () => {
    const results = index.search([{ terms: ['サーバ'], boosts: { name: 1 } }]);
    expect(results.map((result) => result.index)).toEqual([1, 3]);
    expect(results[0]?.score).toBe(results[1]?.score);
  });

  it('leaves no state behind between queries', () => {
    const groups: Array<FieldQuery<Field>> = [{ terms: ['申請', 'デジタル', 'e'], boosts: { name: 2, body: 1 } }];
    const first = index.search(groups);
    index.search([{ terms: ['デジタル', 'サーバ', '申請'], boosts: { body: 5 } }]);
    expect(index.search(groups)).toEqual(first);
  });
});
