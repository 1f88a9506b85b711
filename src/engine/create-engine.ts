import { emptyKnowledgeBase, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledgeOrThrow } from '../knowledge/load.js';
import { loadJapaneseAnalyzer } from '../search/japanese-analyzer.js';
import type { SearchDocument } from '../search/search-document.js';
import { AnswerEngine } from './answer-engine.js';
import { buildAnswerEngine } from './build-engine.js';

export interface EngineOptions {
  knowledgeDir?: string;
  /** Replaces the knowledge base with a generic corpus (eval --corpus). */
  corpus?: readonly SearchDocument[];
}

/** Loads the knowledge base and the tokenizer in parallel and builds the engine. */
export async function createAnswerEngine(options: EngineOptions = {}): Promise<AnswerEngine> {
  const knowledgePromise: Promise<KnowledgeBase> = options.corpus
    ? Promise.resolve(emptyKnowledgeBase())
    : loadKnowledgeOrThrow(options.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR);
  const [knowledge, analyzer] = await Promise.all([knowledgePromise, loadJapaneseAnalyzer()]);
  // A generic corpus is analysed afresh: remembering it would displace the knowledge base's memo.
  return options.corpus ? new AnswerEngine(knowledge, analyzer, options.corpus) : buildAnswerEngine(knowledge, analyzer);
}
