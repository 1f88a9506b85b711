/**
 * Names as they sound. Residents type a term the way they hear it (じどうてあて, しえいじゅうたく,
 * りさいしょうめいしょ, アクセシビリテイ); the plans write it in kanji or in another katakana spelling.
 * Every entry name is kept in its read-aloud form, loosened (small kana as large, no ー), and a
 * kana run of a message that sounds like a name is rewritten to that name, so the rest of the
 * search sees the word the plans use.
 */
import { toKatakana } from '../text/kana.js';

/** Shorter sounds match inside too many unrelated words (テアテ in あてて); the name must be this long. */
const MIN_LOOSE_LENGTH = 4;

const SMALL_TO_LARGE: Readonly<Record<string, string>> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ', ヵ: 'カ', ヶ: 'ケ',
};
const KANA_ONLY = /^[\u3041-\u3096\u30a1-\u30fa\u30fc・\s]+$/u;
const KANA_RUN = /[\u3041-\u3096\u30a1-\u30fa\u30fc]+/gu;

/** One name by its loose sound. */
interface SpokenName {
  loose: string;
  name: string;
}

export class SpokenNames {
  /** Names by the first two characters of their loose sound. */
  private readonly byLead = new Map<string, SpokenName[]>();

  /** Indexes names by how they sound; `spoken` reads a name aloud (katakana). */
  constructor(names: Iterable<string>, spoken: (name: string) => string) {
    const seen = new Set<string>();
    for (const name of new Set(names)) {
      // Letters or digits never sound like kana alone; kana already are their sound.
      if (/[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]/u.test(name)) continue;
      const sound = KANA_ONLY.test(name) ? toKatakana(name.normalize('NFKC')) : spoken(name);
      // A name with letters or digits (AIチャットボット) does not sound like its kana alone.
      if (!/^[\u30a1-\u30fa\u30fc・]+$/u.test(sound)) continue;
      const loose = loosen(sound);
      if (loose.length < MIN_LOOSE_LENGTH || seen.has(loose)) continue;
      seen.add(loose);
      const lead = loose.slice(0, 2);
      const list = this.byLead.get(lead);
      if (list) list.push({ loose, name });
      else this.byLead.set(lead, [{ loose, name }]);
    }
    for (const list of this.byLead.values()) list.sort((a, b) => b.loose.length - a.loose.length);
  }

  /** The text with each kana run that sounds like a name replaced by the name; null when none does. */
  rewrite(text: string): string | null {
    const source = text.normalize('NFKC');
    let result = '';
    let copiedUpTo = 0;
    for (const run of source.matchAll(KANA_RUN)) {
      const start = run.index ?? 0;
      const { loose, positions } = loosenWithPositions(run[0]);
      let at = 0;
      while (at + MIN_LOOSE_LENGTH <= loose.length) {
        const match = this.byLead.get(loose.slice(at, at + 2))?.find((candidate) => loose.startsWith(candidate.loose, at));
        if (!match) {
          at += 1;
          continue;
        }
        const from = start + (positions[at] ?? 0);
        const to = start + (positions[at + match.loose.length] ?? run[0].length);
        const written = source.slice(from, to);
        if (written !== match.name) {
          result += `${source.slice(copiedUpTo, from)}${match.name}`;
          copiedUpTo = to;
        }
        at += match.loose.length;
      }
    }
    return copiedUpTo === 0 ? null : result + source.slice(copiedUpTo);
  }
}

/** Katakana, small kana as large, without ー or ・: the sound, forgiving how it was spelt. */
function loosen(text: string): string {
  return loosenWithPositions(toKatakana(text.normalize('NFKC'))).loose;
}

/** The loose form of a kana run, and for each of its characters (and its end) the position in the run. */
function loosenWithPositions(run: string): { loose: string; positions: number[] } {
  let loose = '';
  const positions: number[] = [];
  const katakana = toKatakana(run);
  for (let index = 0; index < katakana.length; index += 1) {
    const char = katakana[index] ?? '';
    if (char === 'ー' || char === '・') continue;
    if (!/[\u30a1-\u30fa]/u.test(char)) continue;
    positions.push(index);
    loose += SMALL_TO_LARGE[char] ?? char;
  }
  positions.push(katakana.length);
  return { loose, positions };
}
