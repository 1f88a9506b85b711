import { charBigrams } from '../text/bigrams.js';
import { normalizeForMatch } from '../text/normalize.js';
import { loadTokenizer, MAX_TOKENIZE_CHARS, type JapaneseTokenizer } from '../text/tokenizer.js';
import type { TextAnalyzer } from './text-analyzer.js';

/** The production analyzer: kuromoji for words and readings, bigrams for the rest. */
export function japaneseAnalyzer(tokenizer: JapaneseTokenizer): TextAnalyzer {
  return {
    terms: (text) => inPieces(text).flatMap((piece) => tokenizer.contentTerms(piece)),
    keyTerms: (text) => inPieces(text).flatMap((piece) => tokenizer.keyTerms(piece)),
    readings: (text) => inPieces(text).flatMap((piece) => tokenizer.readingTerms(piece)),
    spoken: (text) => inPieces(text).map((piece) => tokenizer.spokenForm(piece)).join(''),
    places: (text) => inPieces(text).flatMap((piece) => tokenizer.places(piece)),
    bigrams: (text) => charBigrams(text),
    normalize: (text) => normalizeForMatch(text),
  };
}

/** Loads the shared kuromoji dictionary (once) and wraps it as an analyzer. */
export async function loadJapaneseAnalyzer(): Promise<TextAnalyzer> {
  return japaneseAnalyzer(await loadTokenizer());
}

/**
 * The tokenizer reads at most MAX_TOKENIZE_CHARS characters (a bound for hostile input); an
 * entry longer than that is indexed in pieces cut at sentence ends, so none of it is lost.
 */
export function inPieces(text: string): string[] {
  if (text.length <= MAX_TOKENIZE_CHARS) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of text.split(/(?<=[。\n])/)) {
    if (current.length + sentence.length > MAX_TOKENIZE_CHARS && current.length > 0) {
      pieces.push(current);
      current = '';
    }
    // A single sentence longer than the bound is cut hard; it is not prose anyone reads whole.
    for (let start = 0; start < sentence.length; start += MAX_TOKENIZE_CHARS) {
      const part = sentence.slice(start, start + MAX_TOKENIZE_CHARS);
      if (current.length + part.length > MAX_TOKENIZE_CHARS) {
        pieces.push(current);
        current = '';
      }
      current += part;
    }
  }
  if (current.length > 0) pieces.push(current);
  return pieces;
}
