/** Parses JSON Lines, skipping blank lines and naming `file:line` for a line that is not JSON. */
export function parseJsonLines(text: string, file: string): Array<{ value: unknown; line: number }> {
  return text
    .split('\n')
    .map((raw, index) => ({ raw: raw.trim(), line: index + 1 }))
    .filter(({ raw }) => raw.length > 0)
    .map(({ raw, line }) => {
      try {
        return { value: JSON.parse(raw) as unknown, line };
      } catch {
        throw new Error(`${file}:${line}: not valid JSON`);
      }
    });
}
