/**
 * `npm run faq -- export FILE` writes every FAQ to FILE (.xlsx or .csv, UTF-8 with BOM);
 * `npm run faq -- import FILE [--dry-run] [--delete-missing] [--by NAME]` reads it back, all or
 * nothing: any problem and nothing is written, every problem listed as `行 N › 列名: message`.
 * Works on KNOWLEDGE_DIR (default knowledge/); a running server picks the change up on reload.
 */
import './quiet-broken-pipe.js';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FileChangeLog } from '../changes/file-change-log.js';
import { faqChanges } from '../faq/faq-changes.js';
import { formatOfName, importSheet, importSummary, writeSheet } from '../faq/faq-transfer.js';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from '../knowledge/load.js';
import { formatProblem } from '../knowledge/problem.js';
import { projectRoot } from '../project-root.js';

const USAGE = 'usage: npm run faq -- export FILE.xlsx|FILE.csv\n       npm run faq -- import FILE.xlsx|FILE.csv [--dry-run] [--delete-missing] [--by NAME]';

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

let parsed: { values: { 'dry-run'?: boolean; 'delete-missing'?: boolean; by?: string }; positionals: string[] };
try {
  parsed = parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, 'delete-missing': { type: 'boolean' }, by: { type: 'string' } } });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
const [command, file] = parsed.positionals;
if ((command !== 'export' && command !== 'import') || file === undefined || parsed.positionals.length !== 2) fail(USAGE, 2);
const format = formatOfName(file);
if (!format) fail(`${file}: the file must end in .xlsx or .csv\n${USAGE}`, 2);
const knowledgeDir = DEFAULT_KNOWLEDGE_DIR;

if (command === 'export') {
  const loaded = await loadKnowledge(knowledgeDir);
  if (!loaded.ok) fail(`knowledge in ${knowledgeDir} is invalid; run npm run knowledge:check\n${loaded.problems.map(formatProblem).join('\n')}`, 1);
  await writeFile(file, await writeSheet(loaded.knowledge.faq, format));
  console.log(`${loaded.knowledge.faq.length} 件の FAQ を ${file} に書き出しました（${knowledgeDir}）`);
} else {
  const dryRun = parsed.values['dry-run'] ?? false;
  const bytes = await readFile(file).catch((error: Error) => fail(`${file}: ${error.message}`, 1));
  const started = performance.now();
  const outcome = await importSheet({ knowledgeDir, bytes, format, dryRun, deleteMissing: parsed.values['delete-missing'] ?? false });
  if (!outcome.ok) fail(`取り込みませんでした（何も書き込んでいません）。${outcome.problems.length} 件の問題:\n${outcome.problems.map((line) => `  ${line}`).join('\n')}`, 1);
  for (const line of importSummary(outcome, dryRun)) console.log(line);
  if (outcome.save.status === 'saved') {
    const dataDir = path.resolve(process.env.DATA_DIR?.trim() || path.join(projectRoot(), 'data'));
    const by = parsed.values.by?.trim() || `cli:${os.userInfo().username}`;
    await new FileChangeLog(dataDir).append(faqChanges(outcome.plan, { by, via: 'cli', at: new Date(), note: `import ${path.basename(file)}` }));
    console.log(`（${knowledgeDir} に書き込みました。動いているサーバーには /admin の再読み込みか kill -HUP で反映されます）`);
  }
  if (process.env.FAQ_IMPORT_TIMING) console.error(`import took ${Math.round(performance.now() - started)} ms`);
}
