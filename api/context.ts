/**
 * What the API needs from the outside world, built once per process from the environment and
 * passed to the app plugin. Tests build the same thing against their own index prefix.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Env } from "../src/config/env.ts";
import type { Evaluation, Scope } from "../src/contracts/index.ts";
import { mergeContracts } from "../src/contracts/registry.ts";
import { type Snapshots, snapshotsFor } from "../src/crawl/snapshotStores.ts";
import { type BudgetStore, createBudgetStore } from "../src/detect/budget.ts";
import type { Logger } from "../src/log.ts";
import { createRedis, type RedisClient, redisTarget } from "../src/queue/connection.ts";
import { FailedJobs } from "../src/queue/failedJobs.ts";
import {
  gatherYearReport,
  type ReportFormat,
  renderYearReport,
  reportFileName,
} from "../src/reports/file.ts";
import { defaultContractsDir, evaluateYear, loadSources, type Sources } from "../src/reports/gather.ts";
import { htmlToPdf } from "../src/reports/pdf.ts";
import { type AlertStore, createAlertStore } from "../src/store/alerts.ts";
import { type ApiKeyStore, createApiKeyStore } from "../src/store/apiKeys.ts";
import { type ArticleStore, createArticleStore } from "../src/store/articles.ts";
import { type AuditStore, createAuditStore } from "../src/store/audit.ts";
import { type CaseStore, createCaseStore } from "../src/store/cases.ts";
import { type ClaimMatcher, createClaimMatcher } from "../src/store/claimMatches.ts";
import { type ClaimStore, createClaimStore } from "../src/store/claims.ts";
import { createSearchClient, type SearchClient, searchHealth, searchOptions } from "../src/store/client.ts";
import { type ContractStore, createContractStore } from "../src/store/contracts.ts";
import { type CorrectionStore, createCorrectionStore } from "../src/store/corrections.ts";
import { layoutFromEnv } from "../src/store/layout.ts";
import { createUserStore, type UserStore } from "../src/store/users.ts";
import { createWatchlistStore, type WatchlistStore } from "../src/store/watchlists.ts";
import { createWatchlistTrial, type WatchlistTrial } from "../src/store/watchlistTrial.ts";
import {
  createRedisSourceHealthReader,
  createSourceConfig,
  type SourceConfig,
  type SourceHealthReader,
} from "./sources.ts";

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
  articles: Pick<ArticleStore, "search" | "scan" | "coverage" | "get" | "getMany" | "inStories" | "index">;
  /** Coordinators' corrections of the analysis (src/store/corrections.ts). */
  corrections: Pick<CorrectionStore, "get" | "correct">;
  /** The archived pages (SNAPSHOT_STORE: the OpenSearch index by default). */
  snapshots: Pick<Snapshots, "get">;
  users: UserStore;
  apiKeys: ApiKeyStore;
  audit: AuditStore;
  sources: SourceHealthReader;
  sourceConfig: SourceConfig;
  alerts: Pick<AlertStore, "get" | "list" | "acknowledge">;
  cases: Pick<CaseStore, "get" | "list" | "create" | "apply">;
  /** The plan in force and its contracts (agency suggestions, compliance), read once. */
  planning: PlanningSource;
  /** Contract and plan obligations of a year, evaluated on the stored articles. */
  compliance: { evaluate(year: number, scope: Scope, now: number): Promise<Evaluation> };
  /** Contracts entered through the API (the files are read-only). */
  contracts: ContractStore;
  /** False claims entered through the API, and where the claim files are. */
  claims: { store: ClaimStore; dir: string; matcher: ClaimMatcher };
  /** The year-end report as a file (PDF printed by Chromium). */
  reports: {
    year(
      year: number,
      scope: Scope,
      format: ReportFormat,
      now: number,
    ): Promise<{ bytes: Buffer; name: string }>;
    /** Any report page printed to PDF by Chromium (the weekly pack). */
    pdf(html: string): Promise<Buffer>;
  };
  /** Coordinators' saved queries, matched against every new article by the alerts stage. */
  watchlists: Pick<WatchlistStore, "list" | "put" | "remove">;
  /** What a watchlist would have matched among the stored articles ("try it"). */
  watchlistTrial: WatchlistTrial;
  /** Shared rate-limit counters, so several API processes enforce one limit. */
  redis: RedisClient;
  /** The failed jobs of every queue, for the administrators' queue page (src/queue/failedJobs.ts). */
  queues?: Pick<FailedJobs, "counts" | "list" | "retry" | "retryAll">;
  /** The operators' alert budget (src/detect/budget.ts), read by the alerts workers. */
  alertBudget?: BudgetStore;
  checks: { redis(): Promise<ReachabilityCheck>; search(): Promise<ReachabilityCheck> };
}

/**
 * The plan and the contracts. The plan and the contract files are loaded on first use and kept (a
 * failed load is retried next time); the contracts entered through the API are read from the store
 * on every call, so a write is seen at once, by this process and every other.
 */
export interface PlanningSource {
  /** The plan and every contract in force: the files' and the API's. */
  load(): Promise<Sources>;
  /** The plan and the contract files only (which ids are read-only). */
  files(): Promise<Sources>;
}

export function filePlanning(
  planFile: string,
  contractsDir: string,
  stored?: Pick<ContractStore, "list">,
): PlanningSource {
  let loading: Promise<Sources> | null = null;
  const files = () => {
    loading ??= loadSources(planFile, contractsDir).catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
  return {
    files,
    async load() {
      const [sources, records] = await Promise.all([files(), stored?.list() ?? []]);
      if (records.length === 0) return sources;
      return {
        plan: sources.plan,
        contracts: mergeContracts(
          sources.contracts,
          records.map((record) => record.value),
        ),
      };
    },
  };
}

export interface AppConfig {
  sessionSecret: string;
  sessionTtlSeconds: number;
  /** Mark the session cookie Secure (production, behind HTTPS). */
  secureCookies: boolean;
  metricsToken?: string | undefined;
  /** How often the alert stream looks for new alerts (milliseconds; 3000 by default). */
  alertStreamPollMs?: number;
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
    secureCookies: env.COOKIE_SECURE ?? env.NODE_ENV === "production",
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

export function redisCheck(redis: RedisClient, timeoutMs = 2000): () => Promise<ReachabilityCheck> {
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

/** Everything the API process opens, and how to close it. */
export async function createDeps(
  env: Env,
  logger: Logger,
): Promise<{ deps: AppDeps; client: SearchClient; ready(): Promise<void>; close(): Promise<void> }> {
  const client = createSearchClient(searchOptions(env));
  // Fails fast rather than queueing ("request"): a rate-limit counter that cannot be read is
  // skipped (see plugins/rateLimit.ts) and /health reports Redis down instead of hanging.
  const redis = createRedis(redisTarget(env), "request", "presswatch-api");
  redis.on("error", (error) => logger.warn({ err: error }, "redis connection error"));
  const prefix = env.INDEX_PREFIX;
  const queues = new FailedJobs(redis, env.QUEUE_PREFIX);
  const articles = createArticleStore(client, { prefix, layout: layoutFromEnv(env) });
  const alerts = createAlertStore(client, { prefix });
  const cases = createCaseStore(client, { prefix });
  const watchlists = createWatchlistStore(client, { prefix });
  const contracts = createContractStore(client, { prefix });
  const claims = createClaimStore(client, { prefix });
  const sourceConfig = createSourceConfig(redis, {
    queuePrefix: env.QUEUE_PREFIX,
    sourcesDir: join(env.CONFIG_DIR, "sources"),
    logger,
  });
  const corrections = createCorrectionStore(client, { prefix });
  const planning = filePlanning(env.PLAN_FILE, defaultContractsDir(env.CONFIG_DIR), contracts);
  const deps: AppDeps = {
    articles,
    corrections,
    snapshots: snapshotsFor(env.SNAPSHOT_STORE, { client, prefix, dataDir: env.DATA_DIR }),
    users: createUserStore(client, { prefix }),
    apiKeys: createApiKeyStore(client, { prefix }),
    audit: createAuditStore(client, { prefix }),
    sources: createRedisSourceHealthReader(redis, {
      queuePrefix: env.QUEUE_PREFIX,
      catalog: sourceConfig.catalog,
    }),
    sourceConfig,
    alerts,
    alertBudget: createBudgetStore(redis, env.QUEUE_PREFIX),
    queues,
    cases,
    watchlists,
    watchlistTrial: createWatchlistTrial(client, { alias: articles.alias }),
    planning,
    compliance: {
      async evaluate(year, scope, now) {
        const sources = await planning.load();
        return evaluateYear({ ...sources, client, alias: articles.alias, year, scope, now });
      },
    },
    contracts,
    claims: {
      store: claims,
      dir: join(env.CONFIG_DIR, "claims"),
      matcher: createClaimMatcher(client, { alias: articles.alias }),
    },
    reports: {
      async year(year, scope, format, now) {
        const sources = await planning.load();
        const { report } = await gatherYearReport({
          ...sources,
          client,
          store: articles,
          year,
          scope,
          now,
          incidents: { alerts, cases },
        });
        return {
          bytes: await renderYearReport(report, format, env.CHROMIUM_PATH),
          name: reportFileName(sources.plan.id, scope, format),
        };
      },
      pdf: (html) => htmlToPdf(html, env.CHROMIUM_PATH),
    },
    redis,
    checks: { redis: redisCheck(redis), search: searchCheck(client) },
  };
  return {
    deps,
    client,
    /** Creates the indices the API reads and writes, if missing. */
    async ready() {
      await articles.ensureReady();
      await Promise.all([
        deps.users.ensureReady(),
        deps.apiKeys.ensureReady(),
        deps.audit.ensureReady(),
        alerts.ensureReady(),
        cases.ensureReady(),
        watchlists.ensureReady(),
        contracts.ensureReady(),
        claims.ensureReady(),
        corrections.ensureReady(),
      ]);
    },
    async close() {
      await queues.close();
      redis.disconnect();
      await client.close();
    },
  };
}
