/**
 * Vitest global setup: builds the start-up caches (the decompressed dictionary and the analysed
 * knowledge base, see src/text/cache-directory.ts) once, before the test files start in parallel.
 * On a fresh clone every file that builds an engine would otherwise build them at the same time,
 * each on its own, on cores the other files need. Warm, this only checks them (well under a second).
 */
import { createAnswerEngine } from '../../src/engine/create-engine.js';

export default async function warmCaches(): Promise<void> {
  await createAnswerEngine();
}
