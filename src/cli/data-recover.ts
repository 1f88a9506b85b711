/**
 * `npm run data:recover -- [--data-dir DIR] [--start-empty]`: for when the server refuses to start
 * because dx-navi.json is damaged. Without options it recovers what the server would (the previous
 * copy, or the file's complete entries) and says what it did, or why it cannot. With --start-empty
 * an unrecoverable file is moved aside (never deleted), so the server starts without remembered
 * cities; claims, logs and feedback live in other files and are kept. Stop the server first.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../project-root.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { StoreFileUnreadableError } from '../storage/main-file-recovery.js';
import { STORE_FILE_NAME } from '../storage/open-store.js';
import { quarantineFile } from '../storage/quarantine-file.js';

const USAGE = 'usage: npm run data:recover -- [--data-dir DIR] [--start-empty]   (stop the server first)';

let values: { 'data-dir'?: string; 'start-empty'?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({ options: { 'data-dir': { type: 'string' }, 'start-empty': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const dataDir = path.resolve(values['data-dir'] ?? (process.env.DATA_DIR?.trim() || path.join(projectRoot(), 'data')));
const file = path.join(dataDir, STORE_FILE_NAME);
try {
  const store = await openLowdbStore(file, { warn: (message) => console.log(message) });
  await store.close();
  console.log(`${file} is readable: the server can start.`);
} catch (error) {
  if (!(error instanceof StoreFileUnreadableError)) throw error;
  if (!values['start-empty']) {
    console.error(error.message);
    process.exit(1);
  }
  const aside = await quarantineFile(file);
  console.log(`moved ${file} to ${aside}. The server now starts without remembered cities; claims, logs and feedback are kept.`);
}
