import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cityChangeRequest, cityChoiceAnswer, citiesToOffer, cityMatters } from '../../src/engine/city-change.js';
import { MUNICIPALITIES } from '../../src/knowledge/schema.js';
import { sharedDir } from '../../src/project-root.js';

describe('cityChangeRequest', () => {
  it('takes a city name alone, with or without 市, in kana, as a request naming that city', () => {
    const cases: Array<[string, string]> = [
      ['鹿屋市', '鹿屋市'],
      ['鹿屋', '鹿屋市'],
      ['かのや', '鹿屋市'],
      ['さつませんだい', '薩摩川内市'],
      ['たるみず', '垂水市'],
      ['にしのおもて', '西之表市'],
      ['うれしの', '嬉野市'],
      ['ウレシノ', '嬉野市'],
      ['　垂水市です。', '垂水市'],
      ['薩摩川内市にします', '薩摩川内市'],
      ['鹿屋市に変更したい', '鹿屋市'],
    ];
    for (const [text, city] of cases) expect(cityChangeRequest(text), text).toEqual({ named: city });
  });

  it('takes a request to change the city, naming none', () => {
    for (const text of ['市を変更', '市を選び直したい', '住んでる市を変えたい', '市を変更したい', '住んでいる町を変えたい', '市の設定']) {
      expect(cityChangeRequest(text), text).toEqual({ named: null });
    }
  });

  it('leaves questions alone, even when they name a city or say 変更', () => {
    for (const text of ['住所変更はオンラインでできる？', '鹿屋市のDX推進計画の期間は', '垂水市と鹿屋市', '引っ越しの手続きで市を変更するには', '氏名変更／住所変更等の届出', 'かのやのRPAとは', '']) {
      expect(cityChangeRequest(text), text).toBeNull();
    }
  });

  const devSets = ['dev.jsonl', 'dev-resident.jsonl'].map((name) => path.join(sharedDir(), 'eval', name));
  it.skipIf(!devSets.every((file) => { try { readFileSync(file); return true; } catch { return false; } }))('takes none of the eval questions for a city change', () => {
    for (const file of devSets) {
      for (const line of readFileSync(file, 'utf8').split('\n').filter((l) => l.trim())) {
        const { q } = JSON.parse(line) as { q: string };
        expect(cityChangeRequest(q), q).toBeNull();
      }
    }
  });
});

describe('cityChoiceAnswer', () => {
  it('offers the named city first and says what is set now', () => {
    const answer = cityChoiceAnswer('かのや', { named: '鹿屋市' }, '垂水市');
    expect(answer).toMatchObject({ intent: 'city', answered: false, cityChoice: { suggested: '鹿屋市' }, card: null });
    expect(answer.message).toBe('鹿屋市に設定しますか？お住まいの市を選んでください（いまの設定：垂水市）。');
    expect(citiesToOffer('鹿屋市')).toEqual(['鹿屋市', '垂水市', '西之表市', '嬉野市', '薩摩川内市']);
    expect(citiesToOffer(null)).toEqual([...MUNICIPALITIES]);
  });
});

describe('cityMatters', () => {
  const hit = (kind: 'glossary' | 'national-procedure') => [{ id: 'x', kind, title: 'x', municipality: null, score: 1, coverage: 1 }];
  it('is true for a procedure answer to someone with no city, false otherwise', () => {
    expect(cityMatters({ answered: true, intent: 'procedure', municipality: null, hits: hit('national-procedure') })).toBe(true);
    expect(cityMatters({ answered: true, intent: 'procedure', municipality: '鹿屋市', hits: hit('national-procedure') })).toBe(false);
    expect(cityMatters({ answered: true, intent: 'definition', municipality: null, hits: hit('glossary') })).toBe(false);
    expect(cityMatters({ answered: false, intent: 'procedure', municipality: null, hits: [] })).toBe(false);
  });
});
