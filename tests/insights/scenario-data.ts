/** The scenario's week as the real app stores it: the webhook events sent through the app into a lowdb data directory. */
import { openStore } from '../../src/storage/open-store.js';
import { startHarness } from '../server/webhook-harness.js';
import { scenarioBodies } from './scenario.js';
import { sendAll } from './webhook-events.js';

/** Sends the scenario's events through the app with its lowdb store in `dataDir`, then closes both. */
export async function writeScenarioData(dataDir: string): Promise<void> {
  const store = await openStore({ kind: 'lowdb', dir: dataDir });
  const h = await startHarness({ store });
  await sendAll(h, scenarioBodies());
  await h.close();
  await store.close();
}
