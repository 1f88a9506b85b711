import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage/memory-store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('memory store', async (options) => createMemoryStore(options));

describe('createMemoryStore', () => {
  it('gives each call its own data', async () => {
    const first = createMemoryStore();
    const second = createMemoryStore();
    await first.setMunicipality('alice', '鹿屋市');
    expect(await second.getMunicipality('alice')).toBeNull();
    expect(await second.claimEvent('01HSHARED')).toBe(true);
    expect(await first.claimEvent('01HSHARED')).toBe(true);
  });
});
