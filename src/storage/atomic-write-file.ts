import { randomUUID } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from './sync-directory.js';

/**
 * Replaces a file so that readers (the loader, a reload, an editor) see the old text or the new,
 * never half of it: write a temp file beside it, fsync, rename over, fsync the directory. The
 * file keeps its permission bits (a new one gets `newFileMode`). The temp name does not end in
 * .yaml, so a loader never reads it. By default each write has a temp file of its own, for files
 * more than one writer may replace (knowledge/); a file one process owns can name its temp file
 * (`tempFile`), so one a crash left behind is simply overwritten next time instead of piling up.
 */
export async function writeFileAtomically(file: string, text: string, options: { newFileMode?: number; tempFile?: string } = {}): Promise<void> {
  const mode = await stat(file).then(
    (stats) => stats.mode & 0o777,
    () => options.newFileMode ?? 0o644,
  );
  const temp = options.tempFile ?? path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, options.tempFile ? 'w' : 'wx', mode);
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
