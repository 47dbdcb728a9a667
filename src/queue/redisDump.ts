/**
 * Every Redis key of a deployment (everything under its QUEUE_PREFIX: the queues and their jobs,
 * failed ones included, the crawl's seen URLs, source health and politeness state, the detectors'
 * state, the alert budget) as DUMP payloads with their time to live, and back with RESTORE.
 * A payload is Redis's own serialisation: it restores into the same or a newer Redis version.
 * On a cluster every key is under the prefix's hash tag, i.e. in one slot: each batch goes in one
 * pipeline (see scanKeys.ts), and a dump taken from one Redis restores into a cluster and back.
 */
import type { RedisClient } from "./connection.ts";
import { scanKeys } from "./scanKeys.ts";

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

export async function* dumpKeys(
  redis: RedisClient,
  prefix: string,
  batch = 500,
): AsyncGenerator<RedisEntry[]> {
  for await (const keys of scanKeys(redis, prefixPattern(prefix), batch)) {
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
  }
}

/** Restores entries, replacing keys of the same name; returns how many. */
export async function restoreKeys(redis: RedisClient, entries: RedisEntry[]): Promise<number> {
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
export async function deleteKeys(redis: RedisClient, prefix: string): Promise<number> {
  let removed = 0;
  for await (const keys of scanKeys(redis, prefixPattern(prefix))) removed += await redis.unlink(...keys);
  return removed;
}

/** How many keys live under the prefix. */
export async function countKeys(redis: RedisClient, prefix: string): Promise<number> {
  let count = 0;
  for await (const keys of scanKeys(redis, prefixPattern(prefix))) count += keys.length;
  return count;
}
