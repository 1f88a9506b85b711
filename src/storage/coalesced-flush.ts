interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Runs a flush one at a time. Requests made while no run has started yet share that run, so a burst
 * of changes in one tick costs one flush; every request resolves only after a run that began after
 * it was made, so that run saw the requester's change.
 */
export class CoalescedFlush {
  readonly #flush: () => Promise<void>;
  // The batch waiting to start; once it starts, new requests open the next one.
  #waiting: Batch | null = null;
  // Settles when the last scheduled run has finished; never rejects.
  #tail: Promise<void> = Promise.resolve();

  /** Coalesces calls to `flush`. */
  constructor(flush: () => Promise<void>) {
    this.#flush = flush;
  }

  /** Resolves (or rejects) with the first run that starts after this call. */
  request(): Promise<void> {
    if (this.#waiting) return this.#waiting.promise;
    const batch = newBatch();
    this.#waiting = batch;
    // Starting from a promise callback, not synchronously, lets the rest of this tick join the batch.
    this.#tail = this.#tail.then(async () => {
      this.#waiting = null;
      try {
        await this.#flush();
        batch.resolve();
      } catch (error) {
        batch.reject(error);
      }
    });
    return batch.promise;
  }

  /** Resolves when no run is running or waiting, whatever their outcome. */
  async idle(): Promise<void> {
    let tail: Promise<void>;
    do {
      tail = this.#tail;
      await tail;
    } while (tail !== this.#tail);
  }
}
