import type { Municipality } from '../knowledge/schema.js';

// Residents write the city with or without 市, in kana, or by a common short form.
const MENTIONS: ReadonlyArray<[Municipality, RegExp]> = [
  ['垂水市', /垂水|たるみず|タルミズ/],
  ['西之表市', /西之表|西の表|にしのおもて|ニシノオモテ/],
  ['鹿屋市', /鹿屋|かのや|カノヤ/],
  ['嬉野市', /嬉野|うれしの|ウレシノ/],
  ['薩摩川内市', /薩摩川内|さつませんだい|サツマセンダイ|川内市/],
];

/** The municipalities a message names, in the order they first appear. */
export function mentionedMunicipalities(text: string): Municipality[] {
  const folded = text.normalize('NFKC');
  return MENTIONS.map(([municipality, pattern]) => ({ municipality, at: folded.search(pattern) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ municipality }) => municipality);
}

/** Removes municipality names so that they do not count as search terms. */
export function withoutMunicipalityNames(text: string): string {
  let result = text.normalize('NFKC');
  for (const [, pattern] of MENTIONS) result = result.replace(new RegExp(`(${pattern.source})市?(の|で|は|に|が)?`, 'g'), ' ');
  return result;
}
