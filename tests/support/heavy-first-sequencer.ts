/**
 * Vitest orders test files by their last duration, kept in node_modules/.vite. A fresh clone (CI)
 * has none, and Vitest then runs the largest files first; the longest-running files are short
 * ones that drive Chromium or start processes, and started last they would run on alone at the
 * end while the other worker idles. Without a recorded duration, those go first.
 */
import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** What makes a file slow whatever its length: a browser, then child processes. */
function weightOf(file: string): number {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return 0;
  }
  if (/\b(launchChromium|chromium\.launch)\(/.test(text)) return 2;
  return /\b(spawn|spawnSync|execFile|runProgram|startProcess)\(/.test(text) ? 1 : 0;
}

export default class HeavyFirstSequencer extends BaseSequencer {
  /** Vitest's order when every file has a recorded duration; otherwise browsers, then processes, then the rest. */
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const cache = this.ctx.cache;
    const recorded = (spec: TestSpecification) => cache.getFileTestResults(`${spec.project.name}:${spec.moduleId.slice(this.ctx.config.root.length + 1)}`) !== undefined;
    if (sorted.every(recorded)) return sorted;
    const weights = new Map(sorted.map((spec) => [spec, weightOf(spec.moduleId)]));
    // Array#sort is stable: within a weight, Vitest's order stands.
    return [...sorted].sort((a, b) => (weights.get(b) ?? 0) - (weights.get(a) ?? 0));
  }
}
