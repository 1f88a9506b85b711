import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // kuromoji's dictionary takes ~1 s to load; one load per test file is fine, per test is not.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
