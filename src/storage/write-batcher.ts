interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Groups calls into batches: items added while no batch is running go out together in the next
 * one, and items added while one runs wait for it and then go out together. Under load this turns
 * one round trip per call into one per batch (group commit); idle, an item waits at most one turn
 * of the event loop. `run` answers each item in order, or fails the whole batch.
 */
export class WriteBatcher<I, O> {
  readonly #run: (items: I[]) => Promise<O[]>;
  readonly #maxBatch: number;
  #queue: Array<Pending<I, O>> = [];
  #running: Promise<void> | null = null;
  #scheduled = false;

  /** Batches calls to `run`, at most `maxBatch` items at a time. */
  constructor(run: (items: I[]) => Promise<O[]>, maxBatch = 1000) {
    this.#run = run;
    this.#maxBatch = maxBatch;
  }

  /** Resolves with this item's answer once the batch that carried it has finished. */
  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Resolves when nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.#running || this.#scheduled || this.#queue.length > 0) {
      await (this.#running ?? new Promise((resolve) => setImmediate(resolve)));
    }
  }

  #schedule(): void {
    if (this.#running || this.#scheduled) return;
    this.#scheduled = true;
    // Started from a later turn, so the callers of this turn (concurrent requests) share the batch.
    setImmediate(() => {
      this.#scheduled = false;
      this.#start();
    });
  }

  #start(): void {
    if (this.#running || this.#queue.length === 0) return;
    const batch = this.#queue.splice(0, this.#maxBatch);
    this.#running = (async () => {
      try {
        const results = await this.#run(batch.map((pending) => pending.item));
        batch.forEach((pending, index) => pending.resolve(results[index] as O));
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    })().finally(() => {
      this.#running = null;
      this.#start();
    });
  }
}
