import type { SynonymGroup } from '../knowledge/schema.js';

/** Everyday word → the other words of its group, all in matching form. */
export class SynonymMap {
  private readonly groups = new Map<string, string[]>();

  constructor(groups: readonly SynonymGroup[], normalize: (text: string) => string) {
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

  /** Every known word, for expanding a whole message by substring. */
  words(): IterableIterator<string> {
    return this.groups.keys();
  }
}
