import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';

/** Makes the entries of `dir` (a rename, a new or removed file) durable; a no-op on Windows. */
export async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; there the rename is as durable as NTFS makes it.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates `dir` if it is missing, durably: files fsynced inside a directory whose own entry was lost would be lost with it. */
export async function ensureDirectory(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true });
  if (created !== undefined) await syncDirectory(path.dirname(created));
}
