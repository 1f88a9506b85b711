import type { SynonymGroup } from '../knowledge/schema.js';

/** Everyday word → the other words of its group, all in matching form. */
export class SynonymMap {
  private readonly groups = new Map<string, string[]>();
  /** Raw everyday word → the plans' word, longest first, for rewriting whole questions. */
  private readonly rewrites: Array<[string, string]>;

  constructor(groups: readonly SynonymGroup[], normalize: (text: string) => string) {
    this.rewrites = groups
      .flatMap((group) => group.words.map((word): [string, string] => [word.normalize('NFKC').toLowerCase(), group.canonical]))
      .sort((a, b) => b[0].length - a[0].length);
    for (const group of groups) {
      const words = [...new Set([group.canonical, ...group.words].map(normalize).filter(Boolean))];
      for (const word of words) {
        const known = this.groups.get(word) ?? [];
        this.groups.set(word, [...new Set([...known, ...words.filter((other) => other !== word)])]);
      }
    }
  }

  /** The words that stand for `term` (already normalised); empty when it has none. */
  synonymsOf(term: string): readonly string[] {
    return this.groups.get(term) ?? [];
  }

  /**
   * The question with everyday words replaced by the plans' words (住民税の申告 → 地方税の申告),
   * or null when it has none. Works on the text, because a word like 住民税 is cut into 住民 and
   * 税 by the tokenizer and no single term would match it.
   */
  rewrite(text: string): string | null {
    let rewritten = text.normalize('NFKC');
    const lower = rewritten.toLowerCase();
    let changed = false;
    for (const [word, canonical] of this.rewrites) {
      const at = lower.includes(word) ? rewritten.toLowerCase().indexOf(word) : -1;
      if (at < 0) continue;
      rewritten = rewritten.slice(0, at) + canonical + rewritten.slice(at + word.length);
      changed = true;
    }
    return changed ? rewritten : null;
  }
}
