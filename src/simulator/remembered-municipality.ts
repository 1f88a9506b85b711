import { originOf } from '../bot/event-source.js';
import { storedMunicipality } from '../bot/stored-municipality.js';
import type { Municipality } from '../knowledge/schema.js';
import type { Store } from '../storage/store.js';

/**
 * The city the bot remembers for a simulated person, read under the very key the bot's
 * handlers use (originOf), so the staff panel can never look at a different record.
 */
export async function rememberedMunicipality(store: Store, userHashSalt: string, userId: string): Promise<Municipality | null> {
  const { key } = originOf({ type: 'user', userId }, userHashSalt);
  return storedMunicipality(store, key);
}
