/** Marks a complete line that is not JSON. */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/** The complete lines of a JSON Lines text, each parsed. */
export interface JsonLines {
  /** Each non-empty complete line's value, or NOT_JSON. */
  values: unknown[];
  /**
   * The text ends in part of a line: an append cut short by a crash. Never read as a record, since
   * a cut `["id",1733` would still parse, as a wrong value; never acknowledged either, since an
   * append resolves only once its line is on disk whole.
   */
  torn: boolean;
}

/** Splits JSON Lines text into parsed lines; a damaged line is NOT_JSON, never a failure of the whole. */
export function parseJsonLines(text: string): JsonLines {
  const lines = text.split('\n');
  const torn = (lines.pop() ?? '') !== '';
  const values: unknown[] = [];
  for (const line of lines) {
    if (line === '') continue;
    try {
      values.push(JSON.parse(line));
    } catch {
      values.push(NOT_JSON);
    }
  }
  return { values, torn };
}
