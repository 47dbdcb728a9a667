/**
 * URLs already taken care of, shared by every worker process, so an article listed in a feed, a
 * sitemap and a listing page (or by the same feed for days) is fetched once.
 *
 * Order matters for not losing work: discovery first adds the fetch jobs (idempotent by job id),
 * then marks the URLs seen. A process killed in between leaves URLs unmarked; the next run adds
 * their jobs again, which BullMQ ignores while the first ones exist. The opposite order could mark
 * a URL whose job was never added, and that article would be lost.
 *
 * A sorted set scored by first-seen time, trimmed after `retentionMs` so it does not grow forever.
 */
import { crawlKey, type RedisClient } from "./connection.ts";

export class SeenUrls {
  private readonly key: string;
  private lastTrim = 0;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly retentionMs = 180 * 86_400_000,
  ) {
    this.key = crawlKey(prefix, "seen");
  }

  /** The URLs of the list not seen before, in order, without duplicates. */
  async unseen(urls: string[]): Promise<string[]> {
    const unique = [...new Set(urls)];
    if (unique.length === 0) return [];
    const scores = await this.redis.zmscore(this.key, ...unique);
    return unique.filter((_, i) => scores[i] === null);
  }

  async mark(urls: string[], now = Date.now()): Promise<void> {
    const unique = [...new Set(urls)];
    if (unique.length === 0) return;
    await this.redis.zadd(this.key, "NX", ...unique.flatMap((url) => [now, url]));
    if (now - this.lastTrim > 3_600_000) {
      this.lastTrim = now;
      await this.redis.zremrangebyscore(this.key, "-inf", now - this.retentionMs);
    }
  }

  async size(): Promise<number> {
    return this.redis.zcard(this.key);
  }
}
