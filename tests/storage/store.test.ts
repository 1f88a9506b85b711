import { describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_TTL_MS } from '../../src/storage/store.js';

// The Store behaviour itself is checked by store-contract.ts, run from each implementation's test.
describe('store', () => {
  it('keeps claimed event ids for seven days by default', () => {
    expect(DEFAULT_EVENT_TTL_MS).toBe(7 * 24 * 60 * 60 * 1000);
  });
});
