import { municipalitySchema, type Municipality } from '../knowledge/schema.js';
import type { Store } from '../storage/store.js';

/**
 * The city remembered under a person's key, or null when none is: a stale or hand-edited value
 * that is no longer one of the five counts as none. Every reader (the text and postback handlers,
 * the simulator's staff panel) goes through here, so they can never disagree about a record.
 */
export async function storedMunicipality(store: Store, userKey: string): Promise<Municipality | null> {
  const parsed = municipalitySchema.safeParse(await store.getMunicipality(userKey));
  return parsed.success ? parsed.data : null;
}
