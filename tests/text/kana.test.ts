import { describe, expect, it } from 'vitest';
import {
  hiraganaCodeToKatakana,
  isHiraganaCode,
  isKanaCode,
  isKatakanaCode,
  isLongVowelMarkCode,
  toKatakana,
} from '../../src/text/kana.js';

const code = (char: string): number => char.codePointAt(0) ?? -1;

describe('toKatakana', () => {
  it('folds every hiragana letter, small kana and voiced marks included', () => {
    expect(toKatakana('がばめんとくらうど')).toBe('ガバメントクラウド');
    expect(toKatakana('りさいしょうめいしょ')).toBe('リサイショウメイショ');
    expect(toKatakana('ぁぃぅぇぉっゃゅょゎゕゖ')).toBe('ァィゥェォッャュョヮヵヶ');
  });

  it('folds the hiragana iteration marks ゝゞ to ヽヾ', () => {
    expect(toKatakana('ゝゞ')).toBe('ヽヾ');
  });

  it('leaves kanji, katakana, ー, ASCII, emoji and plane-2 kanji untouched', () => {
    expect(toKatakana('罹災証明書 ガバメントクラウド ー DX 😀 𠮷')).toBe('罹災証明書 ガバメントクラウド ー DX 😀 𠮷');
  });

  it('keeps the length, so positions in the result are positions in the input', () => {
    const text = 'ごみの出し方😀を教えて';
    expect(toKatakana(text)).toHaveLength(text.length);
  });
});

describe('kana predicates', () => {
  it('tells hiragana from katakana and treats ー as neither letter', () => {
    expect(isHiraganaCode(code('あ'))).toBe(true);
    expect(isHiraganaCode(code('ア'))).toBe(false);
    expect(isKatakanaCode(code('ア'))).toBe(true);
    expect(isKatakanaCode(code('ヴ'))).toBe(true);
    expect(isKatakanaCode(code('ー'))).toBe(false);
    expect(isHiraganaCode(code('ー'))).toBe(false);
    expect(isLongVowelMarkCode(code('ー'))).toBe(true);
  });

  it('does not count ・ or kanji as kana', () => {
    expect(isKanaCode(code('・'))).toBe(false);
    expect(isKanaCode(code('証'))).toBe(false);
    expect(isKanaCode(code('ー'))).toBe(true);
  });

  it('shifts a single hiragana code point and passes others through', () => {
    expect(hiraganaCodeToKatakana(code('ぐ'))).toBe(code('グ'));
    expect(hiraganaCodeToKatakana(code('漢'))).toBe(code('漢'));
  });
});
