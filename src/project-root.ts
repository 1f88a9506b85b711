import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directory holding package.json, whether code runs from src/ (tsx) or dist/ (compiled). */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** `../shared` beside the checkout (seeds, eval sets, LINE's OpenAPI specs); SHARED_DIR overrides. */
export function sharedDir(): string {
  return process.env.SHARED_DIR ?? path.join(projectRoot(), '..', 'shared');
}
