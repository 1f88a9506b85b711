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
    const { reuse } = options;
    const engine = reuse && sameIndexedEntries(reuse.knowledgeBase, result.knowledge) ? reuse.withQuerySide(result.knowledge) : buildAnswerEngine(result.knowledge, analyzer);
    return new ReloadableEngine(engine, analyzer, knowledgeDir);
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
    // Staff edit FAQs and synonyms far more often than plans: when nothing indexed changed, the
    // plans' index (about a second to build) is shared with the running engine.
    if (sameIndexedEntries(this.engine.knowledgeBase, result.knowledge)) {
      this.engine = this.engine.withQuerySide(result.knowledge);
      return { ok: true, builtMs: Date.now() - started, indexRebuilt: false };
    }
    this.engine = buildAnswerEngine(result.knowledge, this.analyzer);
    return { ok: true, builtMs: Date.now() - started, indexRebuilt: true };
  }
}
