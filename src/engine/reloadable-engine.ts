import { sameIndexedEntries, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from '../knowledge/load.js';
import type { Problem } from '../knowledge/problem.js';
import { loadJapaneseAnalyzer } from '../search/japanese-analyzer.js';
import type { TextAnalyzer } from '../search/text-analyzer.js';
import type { AnswerEngine } from './answer-engine.js';
import { buildAnswerEngine } from './build-engine.js';

/** What a reload did: `indexRebuilt` is false when only FAQs or synonyms changed and the plans' index was kept. */
export type ReloadResult = { ok: true; builtMs: number; indexRebuilt: boolean } | { ok: false; problems: Problem[] };

/**
 * The engine the server answers with, replaceable while it runs: a reload builds a complete new
 * index from knowledge/ and swaps it in one assignment, so a question is always answered by one
 * whole index, and a broken edit leaves the old one serving.
 */
export class ReloadableEngine {
  private engine: AnswerEngine;
  private reloading: Promise<ReloadResult> | null = null;

  private constructor(
    engine: AnswerEngine,
    private readonly analyzer: TextAnalyzer,
    private readonly knowledgeDir: string,
  ) {
    this.engine = engine;
  }

  /**
   * Loads the knowledge and the tokenizer and builds the first engine; throws on invalid knowledge.
   * With `reuse`, an engine already built over the same plans (a second instance in one process, a
   * test) lends its index when only FAQs or synonyms differ.
   */
  static async create(knowledgeDir: string = DEFAULT_KNOWLEDGE_DIR, options: { reuse?: AnswerEngine } = {}): Promise<ReloadableEngine> {
    // Read and validated while the dictionary loads.
    const [analyzer, result] = await Promise.all([loadJapaneseAnalyzer(), loadKnowledge(knowledgeDir)]);
    if (!result.ok) throw new Error(`knowledge in ${knowledgeDir} is invalid: ${result.problems.length} problem(s); run npm run knowledge:check`);
    return new ReloadableEngine(engineFor(result.knowledge, analyzer, options.reuse).engine, analyzer, knowledgeDir);
  }

  /** The engine to answer the next question with. */
  current(): AnswerEngine {
    return this.engine;
  }

  /** The knowledge the current engine answers from. */
  knowledge(): KnowledgeBase {
    return this.engine.knowledgeBase;
  }

  /** Rebuilds from knowledge/; concurrent calls share one rebuild. */
  reload(): Promise<ReloadResult> {
    this.reloading ??= this.rebuild().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  private async rebuild(): Promise<ReloadResult> {
    const started = Date.now();
    const result = await loadKnowledge(this.knowledgeDir);
    if (!result.ok) return { ok: false, problems: result.problems };
    const { engine, indexRebuilt } = engineFor(result.knowledge, this.analyzer, this.engine);
    this.engine = engine;
    return { ok: true, builtMs: Date.now() - started, indexRebuilt };
  }
}

/**
 * The engine for `knowledge`: `base`'s plans index with the new FAQs and synonyms when nothing
 * indexed changed (staff edit those far more often than plans, and the index takes about a second
 * to build), otherwise a new build.
 */
function engineFor(knowledge: KnowledgeBase, analyzer: TextAnalyzer, base: AnswerEngine | undefined): { engine: AnswerEngine; indexRebuilt: boolean } {
  if (base && sameIndexedEntries(base.knowledgeBase, knowledge)) return { engine: base.withQuerySide(knowledge), indexRebuilt: false };
  return { engine: buildAnswerEngine(knowledge, analyzer), indexRebuilt: true };
}
