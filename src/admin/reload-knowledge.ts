import type { ReloadResult } from '../engine/reloadable-engine.js';
import type { Logger } from '../logging/logger.js';
import type { Reloadable } from './knowledge-writer.js';

/** Reloads the knowledge and logs the outcome with what triggered it (admin, watch, edit). */
export async function reloadKnowledge(engine: Reloadable, logger: Logger, trigger: string): Promise<ReloadResult> {
  const result = await engine.reload();
  if (result.ok) logger.info('knowledge reloaded', { trigger, builtMs: result.builtMs, indexRebuilt: result.indexRebuilt });
  else logger.error('knowledge reload rejected', { trigger, problems: result.problems });
  return result;
}
