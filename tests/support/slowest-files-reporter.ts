import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/** How many files the list shows. */
const SHOWN = 12;

/**
 * Prints, after the run, the test files that took longest (import plus tests and hooks), so that a
 * file that has grown slow shows in every CI log instead of only in the total. On in CI (CI set).
 */
export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows = testModules
      .map((module) => {
        const diagnostic = module.diagnostic();
        return { file: path.relative(process.cwd(), module.moduleId), ms: diagnostic.collectDuration + diagnostic.duration };
      })
      .sort((a, b) => b.ms - a.ms);
    if (rows.length === 0) return;
    const total = rows.reduce((sum, row) => sum + row.ms, 0);
    const lines = rows.slice(0, SHOWN).map((row) => `  ${(row.ms / 1000).toFixed(1).padStart(6)} s  ${((100 * row.ms) / total).toFixed(0).padStart(3)}%  ${row.file}`);
    console.log(`\nSlowest test files (import + tests; ${(total / 1000).toFixed(1)} s summed over ${rows.length} files, run in parallel):\n${lines.join('\n')}\n`);
  }
}
