import { parse } from 'yaml';

/**
 * YAML parsed before, by its exact text. Parsing is most of a knowledge load (~0.3 s for the
 * shipped 0.75 MB), and a load after an edit finds every file but one as it was. Each load keeps
 * only what it and the load before it used, so the memo never holds more than about two copies of
 * the knowledge, and a caller gets its own copy of the data to keep.
 */
export class ParsedYamlMemo {
  readonly #entries = new Map<string, { data: unknown; load: number }>();
  #load = 0;

  /** Starts a load: entries no load since the previous one used are let go. */
  beginLoad(): void {
    this.#load += 1;
    for (const [text, entry] of this.#entries) if (entry.load < this.#load - 1) this.#entries.delete(text);
  }

  /** The parsed data of `text` (a fresh copy); throws as `yaml`'s parse does for invalid YAML. */
  parse(text: string): unknown {
    const known = this.#entries.get(text);
    if (known) {
      known.load = this.#load;
      return structuredClone(known.data);
    }
    const data: unknown = parse(text, { uniqueKeys: true });
    this.#entries.set(text, { data: structuredClone(data), load: this.#load });
    return data;
  }
}
