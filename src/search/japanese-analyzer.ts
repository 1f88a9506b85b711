import { charBigrams } from '../text/bigrams.js';
import { normalizeForMatch } from '../text/normalize.js';
import { loadTokenizer, type JapaneseTokenizer } from '../text/tokenizer.js';
import type { TextAnalyzer } from './text-analyzer.js';

/** The production analyzer: kuromoji for words and readings, bigrams for the rest. */
export function japaneseAnalyzer(tokenizer: JapaneseTokenizer): TextAnalyzer {
  return {
    terms: (text) => tokenizer.contentTerms(text),
    readings: (text) => tokenizer.readingTerms(text),
    bigrams: (text) => charBigrams(text),
    normalize: (text) => normalizeForMatch(text),
  };
}

/** Loads the shared kuromoji dictionary (once) and wraps it as an analyzer. */
export async function loadJapaneseAnalyzer(): Promise<TextAnalyzer> {
  return japaneseAnalyzer(await loadTokenizer());
}
