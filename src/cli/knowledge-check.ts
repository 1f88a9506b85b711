/**
 * `npm run knowledge:check [-- --dir DIR]`: validates knowledge/ and prints counts per kind and
 * municipality, or every problem with file, entry id and field. Exit code 1 when invalid.
 */
import './quiet-broken-pipe.js';
import { parseArgs } from 'node:util';
import { countKnowledge } from '../knowledge/counts.js';
import { ENTRY_KINDS } from '../knowledge/knowledge-base.js';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from '../knowledge/load.js';
import { formatProblem } from '../knowledge/problem.js';
import { MUNICIPALITIES } from '../knowledge/schema.js';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const dir = values.dir ?? DEFAULT_KNOWLEDGE_DIR;
const result = await loadKnowledge(dir);

if (!result.ok) {
  console.error(`knowledge check failed: ${result.problems.length} problem(s) in ${dir}`);
  for (const problem of result.problems) console.error(`  ${formatProblem(problem)}`);
  process.exit(1);
}

const counts = countKnowledge(result.knowledge);
const columns = ['all', ...MUNICIPALITIES, 'national'] as const;
const header = ['kind', ...columns];
const rows = ENTRY_KINDS.map((kind) => [kind, ...columns.map((column) => String(counts[kind][column]))]);
const widths = header.map((cell, index) => Math.max(width(cell), ...rows.map((row) => width(row[index] ?? ''))));
const line = (cells: string[]) => cells.map((cell, index) => pad(cell, widths[index] ?? 0, index > 0)).join('  ');

console.log(`knowledge OK: ${result.files} files in ${dir}`);
console.log(line(header));
for (const row of rows) console.log(line(row));

// East Asian characters take two columns in a terminal.
function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += /[\u3000-\u9fff\uff00-\uffef]/.test(char) ? 2 : 1;
  return columns;
}
function pad(text: string, size: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return right ? fill + text : text + fill;
}
