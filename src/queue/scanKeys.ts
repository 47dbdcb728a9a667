/**
 * SCAN over the whole keyspace, on one Redis or a cluster: a cluster's SCAN answers for the one
 * node it reaches, so it runs on every master. Each batch comes from one node; under a hash-tagged
 * prefix that is one slot, so a batch can go into one pipeline or one multi-key command (ioredis
 * refuses a cluster pipeline that spans nodes, and Redis a command that spans slots).
 */
import { once } from "node:events";
import { Cluster, type Redis } from "ioredis";
import type { RedisClient } from "./connection.ts";

/** The nodes a keyless command must run on to see every key. */
export async function keyspaceNodes(redis: RedisClient): Promise<Redis[]> {
  if (!(redis instanceof Cluster)) return [redis];
  // The masters are known once the cluster has read its slot map.
  if (redis.status !== "ready") await once(redis, "ready");
  return redis.nodes("master");
}

/** The keys matching `pattern` (a SCAN glob), in batches of about `count`. */
export async function* scanKeys(redis: RedisClient, pattern: string, count = 1000): AsyncGenerator<string[]> {
  for (const node of await keyspaceNodes(redis)) {
    let cursor = "0";
    do {
      const [next, keys] = await node.scan(cursor, "MATCH", pattern, "COUNT", count);
      cursor = next;
      if (keys.length) yield keys;
    } while (cursor !== "0");
  }
}
