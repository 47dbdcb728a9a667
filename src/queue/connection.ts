/**
 * Redis connections: the one place a connection is made, to one Redis (REDIS_URL) or to a Redis
 * Cluster (REDIS_CLUSTER_NODES). Every key of a deployment is under the hash-tagged QUEUE_PREFIX,
 * so on a cluster they all live in one slot and BullMQ's scripts, the pipelines and transactions
 * work unchanged. BullMQ workers block on Redis and need `maxRetriesPerRequest: null` (on a
 * cluster BullMQ reads it from the nodes' options); plain command connections (limits, seen set,
 * health) fail fast instead, so a Redis outage surfaces as a job error rather than a hang; the
 * API's connection fails faster still, so a request never waits on a lost Redis.
 */
import { Cluster, Redis, type RedisOptions } from "ioredis";
import type { Env } from "../config/env.ts";
import type { RedisClusterNodes } from "../config/redisNodes.ts";
import type { Logger } from "../log.ts";

/** One Redis or a cluster: the same commands, so every store takes either. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: a URL, or a cluster's seed nodes (which then win). */
export interface RedisTarget {
  url: string;
  cluster?: RedisClusterNodes | undefined;
}

export function redisTarget(env: Pick<Env, "REDIS_URL" | "REDIS_CLUSTER_NODES">): RedisTarget {
  return { url: env.REDIS_URL, cluster: env.REDIS_CLUSTER_NODES };
}

export type RedisRole = "bullmq" | "commands" | "request";

const ROLE_OPTIONS: Record<RedisRole, RedisOptions> = {
  bullmq: { maxRetriesPerRequest: null },
  commands: { maxRetriesPerRequest: 3 },
  request: { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 2000 },
};

export function createRedis(
  target: RedisTarget,
  role: RedisRole,
  name?: string,
  logger?: Logger,
): RedisClient {
  const { url, cluster } = target;
  const options: RedisOptions = {
    ...ROLE_OPTIONS[role],
    enableReadyCheck: true,
    ...(name ? { connectionName: name } : {}),
  };
  // Commands issued in the same tick by concurrent jobs go out in one write: on a busy machine
  // each write to the socket costs more than the command itself.
  const enableAutoPipelining = role === "commands";
  const redis = cluster
    ? new Cluster(cluster.nodes, {
        enableReadyCheck: true,
        enableAutoPipelining,
        redisOptions: {
          ...options,
          ...(cluster.username ? { username: cluster.username } : {}),
          ...(cluster.password ? { password: cluster.password } : {}),
          ...(cluster.tls ? { tls: {} } : {}),
        },
      })
    : new Redis(url, { ...options, lazyConnect: false, enableAutoPipelining });
  if (logger) reportOutages(redis, logger.child({ redis: name ?? role }));
  return redis;
}

/**
 * An outage in the operator's log, once when it starts and once when it ends: ioredis reports
 * every failed reconnect (several a second), and without a listener it prints raw stack traces.
 * A cluster reports a node's errors as "node error" and its own (no node reachable) as "error".
 */
function reportOutages(redis: RedisClient, logger: Logger): void {
  let down = false;
  const lost = (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: error }, "redis connection lost; reconnecting");
  };
  redis.on("error", lost);
  if (redis instanceof Cluster) redis.on("node error", lost);
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
