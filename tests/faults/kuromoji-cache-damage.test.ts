/**
 * Every kind of damage to the dictionary cache, each detected and rebuilt (about 1.5 s each; the
 * cache's ordinary behaviour is in kuromoji-cache.test.ts beside this file).
 */
import { DAMAGES, describeCacheDamage, useStockKuromoji } from '../text/kuromoji-harness.js';

useStockKuromoji();

describeCacheDamage(DAMAGES);
