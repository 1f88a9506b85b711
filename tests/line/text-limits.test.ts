import { describe, expect, it } from 'vitest';
import { graphemeCount, MAX_TEXT_MESSAGE_UNITS, splitText, truncateGraphemes, truncateUnits } from '../../src/line/text-limits.js';

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const FAMILY = '👨‍👩‍👧‍👦'; // 11 UTF-16 units, one grapheme
const segmenter = new Intl.Segmenter('ja', { granularity: 'grapheme' });
const graphemeStarts = (text: string) => new Set([...[...segmenter.segment(text)].map((s) => s.index), text.length]);

/** A small deterministic PRNG, so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PIECES = ['あ', '漢', 'a', ' ', '。', '\n', '\r\n', '😀', '𠮷', FAMILY, '🇯🇵', 'か゚', '👋🏻', 'DX', 'オンライン申請'];

/**
 * Where each chunk starts in the original, proving the chunks are the original in order with at
 * most one line break (LF or CRLF) dropped at each cut; null if they are not. Searches every
 * reading, since "\n\n" may be a dropped break followed by a chunk or a chunk on its own.
 */
function chunkOffsets(original: string, chunks: readonly string[], index = 0, position = 0): number[] | null {
  if (index === chunks.length) return position === original.length ? [] : null;
  const chunk = chunks[index] ?? '';
  const skips = index === 0 ? [0] : [0, ...(original.startsWith('\n', position) ? [1] : []), ...(original.startsWith('\r\n', position) ? [2] : [])];
  for (const skip of skips) {
    const start = position + skip;
    if (!original.startsWith(chunk, start)) continue;
    const rest = chunkOffsets(original, chunks, index + 1, start + chunk.length);
    if (rest) return [start, ...rest];
  }
  return null;
}

describe('splitText', () => {
  it('keeps a text within the limit whole, and gives nothing for empty text', () => {
    expect(splitText('RPAとは')).toEqual(['RPAとは']);
    expect(splitText('あ'.repeat(MAX_TEXT_MESSAGE_UNITS))).toHaveLength(1);
    expect(splitText('')).toEqual([]);
  });

  it('counts UTF-16 code units: 2,500 emoji are exactly 5,000 units, one more needs a second chunk', () => {
    expect(splitText('😀'.repeat(2500))).toHaveLength(1);
    const chunks = splitText('😀'.repeat(2501));
    expect(chunks.map((chunk) => chunk.length)).toEqual([5000, 2]);
  });

  it('prefers a line break in the second half of the chunk, and drops it', () => {
    const first = 'あ'.repeat(30);
    const second = 'い'.repeat(30);
    expect(splitText(`${first}\n${second}`, 40)).toEqual([first, second]);
    expect(splitText(`${first}\r\n${second}`, 40)).toEqual([first, second]);
  });

  it('falls back to a sentence end, then to any grapheme boundary', () => {
    expect(splitText(`${'あ'.repeat(25)}。${'い'.repeat(25)}`, 40)).toEqual([`${'あ'.repeat(25)}。`, 'い'.repeat(25)]);
    expect(splitText('あ'.repeat(50), 40)).toEqual(['あ'.repeat(40), 'あ'.repeat(10)]);
  });

  it('ignores a line break so early that the chunk would be a stub', () => {
    const chunks = splitText(`はい\n${'あ'.repeat(60)}`, 40);
    expect(chunks[0]).toHaveLength(40);
  });

  it('moves an emoji that straddles the limit whole into the next chunk', () => {
    const chunks = splitText(`${'あ'.repeat(4999)}😀${'い'.repeat(10)}`);
    expect(chunks).toEqual(['あ'.repeat(4999), `😀${'い'.repeat(10)}`]);
    const family = splitText(`${'あ'.repeat(4995)}${FAMILY}い`);
    expect(family).toEqual(['あ'.repeat(4995), `${FAMILY}い`]);
  });

  it('splits a single grapheme longer than a chunk between code points, never inside a pair', () => {
    const chunks = splitText(FAMILY, 4);
    expect(chunks.join('')).toBe(FAMILY);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(4);
      expect(chunk).not.toMatch(LONE_SURROGATE);
    }
  });

  it('refuses a limit that cannot hold a surrogate pair', () => {
    expect(() => splitText('😀😀', 1)).toThrow(RangeError);
    expect(() => splitText('abc', 2.5)).toThrow(RangeError);
  });

  it('never breaks a surrogate pair, and keeps graphemes whole, over many texts and limits', () => {
    const next = random(20260615);
    const failures: string[] = [];
    let cases = 0;
    for (let round = 0; round < 300; round++) {
      const pieces = Array.from({ length: 5 + Math.floor(next() * 120) }, () => PIECES[Math.floor(next() * PIECES.length)] ?? 'あ');
      const text = pieces.join('');
      const starts = graphemeStarts(text);
      for (const maxUnits of [2, 3, 4, 5, 7, 11, 12, 16, 33, 64, 100]) {
        cases++;
        const chunks = splitText(text, maxUnits);
        const offsets = chunkOffsets(text, chunks);
        const fail = (why: string) => failures.push(`${why}: ${JSON.stringify({ text, maxUnits, chunks })}`);
        if (!offsets) fail('chunks are not the text with only line breaks dropped');
        chunks.forEach((chunk, index) => {
          if (chunk.length === 0 || chunk.length > maxUnits) fail(`chunk ${index} has ${chunk.length} units`);
          if (LONE_SURROGATE.test(chunk)) fail(`chunk ${index} holds half a surrogate pair`);
          // With room for the longest grapheme (the 11-unit family), no cut falls inside one.
          const start = offsets?.[index] ?? 0;
          if (maxUnits >= FAMILY.length && !(starts.has(start) && starts.has(start + chunk.length))) fail(`chunk ${index} cuts a grapheme`);
        });
      }
    }
    expect(failures.slice(0, 3)).toEqual([]);
    expect(cases).toBe(3300);
  });

  it('cuts every position of a surrogate pair around the limit correctly', () => {
    for (let padding = 0; padding < 12; padding++) {
      const text = `${'a'.repeat(padding)}${'😀𠮷'.repeat(6)}`;
      for (const chunk of splitText(text, 9)) {
        expect(chunk).not.toMatch(LONE_SURROGATE);
        expect(chunk.length).toBeLessThanOrEqual(9);
      }
    }
  });
});

describe('truncateUnits', () => {
  it('leaves short text alone', () => {
    expect(truncateUnits('RPAとは', 10)).toBe('RPAとは');
  });

  it('cuts to the limit including the ellipsis, between graphemes', () => {
    expect(truncateUnits('あいうえおかきくけこ', 5)).toBe('あいうえ…');
    expect(truncateUnits(`ab${FAMILY}cd`, 8)).toBe('ab…');
    expect(truncateUnits('ab😀cd', 4)).toBe('ab…');
    expect(truncateUnits('ab😀cd', 5)).toBe('ab😀…');
  });

  it('never leaves half a surrogate pair at any limit', () => {
    const text = `𠮷野家で😀${FAMILY}🇯🇵を食べました。`;
    for (let maxUnits = 1; maxUnits <= text.length + 1; maxUnits++) {
      const cut = truncateUnits(text, maxUnits);
      expect(cut.length).toBeLessThanOrEqual(maxUnits);
      expect(cut).not.toMatch(LONE_SURROGATE);
    }
  });

  it('does not leave a space before the ellipsis', () => {
    expect(truncateUnits('DX ナビ です', 4)).toBe('DX…');
  });
});

describe('truncateGraphemes and graphemeCount', () => {
  it('counts what a person sees as one character as one', () => {
    expect(graphemeCount(`${FAMILY}🇯🇵か゚𠮷`)).toBe(4);
  });

  it('shortens labels by graphemes, keeping emoji whole', () => {
    expect(truncateGraphemes('児童手当の現況届はオンラインでできる？', 20)).toBe('児童手当の現況届はオンラインでできる？');
    expect(truncateGraphemes('オンラインでできる介護の手続きを全部教えてください', 20)).toBe('オンラインでできる介護の手続きを全部教…');
    expect(truncateGraphemes(`${FAMILY.repeat(25)}`, 20)).toBe(`${FAMILY.repeat(19)}…`);
  });
});
