/**
 * Redis connections. BullMQ workers block on Redis and need `maxRetriesPerRequest: null`; plain
 * command connections (limits, seen set, health) fail fast instead, so a Redis outage surfaces as a
 * job error rather than a hang.
 */
import { Redis } from "ioredis";

export type RedisRole = "bullmq" | "commands";

export function createRedis(url: string, role: RedisRole, name?: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === "bullmq" ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
    ...(name ? { connectionName: name } : {}),
  });
}

/** Keys Presswatch's crawl stores next to BullMQ's, under the same prefix. */
export function crawlKey(prefix: string, ...parts: string[]): string {
  return [prefix, "crawl", ...parts].join(":");
}
