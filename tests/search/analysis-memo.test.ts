import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisMemo } from '../../src/search/analysis-memo.js';
import { analysisFingerprint, readAnalysisMemo, writeAnalysisMemo } from '../../src/search/analysis-memo-file.js';
import { loadJapaneseAnalyzer } from '../../src/search/japanese-analyzer.js';
import type { SearchDocument } from '../../src/search/search-document.js';
import { SearchIndex } from '../../src/search/search-index.js';
import type { TextAnalyzer } from '../../src/search/text-analyzer.js';

const doc = (id: string, title: string, body: string, names: string[] = []): SearchDocument => ({ id, kind: 'glossary', title, names, body, municipality: null });
const documents = [
  doc('digital-divide', 'デジタルデバイド', 'インターネットやパソコン等の情報通信技術を利用できる者と利用できない者との間に生じる格差', ['デジタルデバインド']),
  doc('disaster-certificate', '罹災証明書の発行申請', '災害で被害を受けた住家の被害の程度を証明する書類の申請'),
  doc('lgwan', 'LGWAN', '地方公共団体を相互に接続する行政専用のネットワーク', ['エルジーワン']),
];
const questions = ['デバイド', 'りさいしょうめいしょ', 'えるじーわんって何', '行政専用のネットワーク'];

let analyzer: TextAnalyzer;
/** The real analyzer, counting how often kuromoji's part (terms, readings) runs. */
let counting: TextAnalyzer & { runs: number };
beforeAll(async () => {
  analyzer = await loadJapaneseAnalyzer();
  counting = {
    runs: 0,
    terms(text) {
      counting.runs += 1;
      return analyzer.terms(text);
    },
    readings(text) {
      counting.runs += 1;
      return analyzer.readings(text);
    },
    keyTerms: (text) => analyzer.keyTerms(text),
    spoken: (text) => analyzer.spoken(text),
    places: (text) => analyzer.places(text),
    bigrams: (text) => analyzer.bigrams(text),
    normalize: (text) => analyzer.normalize(text),
  };
});

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dx-memo-'));
  made.push(dir);
  return dir;
}

const ranking = (index: SearchIndex) => questions.map((text) => index.search({ text }).map((hit) => [hit.document.id, hit.score, hit.coverage]));

describe('AnalysisMemo', () => {
  it('builds an index that ranks exactly as one built without it, and a second build runs no analysis', () => {
    const plain = new SearchIndex(documents, analyzer);
    const first = new AnalysisMemo();
    counting.runs = 0;
    const built = new SearchIndex(documents, analyzer, first.wrap(counting));
    expect(counting.runs).toBeGreaterThan(0);
    expect(first.changed).toBe(true);
    expect(ranking(built)).toEqual(ranking(plain));

    const second = new AnalysisMemo(first.entries());
    counting.runs = 0;
    const rebuilt = new SearchIndex(documents, analyzer, second.wrap(counting));
    expect(counting.runs).toBe(0);
    expect(second.changed).toBe(false);
    expect(ranking(rebuilt)).toEqual(ranking(plain));
  });

  it('analyses only the texts that changed, and forgets texts no longer asked for', () => {
    const first = new AnalysisMemo();
    new SearchIndex(documents, analyzer, first.wrap(counting));
    const edited = [...documents.slice(0, 2), doc('lgwan', 'LGWAN', '総合行政ネットワーク。地方公共団体を相互に接続する', ['エルジーワン'])];
    const second = new AnalysisMemo(first.entries());
    counting.runs = 0;
    new SearchIndex(edited, analyzer, second.wrap(counting));
    expect(counting.runs).toBe(1); // the new body's terms; its names are unchanged
    expect(second.changed).toBe(true);
    const texts = second.entries().map(([text]) => text);
    expect(texts).toContain('総合行政ネットワーク。地方公共団体を相互に接続する');
    expect(texts).not.toContain(documents[2]!.body);
  });

  it('hands out copies, so a caller changing a list does not change the memo', () => {
    const memo = new AnalysisMemo();
    const wrapped = memo.wrap(analyzer);
    const expected = wrapped.terms('行政専用のネットワーク');
    wrapped.terms('行政専用のネットワーク').push('余計');
    expect(wrapped.terms('行政専用のネットワーク')).toEqual(expected);
  });
});

describe('the memo on disk', () => {
  function savedMemo(dir: string): AnalysisMemo {
    const memo = new AnalysisMemo();
    new SearchIndex(documents, analyzer, memo.wrap(analyzer));
    expect(writeAnalysisMemo(dir, memo)).toBe(true);
    return memo;
  }

  it('is read back as it was saved, under a name that carries the fingerprint of the analysis code', () => {
    const dir = tempDir();
    const memo = savedMemo(dir);
    expect(readdirSync(dir)).toEqual([`analysis-${analysisFingerprint()}.json`]);
    expect(readAnalysisMemo(dir).entries()).toEqual([]); // nothing asked for yet
    const again = readAnalysisMemo(dir);
    counting.runs = 0;
    new SearchIndex(documents, analyzer, again.wrap(counting));
    expect(counting.runs).toBe(0);
    expect(again.entries()).toEqual(memo.entries());
    expect(writeAnalysisMemo(dir, again)).toBe(false); // unchanged: nothing written
  });

  it('ignores a damaged file and one of another format, and removes memos of other program versions', () => {
    const dir = tempDir();
    savedMemo(dir);
    const file = path.join(dir, `analysis-${analysisFingerprint()}.json`);
    for (const damaged of [readFileSync(file, 'utf8').slice(0, 100), '{"format":99,"entries":[]}', '{"format":1,"entries":[["x",{"terms":[1]}]]}', 'null']) {
      writeFileSync(file, damaged);
      const memo = readAnalysisMemo(dir);
      counting.runs = 0;
      new SearchIndex(documents, analyzer, memo.wrap(counting));
      expect(counting.runs).toBeGreaterThan(0);
    }
    writeFileSync(path.join(dir, 'analysis-0123456789abcdef.json'), '{}');
    writeFileSync(path.join(dir, 'unrelated.txt'), 'kept');
    savedMemo(dir);
    expect(readdirSync(dir).sort()).toEqual([`analysis-${analysisFingerprint()}.json`, 'unrelated.txt']);
  });

  it('does nothing when caching is off, and never fails the build when the directory cannot be written', () => {
    const memo = new AnalysisMemo();
    new SearchIndex(documents, analyzer, memo.wrap(analyzer));
    expect(writeAnalysisMemo(null, memo)).toBe(false);
    expect(readAnalysisMemo(null).changed).toBe(false);
    const blocker = path.join(tempDir(), 'a-file');
    writeFileSync(blocker, '');
    expect(writeAnalysisMemo(path.join(blocker, 'cache'), memo)).toBe(false);
  });
});
