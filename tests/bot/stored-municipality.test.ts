import { describe, expect, it } from 'vitest';
import { storedMunicipality } from '../../src/bot/stored-municipality.js';
import { createMemoryStore } from '../../src/storage/memory-store.js';

describe('storedMunicipality', () => {
  it('returns the city stored under the key', async () => {
    const store = createMemoryStore();
    await store.setMunicipality('user:a', '鹿屋市');
    expect(await storedMunicipality(store, 'user:a')).toBe('鹿屋市');
  });

  it('returns null when nothing is stored', async () => {
    expect(await storedMunicipality(createMemoryStore(), 'user:nobody')).toBeNull();
  });

  it('treats a value that is no longer one of the five cities as none', async () => {
    const store = createMemoryStore();
    // A record written by hand, or by an older version with another spelling.
    await store.setMunicipality('user:b', '鹿屋');
    expect(await storedMunicipality(store, 'user:b')).toBeNull();
  });
});
