import { describe, expect, it } from 'vitest';
import { normalizeForMatch, stripQuestionEnding } from '../../src/text/normalize.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('normalizeForMatch', () => {
  it('folds full-width letters and case: ＢＰＲ → bpr', () => {
    expect(normalizeForMatch('ＢＰＲ')).toBe('bpr');
    expect(normalizeForMatch('ＤＸ推進')).toBe(normalizeForMatch('dx推進'));
  });

  it('folds hiragana to katakana: がばめんとくらうど equals ガバメントクラウド', () => {
    expect(normalizeForMatch('がばめんとくらうど')).toBe(normalizeForMatch('ガバメントクラウド'));
    expect(normalizeForMatch('がばめんとくらうど')).toBe('ガバメントクラウド');
  });

  it('widens half-width katakana, voiced marks included', () => {
    expect(normalizeForMatch('ﾃﾞｼﾞﾀﾙﾃﾞﾊﾞｲﾄﾞ')).toBe('デジタルデバイド');
  });

  it('makes サーバー, サーバ and ｻｰﾊﾞｰ equal', () => {
    expect(normalizeForMatch('サーバー')).toBe(normalizeForMatch('サーバ'));
    expect(normalizeForMatch('ｻｰﾊﾞｰ')).toBe(normalizeForMatch('サーバ'));
    expect(normalizeForMatch('ユーザー')).toBe(normalizeForMatch('ユーザ'));
  });

  it('keeps the ー of short words such as キー', () => {
    expect(normalizeForMatch('キー')).toBe('キー');
    expect(normalizeForMatch('キー')).not.toBe(normalizeForMatch('キ'));
  });

  it('ends a katakana run at the script change, so サーバーが matches サーバが', () => {
    expect(normalizeForMatch('サーバーが落ちた')).toBe(normalizeForMatch('サーバが落ちた'));
  });

  it('reads ― ‐ − after kana as ー', () => {
    expect(normalizeForMatch('サーバ―')).toBe(normalizeForMatch('サーバー'));
    expect(normalizeForMatch('デ‐タ')).toBe(normalizeForMatch('データ'));
    expect(normalizeForMatch('ユ−ザ−')).toBe(normalizeForMatch('ユーザー'));
  });

  it('keeps the ASCII hyphen of e-Tax and Wi-Fi', () => {
    expect(normalizeForMatch('e-Tax')).toBe('e-tax');
    expect(normalizeForMatch('Ｗｉ－Ｆｉ')).toBe('wi-fi');
  });

  it('drops ・ and ･: デジタル・トランスフォーメーション == デジタルトランスフォーメーション', () => {
    expect(normalizeForMatch('デジタル・トランスフォーメーション')).toBe(normalizeForMatch('デジタルトランスフォーメーション'));
    expect(normalizeForMatch('ﾍﾞｰｽ･ﾚｼﾞｽﾄﾘ')).toBe(normalizeForMatch('ベース・レジストリ'));
  });

  it('applies the long-vowel rule before dropping ・, so サーバー・クライアント == サーバ・クライアント', () => {
    expect(normalizeForMatch('サーバー・クライアント')).toBe(normalizeForMatch('サーバ・クライアント'));
  });

  it('drops whitespace next to Japanese, including the ideographic space', () => {
    expect(normalizeForMatch('ガバメント　クラウド')).toBe('ガバメントクラウド');
    expect(normalizeForMatch('DX 推進 計画')).toBe('dx推進計画');
  });

  it('keeps ASCII words apart with a single space and trims the ends', () => {
    expect(normalizeForMatch('  Digital \t  Transformation \n')).toBe('digital transformation');
  });

  it('treats 〜 and ～ alike', () => {
    expect(normalizeForMatch('9時〜17時')).toBe(normalizeForMatch('9時～17時'));
  });

  it('keeps emoji, modifiers and plane-2 kanji whole', () => {
    const text = '𠮷野家で😀👍🏽';
    const normalized = normalizeForMatch(text);
    expect(normalized).toBe('𠮷野家デ😀👍🏽');
    expect(normalized).not.toMatch(LONE_SURROGATE);
  });

  it('returns the empty string for blank input', () => {
    expect(normalizeForMatch('')).toBe('');
    expect(normalizeForMatch(' \u3000\n')).toBe('');
  });

  it('handles a long message in one pass', () => {
    const long = 'デジタル・サーバー　がばめんと😀'.repeat(5_000);
    const normalized = normalizeForMatch(long);
    expect(normalized.startsWith('デジタルサーバガバメント😀')).toBe(true);
    expect(normalized).not.toMatch(LONE_SURROGATE);
  });
});

describe('stripQuestionEnding', () => {
  it.each([
    ['BPRって何？', 'BPR'],
    ['BPRってなに', 'BPR'],
    ['BPRって何ですか', 'BPR'],
    ['BPRって何ですか？', 'BPR'],
    ['ガバメントクラウドとは何ですか', 'ガバメントクラウド'],
    ['ガバメントクラウドとは何か', 'ガバメントクラウド'],
    ['ガバメントクラウドとは', 'ガバメントクラウド'],
    ['ガバメントクラウドとは？', 'ガバメントクラウド'],
    ['BPRは何ですか？', 'BPR'],
    ['BPRの意味を教えてください', 'BPR'],
    ['BPRの意味', 'BPR'],
    ['LGWANの読み方', 'LGWAN'],
    ['LGWANのよみかた', 'LGWAN'],
    ['LGWANの読み方を教えて', 'LGWAN'],
    ['eLTAXってなんてよむ', 'eLTAX'],
    ['SaaSはどう読む？', 'SaaS'],
    ['BPR意味は', 'BPR'],
    ['ごみの出し方を教えて', 'ごみの出し方'],
    ['ごみの出し方を教えてください', 'ごみの出し方'],
    ['DXについて教えて！', 'DX'],
    ['電子申請を知りたい', '電子申請'],
    ['住民票の請求はできますか', '住民票の請求'],
    ['転入届の提出できますか', '転入届の提出'],
    ['コンビニ交付できる？', 'コンビニ交付'],
    ['オンラインでできる', 'オンライン'],
    ['BPRですか', 'BPR'],
    ['児童手当の現況届はオンラインで出せますか', '児童手当の現況届はオンラインで出せ'],
    ['デジタル化でしょうか', 'デジタル化'],
    ['児童手当は？', '児童手当'],
    ['BPRって？', 'BPR'],
    ['BPR？', 'BPR'],
    ['BPR?', 'BPR'],
    ['手続きの流れ。', '手続きの流れ'],
    ['BPR！', 'BPR'],
    ['デジタル化…', 'デジタル化'],
    ['BPRってなにw', 'BPR'],
    ['BPRってなにｗｗｗ', 'BPR'],
    ['BPRってなに笑', 'BPR'],
    ['BPRってなに(笑)', 'BPR'],
    ['BPRとは何ですか😀', 'BPR'],
    ['BPR って何？ ', 'BPR'],
  ])('%s → %s', (input, expected) => {
    expect(stripQuestionEnding(input)).toBe(expected);
  });

  it('never strips down to nothing', () => {
    expect(stripQuestionEnding('とは')).toBe('とは');
    expect(stripQuestionEnding('とは？')).toBe('とは');
    expect(stripQuestionEnding('？')).toBe('？');
    expect(stripQuestionEnding('ですか')).toBe('ですか');
    expect(stripQuestionEnding('😀')).toBe('😀');
    expect(stripQuestionEnding('   ')).toBe('   ');
    expect(stripQuestionEnding('')).toBe('');
  });

  it('does not take the と of こと for とは', () => {
    expect(stripQuestionEnding('マイナンバーカードでできることは')).toBe('マイナンバーカードでできることは');
    expect(stripQuestionEnding('マイナンバーカードでできることは？')).toBe('マイナンバーカードでできること');
  });

  it('keeps a w that ends an English word and a 笑 that ends a kanji word', () => {
    expect(stripQuestionEnding('new')).toBe('new');
    expect(stripQuestionEnding('微笑')).toBe('微笑');
  });

  it('leaves text without an ending exactly as it was', () => {
    expect(stripQuestionEnding('罹災証明書 ')).toBe('罹災証明書 ');
    expect(stripQuestionEnding('ガバメントクラウド')).toBe('ガバメントクラウド');
  });

  it('returns the original characters, so full-width input stays full-width for display', () => {
    expect(stripQuestionEnding('ＢＰＲって何？')).toBe('ＢＰＲ');
  });

  it('gives BPR for ＢＰＲって何？ whichever of normalise and strip runs first', () => {
    expect(normalizeForMatch(stripQuestionEnding('ＢＰＲって何？'))).toBe('bpr');
    expect(stripQuestionEnding(normalizeForMatch('ＢＰＲって何？'))).toBe('bpr');
    expect(stripQuestionEnding(normalizeForMatch('ガバメントクラウドとは何ですか…'))).toBe('ガバメントクラウド');
  });

  it('keeps emoji inside the text whole', () => {
    expect(stripQuestionEnding('𠮷野家😀の店って何？')).toBe('𠮷野家😀の店');
    expect(stripQuestionEnding('申請🙏🙏')).toBe('申請');
  });

  it('handles thousands of endings in one pass', () => {
    const text = `BPR${'って何？'.repeat(2_000)}`;
    expect(stripQuestionEnding(text)).toBe('BPR');
    expect(stripQuestionEnding('？'.repeat(10_000))).toBe('？');
  });
});
