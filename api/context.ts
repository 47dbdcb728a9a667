/**
 * What the API needs from the outside world, built once per process from the environment and
 * passed to the app plugin. Tests build the same thing against their own index prefix.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { Redis } from "ioredis";
import type { Env } from "../src/config/env.ts";
import type { Logger } from "../src/log.ts";
import { type ApiKeyStore, createApiKeyStore } from "../src/store/apiKeys.ts";
import { type ArticleStore, createArticleStore } from "../src/store/articles.ts";
import { type AuditStore, createAuditStore } from "../src/store/audit.ts";
import { createSearchClient, type SearchClient, searchHealth } from "../src/store/client.ts";
import { createUserStore, type UserStore } from "../src/store/users.ts";
import { createRedisSourceHealthReader, type SourceHealthReader } from "./sources.ts";

export interface ReachabilityCheck {
  ok: boolean;
  /** What to show unauthenticated callers: a status word, never an address or an error text. */
  status: string;
  version?: string;
  latency_ms: number;
  /** For the log only. */
  detail?: string;
}

export interface AppDeps {
  articles: Pick<ArticleStore, "search" | "scan" | "coverage" | "get">;
  users: UserStore;
  apiKeys: ApiKeyStore;
  audit: AuditStore;
  sources: SourceHealthReader;
  /** Shared rate-limit counters, so several API processes enforce one limit. */
  redis: Redis;
  checks: { redis(): Promise<ReachabilityCheck>; search(): Promise<ReachabilityCheck> };
}

export interface AppConfig {
  sessionSecret: string;
  sessionTtlSeconds: number;
  /** Mark the session cookie Secure (production, behind HTTPS). */
  secureCookies: boolean;
  metricsToken?: string | undefined;
  rateLimit: {
    max: number;
    timeWindow: string;
    loginMax: number;
    loginTimeWindow: string;
    /** Redis key prefix of the counters. */
    nameSpace: string;
  };
}

export interface AppOptions {
  deps: AppDeps;
  config: AppConfig;
}

/** SESSION_SECRET, or (development only) a random one: sessions then end when the process does. */
export function appConfig(env: Env): AppConfig {
  return {
    sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString("hex"),
    sessionTtlSeconds: env.SESSION_TTL_MINUTES * 60,
    secureCookies: env.NODE_ENV === "production",
    metricsToken: env.METRICS_TOKEN,
    rateLimit: {
      max: env.RATE_LIMIT_MAX,
      timeWindow: env.RATE_LIMIT_WINDOW,
      loginMax: env.LOGIN_RATE_LIMIT_MAX,
      loginTimeWindow: env.LOGIN_RATE_LIMIT_WINDOW,
      nameSpace: `${env.INDEX_PREFIX}:rate-limit:`,
    },
  };
}

async function timed(
  check: () => Promise<Omit<ReachabilityCheck, "latency_ms">>,
  timeoutMs: number,
): Promise<ReachabilityCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Omit<ReachabilityCheck, "latency_ms">>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, status: "timeout" }), timeoutMs);
  });
  try {
    const result = await Promise.race([
      check().catch((error: unknown) => ({
        ok: false,
        status: "unreachable",
        detail: error instanceof Error ? error.message : String(error),
      })),
      timeout,
    ]);
    return { ...result, latency_ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

export function redisCheck(redis: Redis, timeoutMs = 2000): () => Promise<ReachabilityCheck> {
  return () =>
    timed(async () => {
      const pong = await redis.ping();
      return { ok: pong === "PONG", status: pong === "PONG" ? "ok" : "unexpected reply" };
    }, timeoutMs);
}

export function searchCheck(client: SearchClient, timeoutMs = 2000): () => Promise<ReachabilityCheck> {
  return () =>
    timed(async () => {
      const health = await searchHealth(client);
      return {
        ok: health.ok,
        status: health.status,
        ...(health.version && { version: health.version }),
        ...(health.detail && { detail: health.detail }),
      };
    }, timeoutMs);
}

export function createRedis(url: string): Redis {
  // Fail fast rather than queueing: a rate-limit counter that cannot be read is skipped (see
  // plugins/rateLimit.ts) and /health reports Redis down instead of hanging.
  return new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 2000 });
}

/** Everything the API process opens, and how to close it. */
export async function createDeps(
  env: Env,
  logger: Logger,
): Promise<{ deps: AppDeps; client: SearchClient; ready(): Promise<void>; close(): Promise<void> }> {
  const client = createSearchClient({
    url: env.OPENSEARCH_URL,
    username: env.OPENSEARCH_USERNAME,
    password: env.OPENSEARCH_PASSWORD,
  });
  const redis = createRedis(env.REDIS_URL);
  redis.on("error", (error) => logger.warn({ err: error }, "redis connection error"));
  const prefix = env.INDEX_PREFIX;
  const articles = createArticleStore(client, { prefix });
  const deps: AppDeps = {
    articles,
    users: createUserStore(client, { prefix }),
    apiKeys: createApiKeyStore(client, { prefix }),
    audit: createAuditStore(client, { prefix }),
    sources: createRedisSourceHealthReader(redis, {
      queuePrefix: env.QUEUE_PREFIX,
      sourcesDir: join(env.CONFIG_DIR, "sources"),
      logger,
    }),
    redis,
    checks: { redis: redisCheck(redis), search: searchCheck(client) },
  };
  return {
    deps,
    client,
    /** Creates the indices the API reads and writes, if missing. */
    async ready() {
      await articles.ensureReady();
      await Promise.all([deps.users.ensureReady(), deps.apiKeys.ensureReady(), deps.audit.ensureReady()]);
    },
    async close() {
      redis.disconnect();
      await client.close();
    },
  };
}
