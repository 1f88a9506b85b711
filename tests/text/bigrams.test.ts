import { describe, expect, it } from 'vitest';
import { charBigrams } from '../../src/text/bigrams.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('charBigrams', () => {
  it('cuts a word into overlapping pairs', () => {
    expect(charBigrams('デジタル')).toEqual(['デジ', 'ジタ', 'タル']);
  });

  it('finds デバイド inside デジタルデバイド', () => {
    const whole = charBigrams('デジタルデバイド');
    for (const gram of charBigrams('デバイド')) expect(whole).toContain(gram);
  });

  it('works on the normalised text, so kana, width and case do not matter', () => {
    expect(charBigrams('がばめんと')).toEqual(charBigrams('ガバメント'));
    expect(charBigrams('ＢＰＲ')).toEqual(['bp', 'pr']);
    expect(charBigrams('サーバー')).toEqual(charBigrams('サーバ'));
  });

  it('does not pair across punctuation or between ASCII words', () => {
    expect(charBigrams('BPR、デジタル')).toEqual(['bp', 'pr', 'デジ', 'ジタ', 'タル']);
    expect(charBigrams('digital plan')).toEqual(['di', 'ig', 'gi', 'it', 'ta', 'al', 'pl', 'la', 'an']);
  });

  it('keeps one-character runs as unigrams', () => {
    expect(charBigrams('市、区')).toEqual(['市', '区']);
    expect(charBigrams('A')).toEqual(['a']);
  });

  it('counts code points, so 𠮷 and emoji stay whole', () => {
    const grams = charBigrams('𠮷野家😀');
    expect(grams).toEqual(['𠮷野', '野家', '家😀']);
    for (const gram of grams) expect(gram).not.toMatch(LONE_SURROGATE);
    expect(charBigrams('😀')).toEqual(['😀']);
    expect(charBigrams('👍🏽')).toEqual(['👍🏽']);
  });

  it('keeps repeats, because the index counts them', () => {
    expect(charBigrams('ああ、ああ')).toEqual(['アア', 'アア']);
  });

  it('returns nothing for blank or punctuation-only text', () => {
    expect(charBigrams('')).toEqual([]);
    expect(charBigrams(' 、。！？ ')).toEqual([]);
  });
});
