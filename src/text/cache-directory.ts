import path from 'node:path';
import { projectRoot } from '../project-root.js';

/**
 * Where data derived at start-up is cached (the decompressed dictionary, the analysed knowledge
 * base): DX_NAVI_CACHE_DIR, or node_modules/.cache/dx-navi under the project, which is outside
 * git and goes away with a fresh install. DX_NAVI_CACHE_DIR=off turns caching off. Everything in
 * it is checked before use and rebuilt when stale or damaged, so deleting it is always safe.
 */
export function cacheDirectory(env: Record<string, string | undefined> = process.env): string | null {
  const configured = env.DX_NAVI_CACHE_DIR?.trim();
  // Any case: OFF or Off set by hand would otherwise become a cache directory named OFF in cwd.
  if (configured?.toLowerCase() === 'off') return null;
  return configured ? path.resolve(configured) : path.join(projectRoot(), 'node_modules', '.cache', 'dx-navi');
}
