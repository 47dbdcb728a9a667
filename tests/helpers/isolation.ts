/** Unique names per test file, so test files running in parallel never share an index or a queue. */
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { type Env, parseEnv } from "../../src/config/env.ts";
import { createRedis, redisTarget } from "../../src/queue/connection.ts";
import { deleteKeys } from "../../src/queue/redisDump.ts";
import { createSearchClient } from "../../src/store/client.ts";

export function uniqueName(label: string): string {
  return `t-${label}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`.toLowerCase();
}

export function services() {
  return {
    redisUrl: inject("redisUrl"),
    openSearchUrl: inject("openSearchUrl"),
    chromiumPath: inject("chromiumPath"),
  };
}

/**
 * The environment of a test file's own pipeline: the shared services, its own prefix, no logs;
 * `extra` adds variables (a test's own Redis Cluster: REDIS_CLUSTER_NODES).
 */
export function isolatedEnv(label: string, extra: Record<string, string> = {}): { prefix: string; env: Env } {
  const prefix = uniqueName(label);
  const { redisUrl, openSearchUrl } = services();
  return {
    prefix,
    env: parseEnv({
      REDIS_URL: redisUrl,
      OPENSEARCH_URL: openSearchUrl,
      INDEX_PREFIX: prefix,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: "silent",
      ...extra,
    }),
  };
}

/** Removes what a test file's pipeline left under its prefix: indices, the template, Redis keys. */
export async function removeIsolated(env: Env, prefix: string): Promise<void> {
  const client = createSearchClient({ url: env.OPENSEARCH_URL });
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true });
  await client.indices.deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] });
  await client.close();
  const redis = createRedis(redisTarget(env), "commands");
  await deleteKeys(redis, env.QUEUE_PREFIX);
  redis.disconnect();
}
