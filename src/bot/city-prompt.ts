/**
 * Who has been asked to choose a city since the process started. The welcome asks once; someone
 * who never chose is asked once more, under the first answer that depends on the city, and not
 * under every answer after it. Kept in memory (bounded): after a restart a person may be asked
 * once again, which is harmless, and nothing about them is written anywhere.
 */
const MAX_REMEMBERED = 50_000;

export class CityPrompt {
  readonly #asked = new Set<string>();

  /** True the first time for `userKey`, false after that. */
  shouldAsk(userKey: string): boolean {
    if (this.#asked.has(userKey)) return false;
    if (this.#asked.size >= MAX_REMEMBERED) this.#asked.delete(this.#asked.values().next().value!);
    this.#asked.add(userKey);
    return true;
  }
}

/** The record of who has been asked, for handlers used without an app of their own. */
export const cityPrompt = new CityPrompt();
