import { describe, expect, it } from 'vitest';
import { parseCorpus } from '../../src/eval/corpus.js';

describe('parseCorpus', () => {
  it('reads {id,title,body} lines as documents', () => {
    const [document] = parseCorpus('{"id":1,"title":"粗大ごみの出し方","body":"申込制です"}');
    expect(document).toMatchObject({ id: '1', kind: 'document', title: '粗大ごみの出し方', body: '申込制です', municipality: null });
  });

  it('names an FAQ entry after the thing its question title is about', () => {
    const [document] = parseCorpus('{"id":"q1","title":"住民票の写しはどこで取れますか？","body":"市民課の窓口とコンビニで取れます。"}');
    expect(document?.names).toEqual(['住民票の写し']);
    const [term] = parseCorpus('{"id":"q2","title":"マイナポータルとは何ですか","body":""}');
    expect(term?.names).toEqual(['マイナポータル']);
  });

  it('names the line of an entry without id or title', () => {
    expect(() => parseCorpus('{"id":1,"title":"a"}\n{"body":"x"}', 'faq.jsonl')).toThrow('faq.jsonl:2');
  });
});
