import { createHmac } from 'node:crypto';

/** The key a LINE user, group or room id is stored under: HMAC-SHA256(salt, id) in hex, so raw ids never reach storage. */
export function userKeyFor(lineSourceId: string, salt: string): string {
  // An empty salt would make the key a plain hash that anyone holding a LINE id can recompute.
  if (salt.length === 0) throw new Error('userKeyFor: the salt is empty; set it in the configuration');
  return createHmac('sha256', salt).update(lineSourceId, 'utf8').digest('hex');
}
