import { originOf } from '../bot/event-source.js';
import { municipalitySchema, type Municipality } from '../knowledge/schema.js';
import type { Store } from '../storage/store.js';

/**
 * The city the bot remembers for a simulated person, read under the very key the bot's
 * handlers use (originOf), so the staff panel can never look at a different record.
 */
export async function rememberedMunicipality(store: Store, userHashSalt: string, userId: string): Promise<Municipality | null> {
  const { key } = originOf({ type: 'user', userId }, userHashSalt);
  // Parsed as the text handler parses it: a stale or edited value counts as none.
  const parsed = municipalitySchema.safeParse(await store.getMunicipality(key));
  return parsed.success ? parsed.data : null;
}
