import { link, rename } from 'node:fs/promises';

/** `2024-05-01T09-30-00-123Z`: an ISO time without the characters Windows forbids in names. */
function fileTimestamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

/** Renames a file we cannot read to `<file>.corrupt-<timestamp>` so a fresh one can start without losing it; returns the new path. */
export async function quarantineFile(file: string, at: Date = new Date()): Promise<string> {
  const aside = `${file}.corrupt-${fileTimestamp(at)}`;
  await rename(file, aside);
  return aside;
}

/** Keeps the file's current content as `<file>.corrupt-<timestamp>` too (a hard link: no copy of the data), before it is rewritten without what could not be read; returns that path. */
export async function keepCopyAside(file: string, at: Date = new Date()): Promise<string> {
  const aside = `${file}.corrupt-${fileTimestamp(at)}`;
  await link(file, aside);
  return aside;
}
