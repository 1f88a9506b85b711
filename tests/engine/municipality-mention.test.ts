import { describe, expect, it } from 'vitest';
import { mentionedMunicipalities, withoutMunicipalityNames } from '../../src/engine/municipality-mention.js';

describe('mentionedMunicipalities', () => {
  it('finds cities written with or without 市, in kana, in order', () => {
    expect(mentionedMunicipalities('鹿屋市の目標')).toEqual(['鹿屋市']);
    expect(mentionedMunicipalities('かのやの計画')).toEqual(['鹿屋市']);
    expect(mentionedMunicipalities('嬉野と垂水を比べて')).toEqual(['嬉野市', '垂水市']);
    expect(mentionedMunicipalities('薩摩川内市の保育所')).toEqual(['薩摩川内市']);
    expect(mentionedMunicipalities('RPAとは')).toEqual([]);
  });

  it('removes the names so they do not become search terms', () => {
    expect(withoutMunicipalityNames('鹿屋市のデジタル郵便の目標').trim()).toBe('デジタル郵便の目標');
  });
});
