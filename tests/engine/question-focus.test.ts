import { describe, expect, it } from 'vitest';
import { findQuestionFocus, headsOf } from '../../src/engine/question-focus.js';

describe('findQuestionFocus', () => {
  it('leaves the story out of the question', () => {
    const focus = findQuestionFocus('昨日引っ越してきました！てんにゅうの手続きって、スマホでできますか？');
    expect(focus.storyText).toContain('引っ越してきました');
    expect(focus.questionText).not.toContain('引っ越してきました');
    expect(focus.topics).toEqual(['てんにゅうの手続き']);
  });

  it('takes the thing asked about from before って, とは and の意味', () => {
    expect(findQuestionFocus('えるじーわんって何のこと？').topics).toEqual(['えるじーわん']);
    expect(findQuestionFocus('RPAとは').topics).toEqual(['RPA']);
    expect(findQuestionFocus('ガバメントクラウドの意味を教えて').topics).toEqual(['ガバメントクラウド']);
  });

  it('does not read the て-form of a verb as a topic marker', () => {
    expect(findQuestionFocus('市がやってる相談会の申し込みをネットでしたい').topics).toEqual(['市がやってる相談会の申し込み']);
    expect(findQuestionFocus('窓口が変わっていくらしいけど、どうなるの？').topics).toEqual([]);
    expect(findQuestionFocus('みんな使ってそうなクラウドって何').topics).toEqual(['みんな使ってそうなクラウド']);
  });

  it('finds the term of 「…という言葉が出てきました。どういう意味ですか」 in the sentence before', () => {
    const focus = findQuestionFocus('広報誌でオープンデータという言葉を見ました。どういう意味ですか');
    expect(focus.topics).toEqual(['オープンデータ']);
  });

  it('keeps each question of a message with two', () => {
    const focus = findQuestionFocus('RPAって何？あと、AI-OCRって何？');
    expect(focus.topics).toEqual(expect.arrayContaining(['RPA']));
    expect(focus.topics.some((topic) => topic.includes('AI-OCR'))).toBe(true);
  });

  it('takes what is to be done online, or is needed, as the thing asked about', () => {
    expect(findQuestionFocus('犬の登録をネットで済ませたい').topics).toEqual(['犬の登録']);
    expect(findQuestionFocus('引っ越しで転出届がいるらしい。スマホでできる？').topics).toContain('引っ越しで転出届');
  });

  it('treats a message that asks nothing in form as all question', () => {
    const focus = findQuestionFocus('児童手当の申請、オンラインで');
    expect(focus.questionText).toBe('児童手当の申請、オンラインで');
    expect(focus.storyText).toBe('');
  });

  it('keeps a topic named in a telling sentence (「…って聞いたんですが、…の違いは？」)', () => {
    expect(findQuestionFocus('ガバメントクラウドって聞いたんですが、ふつうのクラウドと何が違うの？').topics).toContain('ガバメントクラウド');
  });
});

describe('headsOf', () => {
  it('drops the words of the question frame from the end', () => {
    expect(headsOf('児童手当の申請')).toEqual(['児童手当']);
    expect(headsOf('スマホ教室みたいなの')).toEqual(['スマホ教室']);
    expect(headsOf('罹災証明書のオンライン申請')).toEqual(['罹災証明書']);
  });

  it('splits things asked about together, but not a name written with ・', () => {
    expect(headsOf('生成AIとふつうのAI')).toEqual(['生成AI', 'ふつうのAI']);
    expect(headsOf('ベース・レジストリ')).toEqual(['ベース・レジストリ']);
  });
});
