import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import HeavyFirstSequencer from './tests/support/heavy-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The fault tests kill and restart real servers for minutes: `npm run test:faults` runs them.
    exclude: [...configDefaults.exclude, 'tests/faults/**'],
    // The dictionary and knowledge caches are built once, before the files run in parallel.
    globalSetup: ['tests/support/global-setup.ts'],
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine. Many
    // files wait on child processes, sockets and the disk as much as on the CPU, so one more
    // worker than cores keeps both cores busy. Every file uses its own temp dirs and ports.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS) || availableParallelism() + 1,
    // A worker runs its files one after another in one module graph: the dictionary, the test
    // engine (tests/server/webhook-harness.ts) and the imports are loaded once per worker instead of
    // once per file. Safe because no test mocks modules or changes module state it does not restore.
    isolate: false,
    // Browser and process tests first when there is no record of how long each file took (CI).
    sequence: { sequencer: HeavyFirstSequencer },
    // In CI, the slowest files are listed after the run so that a regression shows.
    reporters: process.env.CI ? ['default', './tests/support/slowest-files-reporter.ts'] : ['default'],
    // kuromoji's dictionary takes ~1 s to load; one load per test file is fine, per test is not.
    testTimeout: 20_000,
    // Set-ups start servers and browsers: seconds alone, several times that on a shared machine.
    hookTimeout: 60_000,
  },
});
