/**
 * `npm start`: the production server. Configuration comes from the environment; a missing
 * secret stops the start with a message naming the variable.
 */
import { ConfigError, loadConfig, type Config } from '../config.js';
import { jsonLogger } from '../logging/logger.js';

const logger = jsonLogger();
let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`DX ナビ cannot start: fix ${error.problems.length === 1 ? 'this setting' : `these ${error.problems.length} settings`} (see .env.example):`);
  for (const problem of error.problems) console.error(`  ${problem.variable}: ${problem.message}`);
  process.exit(1);
}
// Imported only after the configuration is known to be good: a missing secret is reported at
// once, before the dictionary and the knowledge base are loaded.
const { startServer } = await import('./start-server.js');
const { stop, engine } = await startServer(config, logger, { knowledgeWatch: config.knowledgeWatch }).catch((error: unknown) => {
  // An unreachable database, a store migrated by a newer release, invalid knowledge: said in one
  // log line, and a non-zero exit so that the service manager retries or alerts.
  logger.error('cannot start', { store: config.databaseUrl ? 'postgres' : 'lowdb', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  process.exit(1);
});
// `kill -HUP <pid>` after editing knowledge/: the new index replaces the old only if it is valid.
process.on('SIGHUP', () => {
  void engine.reload().then((result) =>
    result.ok ? logger.info('knowledge reloaded', { builtMs: result.builtMs, indexRebuilt: result.indexRebuilt }) : logger.error('knowledge reload rejected', { problems: result.problems }),
  );
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info('stopping', { signal });
    void stop().then(() => process.exit(0));
  });
}
