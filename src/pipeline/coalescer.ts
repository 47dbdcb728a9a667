/**
 * Calls made while a batch is under way wait and go together in the next one: one round trip for
 * everything the process's concurrent jobs asked meanwhile, and no added wait when the process is
 * idle (the first call goes at once). The same scheme as the family assignments (familyIndex.ts).
 */
export class Coalescer<T, R> {
  private waiting: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  private running = false;

  /** `run` handles one batch and returns one result per item, in order. */
  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 256,
  ) {}

  call(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, this.maxBatch);
        try {
          const results = await this.run(batch.map((w) => w.item));
          for (const [i, w] of batch.entries()) w.resolve(results[i]!);
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
