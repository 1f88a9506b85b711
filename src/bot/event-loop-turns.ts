/**
 * Answering a question is synchronous CPU work (tokenise, search, build the Flex message). When a
 * storage flush resolves many events at once, their answers would otherwise run back to back in
 * one burst of microtasks, and every webhook request arriving meanwhile would wait for all of
 * them: acknowledgement latency would grow with the backlog. Queued here, at most one piece of
 * work runs per turn of the event loop, so incoming requests are read, verified and acknowledged
 * between two answers and wait for at most one.
 */
export class EventLoopTurns {
  readonly #queue: Array<() => void> = [];
  #scheduled = false;

  /** Runs `work` in a later turn of the event loop, after the work queued before it. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push(() => {
        try {
          resolve(work());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      this.#schedule();
    });
  }

  /** Work waiting for its turn. */
  get pending(): number {
    return this.#queue.length;
  }

  #schedule(): void {
    if (this.#scheduled || this.#queue.length === 0) return;
    this.#scheduled = true;
    // One task per setImmediate: immediates queued during the check phase run only after the
    // next poll phase, which is where new connections and request bodies are handled.
    setImmediate(() => {
      this.#scheduled = false;
      this.#queue.shift()?.();
      this.#schedule();
    });
  }
}

/** The process's one event loop, shared by every handler that does heavy synchronous work. */
export const eventLoopTurns = new EventLoopTurns();
