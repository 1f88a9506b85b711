import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: crash, redelivery and hostile-input tests against real server processes.
 * Kept out of `npm test` because they spawn servers, kill them and push hundreds of megabytes.
 */
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    // One file at a time: each starts its own servers, and a memory bound measured while another
    // file's server loads its dictionary on the same cores would measure the wrong thing.
    fileParallelism: false,
    reporters: process.env.CI ? ['default', './tests/support/slowest-files-reporter.ts'] : ['default'],
    // Generous: these bounds only catch hangs; a cold start (dictionary, index) takes seconds.
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
