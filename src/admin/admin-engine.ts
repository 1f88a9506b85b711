import type { ReloadableEngine } from '../engine/reloadable-engine.js';

/** What the admin needs of the running engine: ask, read the knowledge, reload. */
export type AdminEngine = Pick<ReloadableEngine, 'current' | 'knowledge' | 'reload'>;
