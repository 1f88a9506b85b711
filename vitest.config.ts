import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The fault tests kill and restart real servers for minutes: `npm run test:faults` runs them.
    exclude: [...configDefaults.exclude, 'tests/faults/**'],
    // kuromoji's dictionary takes ~1 s to load; one load per test file is fine, per test is not.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
