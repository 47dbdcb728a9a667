/**
 * Redis connections. BullMQ workers block on Redis and need `maxRetriesPerRequest: null`; plain
 * command connections (limits, seen set, health) fail fast instead, so a Redis outage surfaces as a
 * job error rather than a hang.
 */
import { Redis } from "ioredis";
import type { Logger } from "../log.ts";

export type RedisRole = "bullmq" | "commands";

export function createRedis(url: string, role: RedisRole, name?: string, logger?: Logger): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: role === "bullmq" ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
    // Commands issued in the same tick by concurrent jobs go out in one write: on a busy machine
    // each write to the socket costs more than the command itself.
    enableAutoPipelining: role === "commands",
    ...(name ? { connectionName: name } : {}),
  });
  if (logger) reportOutages(redis, logger.child({ redis: name ?? role }));
  return redis;
}

/**
 * An outage in the operator's log, once when it starts and once when it ends: ioredis reports
 * every failed reconnect (several a second), and without a listener it prints raw stack traces.
 */
function reportOutages(redis: Redis, logger: Logger): void {
  let down = false;
  redis.on("error", (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: error }, "redis connection lost; reconnecting");
  });
  redis.on("ready", () => {
    if (!down) return;
    down = false;
    logger.info("redis connection restored");
  });
}

/** Keys Presswatch's crawl stores next to BullMQ's, under the same prefix. */
export function crawlKey(prefix: string, ...parts: string[]): string {
  return [prefix, "crawl", ...parts].join(":");
}
