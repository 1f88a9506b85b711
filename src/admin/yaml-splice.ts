/**
 * Small insertions into YAML source text that leave every other byte as it was: comments, quoting
 * and the spacing staff chose all survive, so a commit shows only the added line. Each function
 * throws when the source is laid out in a way it does not handle; the caller then falls back to
 * re-serialising the edited document.
 */
import { parse, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { isDeepStrictEqual } from 'node:util';

/** Where a scalar is written, which decides what plain text may contain. */
export type ScalarContext = 'flow' | 'block-item' | 'map-value';

const TRIAL: Record<ScalarContext, (text: string) => string> = {
  flow: (text) => `[${text}]`,
  'block-item': (text) => `- ${text}`,
  'map-value': (text) => `k: ${text}`,
};
const EXPECTED: Record<ScalarContext, (value: string) => unknown> = {
  flow: (value) => [value],
  'block-item': (value) => [value],
  'map-value': (value) => ({ k: value }),
};

/**
 * A string as YAML: plain when it reads back as the same string in that context (most words,
 * like the existing data), else double-quoted (JSON's quoting is valid YAML).
 */
export function renderScalar(value: string, context: ScalarContext): string {
  if (value === value.trim() && !/[\r\n\t]/.test(value)) {
    try {
      if (isDeepStrictEqual(parse(TRIAL[context](value)), EXPECTED[context](value))) return value;
    } catch {
      // Not valid as plain text here: quote it.
    }
  }
  return JSON.stringify(value);
}

function newlineOf(source: string): string {
  return source.includes('\r\n') ? '\r\n' : '\n';
}

function rangeOf(node: { range?: [number, number, number] | null }): [number, number, number] {
  if (!node.range) throw new Error('node has no source range');
  return node.range;
}

/** The source with `value` added as the last item of `seq` (flow `[a, b]` or block `- a`). */
export function appendToSequence(source: string, seq: YAMLSeq, value: string): string {
  const [start, end] = rangeOf(seq);
  const last = seq.items.at(-1) as { range?: [number, number, number] | null } | undefined;
  if (seq.flow) {
    if (source[start] !== '[' || source[end - 1] !== ']') throw new Error('flow sequence without brackets');
    const item = renderScalar(value, 'flow');
    if (!last) return source.slice(0, end - 1) + item + source.slice(end - 1);
    const after = rangeOf(last)[1];
    return source.slice(0, after) + `, ${item}` + source.slice(after);
  }
  if (!last) throw new Error('empty block sequence');
  const [itemStart, itemEnd] = rangeOf(last);
  const lineStart = source.lastIndexOf('\n', itemStart - 1) + 1;
  const prefix = source.slice(lineStart, itemStart);
  if (!/^[ ]*-[ ]+$/.test(prefix)) throw new Error('block item not on its own "- " line');
  const newline = newlineOf(source);
  const lineEnd = source.indexOf('\n', itemEnd);
  const line = `${prefix}${renderScalar(value, 'block-item')}`;
  if (lineEnd < 0) return `${source}${newline}${line}${newline}`;
  return source.slice(0, lineEnd + 1) + line + newline + source.slice(lineEnd + 1);
}

/** The source with `key: [values]` added to a block mapping, on its own line before the pair `before`. */
export function insertFlowSequencePair(source: string, map: YAMLMap, key: string, values: readonly string[], before: Pair | undefined): string {
  if (map.flow) throw new Error('flow mapping');
  const newline = newlineOf(source);
  const line = `${key}: [${values.map((value) => renderScalar(value, 'flow')).join(', ')}]`;
  if (!before) {
    const text = source.endsWith('\n') || source === '' ? source : source + newline;
    return `${text}${line}${newline}`;
  }
  const keyStart = rangeOf(before.key as { range?: [number, number, number] | null })[0];
  const lineStart = source.lastIndexOf('\n', keyStart - 1) + 1;
  const indent = source.slice(lineStart, keyStart);
  if (!/^[ ]*$/.test(indent)) throw new Error('key not at the start of its line');
  return source.slice(0, lineStart) + indent + line + newline + source.slice(lineStart);
}

/** The source with a block-sequence item of `key: value` lines (the last value a flow list) added at the end. */
export function appendMappingItem(source: string, fields: ReadonlyArray<[string, string | readonly string[]]>): string {
  const newline = newlineOf(source);
  const lines = fields.map(([key, value], index) => {
    const rendered = typeof value === 'string' ? renderScalar(value, 'map-value') : `[${value.map((item) => renderScalar(item, 'flow')).join(', ')}]`;
    return `${index === 0 ? '- ' : '  '}${key}: ${rendered}`;
  });
  const text = source.endsWith('\n') || source === '' ? source : source + newline;
  return text + lines.join(newline) + newline;
}
