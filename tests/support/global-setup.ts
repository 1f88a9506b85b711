/**
 * Vitest global setup: the start-up caches are built while the throwaway PostgreSQL cluster
 * starts. Each takes seconds, mostly on one core; one after the other they kept a core idle.
 */
import startPostgres from './postgres-global-setup.js';
import warmCaches from './warm-caches.js';

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  const [, stopPostgres] = await Promise.all([warmCaches(), startPostgres()]);
  return stopPostgres;
}
