/**
 * LINE's length limits, counted the way LINE counts them: message texts in UTF-16 code units,
 * action labels and display texts in grapheme clusters. Cuts only ever fall between grapheme
 * clusters, so a surrogate pair, a ZWJ emoji family or a flag never arrives half-drawn.
 */

/** LINE's limit for one text message, in UTF-16 code units. */
export const MAX_TEXT_MESSAGE_UNITS = 5000;

const ELLIPSIS = '…';

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/** UTF-16 offsets at which a cut keeps every grapheme whole: 0, …, text.length. */
function graphemeBoundaries(text: string): number[] {
  const boundaries: number[] = [];
  for (const { index } of graphemes.segment(text)) boundaries.push(index);
  boundaries.push(text.length);
  return boundaries;
}

/** UTF-16 offsets between code points: the fallback when one grapheme alone exceeds a chunk. */
function codePointBoundaries(text: string, from: number, to: number): number[] {
  const boundaries: number[] = [];
  let offset = from;
  for (const char of text.slice(from, to)) {
    offset += char.length;
    boundaries.push(offset);
  }
  return boundaries;
}

function assertUnits(maxUnits: number, minimum: number): void {
  if (!Number.isInteger(maxUnits) || maxUnits < minimum) {
    throw new RangeError(`maxUnits must be an integer of at least ${minimum}, got ${maxUnits}`);
  }
}

/** The number of grapheme clusters (what a person sees as characters). */
export function graphemeCount(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count++;
  return count;
}

/**
 * Splits text into chunks of at most `maxUnits` UTF-16 code units. A cut prefers a line break (the
 * break itself is dropped), then a sentence end, in the second half of the chunk — earlier cuts
 * would spend LINE's five messages per reply on stubs — and otherwise falls between graphemes.
 * Empty text gives no chunks.
 */
export function splitText(text: string, maxUnits = MAX_TEXT_MESSAGE_UNITS): string[] {
  // Two units is the least that holds any code point; below it a surrogate pair would have to break.
  assertUnits(maxUnits, 2);
  if (text.length <= maxUnits) return text.length === 0 ? [] : [text];

  const boundaries = graphemeBoundaries(text);
  const boundarySet = new Set(boundaries);
  const chunks: string[] = [];
  let start = 0;
  let next = 1; // index into boundaries of the first candidate end after `start`
  while (start < text.length) {
    if (text.length - start <= maxUnits) {
      chunks.push(text.slice(start));
      break;
    }
    const limit = start + maxUnits;
    while (next < boundaries.length && (boundaries[next] ?? Infinity) <= limit) next++;
    // boundaries[next - 1] is the furthest grapheme boundary that fits (it may equal `start`).
    const furthest = boundaries[next - 1] ?? start;
    const { end, resume } = chooseCut(text, start, furthest, limit, maxUnits, boundarySet);
    chunks.push(text.slice(start, end));
    start = resume;
    while (next < boundaries.length && (boundaries[next] ?? Infinity) <= start) next++;
  }
  return chunks;
}

/** Where one chunk ends (`end`) and the next begins (`resume`, past a consumed line break). */
function chooseCut(
  text: string,
  start: number,
  furthest: number,
  limit: number,
  maxUnits: number,
  boundaries: ReadonlySet<number>,
): { end: number; resume: number } {
  const halfway = start + Math.ceil(maxUnits / 2);
  const head = text.slice(start, furthest);

  // A line break: break at it and drop it (with the "\r" of a "\r\n"). Unicode never joins
  // anything to a line feed, so both sides of it are grapheme boundaries.
  const newline = head.lastIndexOf('\n');
  if (newline >= 0 && start + newline >= halfway) {
    const at = start + newline;
    const end = text[at - 1] === '\r' ? at - 1 : at;
    if (end > start) return { end, resume: at + 1 };
  }

  const sentenceEnd = Math.max(head.lastIndexOf('。'), head.lastIndexOf('！'), head.lastIndexOf('？'));
  const afterStop = start + sentenceEnd + 1;
  // A combining mark could follow the stop and belong to it; then the stop is no boundary.
  if (sentenceEnd >= 0 && afterStop >= halfway && boundaries.has(afterStop)) return { end: afterStop, resume: afterStop };

  if (furthest > start) return { end: furthest, resume: furthest };

  // One grapheme (a very long ZWJ or combining sequence) is longer than a whole chunk: split it
  // between code points, which still never separates a surrogate pair.
  const points = codePointBoundaries(text, start, limit + 1).filter((offset) => offset <= limit);
  const end = points[points.length - 1] ?? start;
  return { end, resume: end };
}

/** Shortens text to at most `maxUnits` UTF-16 code units, ending in '…' when anything was cut. */
export function truncateUnits(text: string, maxUnits: number): string {
  assertUnits(maxUnits, 1);
  if (text.length <= maxUnits) return text;
  const budget = maxUnits - ELLIPSIS.length;
  let end = 0;
  for (const boundary of graphemeBoundaries(text)) {
    if (boundary > budget) break;
    end = boundary;
  }
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/** Shortens text to at most `maxGraphemes` grapheme clusters (LINE's unit for labels), adding '…'. */
export function truncateGraphemes(text: string, maxGraphemes: number): string {
  assertUnits(maxGraphemes, 1);
  // No more code units than the limit means no more graphemes: most labels, and segmenting is costly.
  if (text.length <= maxGraphemes) return text;
  const segments = Array.from(graphemes.segment(text), (segment) => segment.segment);
  if (segments.length <= maxGraphemes) return text;
  return `${segments.slice(0, maxGraphemes - 1).join('').trimEnd()}${ELLIPSIS}`;
}
