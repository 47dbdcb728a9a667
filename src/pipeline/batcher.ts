/**
 * Collects items into batches flushed when `maxSize` items are waiting or `maxWaitMs` after the
 * first one arrived, whichever comes first. Each `add` resolves with that item's own outcome, so a
 * queue job can wait for the bulk request that carried it and fail or succeed on its own.
 */
export interface BatcherOptions<T, R> {
  maxSize: number;
  maxWaitMs: number;
  /** Handles one batch; returns one outcome per item, in order. */
  flush: (items: T[]) => Promise<R[]>;
}

interface Waiting<T, R> {
  item: T;
  resolve: (outcome: R) => void;
  reject: (error: unknown) => void;
}

export class Batcher<T, R> {
  private waiting: Array<Waiting<T, R>> = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = new Set<Promise<void>>();

  constructor(private readonly options: BatcherOptions<T, R>) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.options.maxSize) this.flushNow();
      else this.timer ??= setTimeout(() => this.flushNow(), this.options.maxWaitMs);
    });
  }

  /** Sends what is waiting and waits for every batch under way (graceful shutdown). */
  async drain(): Promise<void> {
    this.flushNow();
    await Promise.all(this.inFlight);
  }

  private flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    if (!batch.length) return;
    const run = this.options
      .flush(batch.map((w) => w.item))
      .then((outcomes) => {
        if (outcomes.length !== batch.length) {
          throw new Error(`flush returned ${outcomes.length} outcomes for ${batch.length} items`);
        }
        for (const [i, w] of batch.entries()) w.resolve(outcomes[i]!);
      })
      .catch((error) => {
        for (const w of batch) w.reject(error);
      });
    this.inFlight.add(run);
    run.finally(() => this.inFlight.delete(run));
  }
}
