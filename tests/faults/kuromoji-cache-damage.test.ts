/**
 * Every kind of damage to the dictionary cache, each detected and rebuilt (about 1.5 s each, so
 * npm test runs a representative few: tests/text/kuromoji-cache.test.ts).
 */
import { DAMAGES, describeCacheDamage, useStockKuromoji } from '../text/kuromoji-harness.js';

useStockKuromoji();

describeCacheDamage(DAMAGES);
