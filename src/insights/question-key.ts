import { charBigrams } from '../text/bigrams.js';
import { normalizeForMatch, stripQuestionEnding } from '../text/normalize.js';

// Left after normalising, these only tell two wordings of one question apart.
const SPACING_AND_PUNCTUATION = /[\s\p{P}]+/gu;

/**
 * The form two wordings of one question share: the matching form (NFKC, lower case, kana folded
 * to katakana, 長音 variants) without the chatty ending, spaces or punctuation.
 * 「図書館の開館時間は？」 and 「図書館の 開館時間を教えて」 both become 図書館ノ開館時間.
 */
export function questionKey(text: string): string {
  const normalized = normalizeForMatch(text);
  const key = stripQuestionEnding(normalized).replace(SPACING_AND_PUNCTUATION, '');
  // A message of nothing but punctuation is still a message; keep it as itself.
  return key === '' ? normalized : key;
}

/** The set of character bigrams of a question key, for similarity. */
export function bigramSet(key: string): ReadonlySet<string> {
  return new Set(charBigrams(key));
}

/** Jaccard similarity of two sets: shared over all; 1 for two empty sets. */
export function jaccard(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  for (const item of small) if (large.has(item)) shared += 1;
  return shared / (left.size + right.size - shared);
}
