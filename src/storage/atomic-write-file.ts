import { randomUUID } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from '../storage/sync-directory.js';

/**
 * Replaces a file so that readers (the loader, a reload, an editor) see the old text or the new,
 * never half of it: write a temp file beside it, fsync, rename over, fsync the directory. The
 * file keeps its permission bits. The temp name does not end in .yaml, so a loader never reads it.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const mode = await stat(file).then(
    (stats) => stats.mode & 0o777,
    () => 0o644,
  );
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // Without this the rename itself may be lost on power failure.
  await syncDirectory(path.dirname(file));
}
