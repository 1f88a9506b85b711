import { readdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** Quiet time after the last change before reloading: an editor's save is several events. */
export const DEFAULT_WATCH_DEBOUNCE_MS = 500;

/** A running watch on the knowledge directory. */
export interface KnowledgeWatch {
  /** True when one recursive watcher covers the tree; false when each folder is watched on its own. */
  readonly recursive: boolean;
  close(): void;
}

/** How the watch reports. */
export interface WatchOptions {
  debounceMs?: number;
  onError?: (error: unknown) => void;
}

// Temp files (ours end in .tmp) and editors' swap files are not knowledge: only YAML counts.
const isKnowledgeFile = (name: string | null) => name === null || /\.ya?ml$/.test(name);

/**
 * Calls `onChange` once the YAML under `dir` has stopped changing for the debounce time. Uses one
 * recursive fs.watch where the platform has it, else one watcher per folder (knowledge/ is one
 * level deep). Watchers are unref'd: they never keep a stopping process alive.
 */
export function watchKnowledge(dir: string, onChange: () => void, options: WatchOptions = {}): KnowledgeWatch {
  const debounceMs = options.debounceMs ?? DEFAULT_WATCH_DEBOUNCE_MS;
  let timer: NodeJS.Timeout | undefined;
  const changed = (_event: string, name: string | Buffer | null) => {
    if (!isKnowledgeFile(name === null ? null : String(name))) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
    timer.unref();
  };
  const watchers: FSWatcher[] = [];
  let recursive = true;
  try {
    watchers.push(watch(dir, { recursive: true }, changed));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM') throw error;
    recursive = false;
    const folders = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    watchers.push(watch(dir, changed), ...folders.map((folder) => watch(path.join(dir, folder.name), changed)));
  }
  for (const watcher of watchers) {
    watcher.on('error', (error) => options.onError?.(error));
    watcher.unref();
  }
  return {
    recursive,
    close: () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
