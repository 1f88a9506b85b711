/**
 * Each persona's chat as the page shows it, kept in localStorage so a reload does not wipe a
 * member of staff's conversation (the bot's own memory is the server's store, not this).
 */

// Old entries are dropped past this, so the page stays fast after a long day of testing.
const MAX_ENTRIES = 300;
const STORAGE_PREFIX = 'dx-navi-simulator:history:';

/** Per-persona chat entries, persisted in the browser. */
export class ChatHistory {
  /** `storage` is localStorage in the page; anything with getItem/setItem/removeItem works. */
  constructor(storage = globalThis.localStorage) {
    this.storage = storage;
    this.cache = new Map();
  }

  /** The entries of one persona, oldest first. */
  entries(personaId) {
    if (!this.cache.has(personaId)) this.cache.set(personaId, this.load(personaId));
    return this.cache.get(personaId);
  }

  /** Appends an entry (stamped with the time if it has none) and returns it. */
  add(personaId, entry) {
    const stamped = { at: Date.now(), ...entry };
    const entries = this.entries(personaId);
    entries.push(stamped);
    if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
    this.save(personaId);
    return stamped;
  }

  /** Forgets one persona's chat. */
  clear(personaId) {
    this.cache.set(personaId, []);
    this.storage?.removeItem(STORAGE_PREFIX + personaId);
  }

  load(personaId) {
    try {
      const parsed = JSON.parse(this.storage?.getItem(STORAGE_PREFIX + personaId) ?? '[]');
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [];
    }
  }

  save(personaId) {
    try {
      this.storage?.setItem(STORAGE_PREFIX + personaId, JSON.stringify(this.entries(personaId)));
    } catch {
      // A full or disabled storage only costs the history after a reload; the chat goes on.
    }
  }
}
