import { describe, expect, it } from 'vitest';
import { detectIntent } from '../../src/engine/intent.js';

describe('detectIntent', () => {
  it.each([
    ['RPAとは何ですか', 'definition'],
    ['ＢＰＲって何？', 'definition'],
    ['デジタルデバイドの意味', 'definition'],
    ['LGWANの読み方', 'definition'],
    ['LGWANのよみかた', 'definition'],
    ['eLTAXってなんてよむ', 'definition'],
    ['SaaSはどう読む', 'definition'],
    ['BIとは何の略', 'definition'],
    ['標準準拠システムって？', 'definition'],
    ['児童手当の現況届はオンラインで出せますか', 'procedure'],
    ['要介護認定の更新申請はネットでできる？', 'procedure'],
    ['保育施設の現況届をスマホで', 'procedure'],
    ['オンラインでできる被災者支援の手続きは', 'listing'],
    ['介護の手続きでネットでできるものを知りたい', 'listing'],
    ['鹿屋市のデジタル郵便の登録者数の目標は', 'plan'],
    ['垂水市のDX推進計画の期間', 'plan'],
    ['嬉野市の将来像は', 'plan'],
    ['こんにちは', 'greeting'],
    ['こんばんは、元気？', 'greeting'],
    ['ありがとう！', 'thanks'],
    ['使い方を教えて', 'help'],
    ['qwerty', 'search'],
  ])('%s → %s', (message, intent) => {
    expect(detectIntent(message).intent).toBe(intent);
  });

  it('flags online questions whatever the wording', () => {
    expect(detectIntent('ネットで払える？').online).toBe(true);
    expect(detectIntent('ｵﾝﾗｲﾝで申請').online).toBe(true);
    expect(detectIntent('RPAとは').online).toBe(false);
  });

  it('does not take a long question that starts with a greeting for small talk', () => {
    expect(detectIntent('こんにちは、児童手当の現況届はオンラインで出せますか').intent).toBe('procedure');
  });
});
