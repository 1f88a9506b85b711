/**
 * `npm run simulator [-- --memory]`: the bot with a local stand-in of LINE, for staff to try
 * without a LINE account or any secret. PORT (default 3000) and DATA_DIR are read as the server
 * reads them; conversations are remembered in <DATA_DIR>/simulator unless --memory is given.
 */
import { parseArgs } from 'node:util';
import { jsonLogger } from '../logging/logger.js';
import { simulatorDataDir, startSimulator, type RunningSimulator } from './start-simulator.js';

const { values } = parseArgs({ options: { memory: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
if (values.help) {
  console.log('usage: npm run simulator [-- --memory]   (PORT=3000, DATA_DIR=./data)');
  process.exit(0);
}

const rawPort = process.env.PORT?.trim() || '3000';
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`DX ナビ シミュレーター: PORT must be a whole number from 0 to 65535, got "${rawPort}"`);
  process.exit(1);
}

const logger = jsonLogger({ mode: 'simulator' });
let simulator: RunningSimulator;
try {
  simulator = await startSimulator({ port, memory: values.memory, logger });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  console.error(`DX ナビ シミュレーター: ポート ${port} は使用中です。PORT=${port + 1} npm run simulator のように別の番号を指定してください。`);
  process.exit(1);
}
// Plain lines, not JSON: this is what a member of staff reads to know where to click.
console.log('');
console.log(`DX ナビ シミュレーターを起動しました: ${simulator.url}`);
console.log(values.memory ? '会話の記録: メモリのみ（終了すると消えます）' : `会話の記録: ${simulatorDataDir()}（集計は npm run report -- --simulator）`);
console.log('終了するには Ctrl+C を押してください。');
console.log('');

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void simulator.close().then(() => process.exit(0));
  });
}
