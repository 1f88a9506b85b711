import { beforeAll, describe, expect, it } from 'vitest';
import { loadJapaneseAnalyzer } from '../../src/search/japanese-analyzer.js';
import type { SearchDocument } from '../../src/search/search-document.js';
import { SearchIndex } from '../../src/search/search-index.js';
import type { TextAnalyzer } from '../../src/search/text-analyzer.js';

const doc = (id: string, title: string, body: string, names: string[] = []): SearchDocument => ({ id, kind: 'glossary', title, names, body, municipality: null });
const documents = [
  doc('digital-divide', 'デジタルデバイド', 'インターネットやパソコン等の情報通信技術を利用できる者と利用できない者との間に生じる格差', ['デジタルデバインド']),
  doc('disaster-certificate', '罹災証明書の発行申請', '災害で被害を受けた住家の被害の程度を証明する書類の申請'),
  doc('server', 'サーバー', 'ネットワーク上でサービスを提供するコンピュータ'),
  doc('survey', '市政モニターアンケート', 'スマートフォン保有率は100.0%、研修受講率は77.2%でした'),
];

let analyzer: TextAnalyzer;
let index: SearchIndex;
beforeAll(async () => {
  analyzer = await loadJapaneseAnalyzer();
  index = new SearchIndex(documents, analyzer);
});

describe('SearchIndex', () => {
  it('finds a compound from one of its parts through bigrams', () => {
    expect(index.search({ text: 'デバイド' })[0]?.document.id).toBe('digital-divide');
  });

  it('finds a kanji entry from a hiragana-only query through readings', () => {
    expect(index.search({ text: 'りさいしょうめいしょ' })[0]?.document.id).toBe('disaster-certificate');
  });

  it('matches with or without the final long-vowel mark', () => {
    expect(index.search({ text: 'サーバ' })[0]?.document.id).toBe('server');
    expect(index.search({ text: 'サーバー' })[0]?.exactName).toBe(true);
  });

  it('flags an exact name, including an alias', () => {
    const [hit] = index.search({ text: 'デジタルデバインド' });
    expect(hit?.document.id).toBe('digital-divide');
    expect(hit?.exactName).toBe(true);
  });

  it('gives low coverage when only frequent fragments of the question occur', () => {
    const [hit] = index.search({ text: '円周率を100桁' });
    expect(hit === undefined || hit.coverage < 0.5).toBe(true);
    expect(index.search({ text: 'qwerty' })).toEqual([]);
  });

  it('counts a synonym as covering the word it stands for', () => {
    const without = index.search({ text: 'PCが使えない格差' })[0];
    const withSynonyms = index.search({ text: 'PCが使えない格差', synonymsOf: (term) => (term === 'pc' ? ['パソコン'] : []) })[0];
    expect(withSynonyms?.document.id).toBe('digital-divide');
    expect(withSynonyms!.coverage).toBeGreaterThan(without?.coverage ?? 0);
  });

  it('notices a name of three or more characters inside a longer question, anywhere in it', () => {
    const hitOn = (text: string, id: string) => index.search({ text }).find((hit) => hit.document.id === id);
    expect(hitOn('罹災証明書の発行申請をしたい', 'disaster-certificate')?.containsName).toBe(true);
    expect(hitOn('台風の後で罹災証明書の発行申請', 'disaster-certificate')?.containsName).toBe(true);
    expect(hitOn('サーバーの移行', 'server')?.containsName).toBe(true);
    expect(hitOn('デジタルの話', 'digital-divide')?.containsName).toBe(false);
  });

  it('refuses two documents under one id', () => {
    expect(() => new SearchIndex([...documents, documents[0]!], analyzer)).toThrow(/duplicate document id digital-divide/);
  });

  it('lets the caller weight documents', () => {
    const plain = index.search({ text: 'デバイド' })[0]!;
    const doubled = index.search({ text: 'デバイド', weight: (document) => (document.id === plain.document.id ? 2 : 1) })[0]!;
    expect(doubled.score).toBeCloseTo(plain.score * 2);
  });
});
