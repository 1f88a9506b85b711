import { describe, expect, it } from 'vitest';
import { SpokenNames } from '../../src/search/spoken-names.js';

// A stand-in for kuromoji's reading, for names whose reading the test states.
const READINGS: Record<string, string> = { 児童手当: 'ジドウテアテ', 市営住宅: 'シエイジュウタク', 'AIチャットボット': 'aiチャットボット', 手当: 'テアテ' };
const spoken = (name: string) => READINGS[name] ?? name;

describe('SpokenNames', () => {
  const names = new SpokenNames(['児童手当', '市営住宅', 'アクセシビリティ', 'ベース・レジストリ', 'AIチャットボット', '手当'], spoken);

  it('reads kana typed as heard as the name the plans use', () => {
    expect(names.rewrite('じどうてあての申請って')).toBe('児童手当の申請って');
    expect(names.rewrite('しえいじゅうたくに入りたい')).toBe('市営住宅に入りたい');
  });

  it('forgives small-kana typos and a dropped or added ー', () => {
    expect(names.rewrite('アクセシビリテイって何')).toBe('アクセシビリティって何');
    expect(names.rewrite('べーすれじすとりー')).toBe('ベース・レジストリ');
  });

  it('finds the name inside a longer run of kana', () => {
    expect(names.rewrite('これってじどうてあて？')).toBe('これって児童手当?');
  });

  it('leaves text alone when nothing sounds like a name, or the name is already written', () => {
    expect(names.rewrite('児童手当の申請')).toBeNull();
    expect(names.rewrite('こんにちは')).toBeNull();
  });

  it('ignores short sounds and names whose sound is not kana alone', () => {
    expect(names.rewrite('てあてをください')).toBeNull();
    expect(names.rewrite('ちゃっとぼっと')).toBeNull();
  });
});
