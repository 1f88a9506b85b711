/**
 * `npm start`: the production server. Configuration comes from the environment; a missing
 * secret stops the start with a message naming the variable.
 */
import { ConfigError, loadConfig, type Config } from '../config.js';
import { jsonLogger } from '../logging/logger.js';
import { startServer } from './start-server.js';

const logger = jsonLogger();
let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`DX ナビ cannot start: ${error.message}`);
  process.exit(1);
}
const { stop } = await startServer(config, logger);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info('stopping', { signal });
    void stop().then(() => process.exit(0));
  });
}
