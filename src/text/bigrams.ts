/**
 * Character bigrams: the safety net under the word tokenizer. Compounds and katakana words that
 * kuromoji does not know still share bigrams with their parts (デバイド inside デジタルデバイド).
 */
import { normalizeForMatch } from './normalize.js';

/**
 * Where a run of text ends: white space, punctuation, and math/currency symbols plus the ASCII
 * modifier symbols ^ and `. Other symbols (So: emoji, ©) and the emoji skin-tone modifiers (Sk)
 * stay inside runs so a pictograph is never cut away from its modifier.
 */
const RUN_SEPARATORS = /[\s\p{P}\p{Sm}\p{Sc}^`]+/u;

/**
 * Bigrams of the normalised text, run by run, counted in code points so 𠮷 and emoji stay whole;
 * a one-character run is kept as a unigram so 市 or 区 alone still matches. Repeats are kept
 * because the index uses them as term frequency.
 */
export function charBigrams(text: string): string[] {
  const grams: string[] = [];
  for (const run of normalizeForMatch(text).split(RUN_SEPARATORS)) {
    if (run === '') continue;
    const chars = Array.from(run);
    if (chars.length === 1) {
      grams.push(run);
      continue;
    }
    for (let index = 0; index + 1 < chars.length; index += 1) {
      grams.push(`${chars[index] ?? ''}${chars[index + 1] ?? ''}`);
    }
  }
  return grams;
}
