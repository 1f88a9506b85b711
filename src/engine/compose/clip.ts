/** Shortens text for a phone screen at a sentence end when one is near, by code point. */
export function clip(text: string, maxChars: number): string {
  const chars = [...text.trim()];
  if (chars.length <= maxChars) return chars.join('');
  const head = chars.slice(0, maxChars).join('');
  const lastStop = Math.max(head.lastIndexOf('。'), head.lastIndexOf('\n'));
  return lastStop >= maxChars * 0.5 ? head.slice(0, lastStop + 1).trim() : `${head}…`;
}
