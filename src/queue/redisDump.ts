/**
 * Every Redis key of a deployment (everything under its QUEUE_PREFIX: the queues and their jobs,
 * failed ones included, the crawl's seen URLs, source health and politeness state, the detectors'
 * state, the alert budget) as DUMP payloads with their time to live, and back with RESTORE.
 * A payload is Redis's own serialisation: it restores into the same or a newer Redis version.
 */
import type { Redis } from "ioredis";

export interface RedisEntry {
  key: string;
  /** Milliseconds left to live; 0 for a key that never expires. */
  ttlMs: number;
  /** The DUMP payload. */
  value: Buffer;
}

/** A glob matching exactly the keys under `prefix:` (the prefix's own glob characters escaped). */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}:*`;
}

export async function* dumpKeys(redis: Redis, prefix: string, batch = 500): AsyncGenerator<RedisEntry[]> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", prefixPattern(prefix), "COUNT", batch);
    cursor = next;
    if (keys.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.dumpBuffer(key).pttl(key);
    const replies = (await pipeline.exec()) ?? [];
    const entries: RedisEntry[] = [];
    keys.forEach((key, i) => {
      const value = replies[2 * i]?.[1] as Buffer | null;
      const ttl = replies[2 * i + 1]?.[1] as number;
      // A key that expired between SCAN and DUMP is simply gone.
      if (value && ttl !== -2) entries.push({ key, ttlMs: Math.max(ttl, 0), value });
    });
    if (entries.length) yield entries;
  } while (cursor !== "0");
}

/** Restores entries, replacing keys of the same name; returns how many. */
export async function restoreKeys(redis: Redis, entries: RedisEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const pipeline = redis.pipeline();
  for (const entry of entries) pipeline.restore(entry.key, entry.ttlMs, entry.value, "REPLACE");
  const replies = (await pipeline.exec()) ?? [];
  const failed = replies.map(([error], i) => (error ? `${entries[i]!.key}: ${error.message}` : null));
  const problems = failed.filter((line): line is string => line !== null);
  if (problems.length)
    throw new Error(
      `${problems.length} Redis keys could not be restored, e.g. ${problems.slice(0, 3).join("; ")}`,
    );
  return entries.length;
}

/** Deletes every key under the prefix; returns how many. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let removed = 0;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", prefixPattern(prefix), "COUNT", 1000);
    cursor = next;
    if (keys.length) removed += await redis.unlink(...keys);
  } while (cursor !== "0");
  return removed;
}

/** How many keys live under the prefix. */
export async function countKeys(redis: Redis, prefix: string): Promise<number> {
  let count = 0;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", prefixPattern(prefix), "COUNT", 1000);
    cursor = next;
    count += keys.length;
  } while (cursor !== "0");
  return count;
}
