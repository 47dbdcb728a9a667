/**
 * Feed health in Redis: one JSON document per source, updated by read-modify-write inside a
 * WATCH/MULTI transaction so two processes updating the same source (a discovery run and an article
 * error) do not overwrite each other.
 */
import type { SourceHealth } from "../model/source.ts";
import { crawlKey, type RedisClient } from "../queue/connection.ts";
import { initialHealth } from "./health.ts";

export class HealthStore {
  /** WATCH state belongs to the connection: updates from this process go one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** A connection of its own: WATCH is per connection. */
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  private key(sourceId: string): string {
    return crawlKey(this.prefix, "health", sourceId);
  }

  async get(sourceId: string): Promise<SourceHealth> {
    const text = await this.redis.get(this.key(sourceId));
    return text ? (JSON.parse(text) as SourceHealth) : initialHealth(sourceId);
  }

  async all(sourceIds: string[]): Promise<SourceHealth[]> {
    if (sourceIds.length === 0) return [];
    const texts = await this.redis.mget(...sourceIds.map((id) => this.key(id)));
    return sourceIds.map((id, i) => (texts[i] ? (JSON.parse(texts[i]!) as SourceHealth) : initialHealth(id)));
  }

  /** Applies `change` atomically; retried when another process wrote in between. */
  update(sourceId: string, change: (previous: SourceHealth) => SourceHealth): Promise<SourceHealth> {
    const run = this.queue.then(() => this.transact(sourceId, change));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async transact(
    sourceId: string,
    change: (previous: SourceHealth) => SourceHealth,
  ): Promise<SourceHealth> {
    const key = this.key(sourceId);
    for (let attempt = 0; attempt < 20; attempt++) {
      await this.redis.watch(key);
      const text = await this.redis.get(key);
      const next = change(text ? (JSON.parse(text) as SourceHealth) : initialHealth(sourceId));
      const result = await this.redis.multi().set(key, JSON.stringify(next)).exec();
      if (result) return next;
    }
    throw new Error(`health of ${sourceId}: too much contention`);
  }
}
