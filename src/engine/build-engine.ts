import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { readAnalysisMemo, writeAnalysisMemo } from '../search/analysis-memo-file.js';
import type { TextAnalyzer } from '../search/text-analyzer.js';
import { cacheDirectory } from '../text/cache-directory.js';
import { AnswerEngine } from './answer-engine.js';

/**
 * Builds the engine over a knowledge base, with kuromoji's analysis of the knowledge texts
 * remembered between starts in the cache directory (null: analyse everything afresh). The index
 * is the same either way; only the time to build it differs.
 */
export function buildAnswerEngine(knowledge: KnowledgeBase, analyzer: TextAnalyzer, cacheDir: string | null = cacheDirectory()): AnswerEngine {
  const memo = readAnalysisMemo(cacheDir);
  const engine = new AnswerEngine(knowledge, analyzer, undefined, memo.wrap(analyzer));
  writeAnalysisMemo(cacheDir, memo);
  return engine;
}
