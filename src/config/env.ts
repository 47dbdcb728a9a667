/**
 * Every environment variable Presswatch reads, in one schema, parsed once at start and passed down.
 * Nothing else reads `process.env`.
 */
import { z } from "zod";
import { parseRedisClusterNodes } from "./redisNodes.ts";

const port = z.coerce.number().int().min(1).max(65535);
const timeWindow = z
  .string()
  .regex(/^\d+\s*(ms|s|m|h|d|seconds?|minutes?|hours?|days?)$/, 'must look like "1 minute" or "30s"');
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`,
  );

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  REDIS_URL: url(["redis:", "rediss:"]).default("redis://127.0.0.1:6379"),
  /**
   * A Redis Cluster instead of REDIS_URL: its seed nodes (`host:port,host:port`, or redis:// URLs
   * with credentials; see redisNodes.ts). Every connection of every process then goes to the cluster.
   */
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined) return undefined;
      try {
        return parseRedisClusterNodes(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** One node, or several nodes of a cluster separated by commas: the client spreads requests and fails over. */
  OPENSEARCH_URL: z
    .string()
    .default("http://127.0.0.1:9200")
    .pipe(
      z
        .string()
        .refine(
          (value) =>
            value.split(",").every((part) => url(["http:", "https:"]).safeParse(part.trim()).success),
          "must be a URL starting with http:// or https://, or several separated by commas",
        ),
    ),
  OPENSEARCH_USERNAME: z.string().optional(),
  OPENSEARCH_PASSWORD: z.string().optional(),
  /**
   * A PEM file of the CA that signed the OpenSearch node's certificate, trusted by the search client
   * alone: every other outbound connection (crawling, webhooks, SMTP) keeps the system's CAs.
   */
  OPENSEARCH_CA_FILE: z.string().min(1).optional(),
  /** Prefix of every index, alias and template, so several deployments or tests share one node. */
  INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, "must be lower-case letters, digits, '_' or '-'")
    .default("presswatch"),
  /** Primary shards of each monthly article index (takes effect from the next month's index). */
  OPENSEARCH_SHARDS: z.coerce.number().int().min(1).max(64).default(1),
  /** Replicas of each article shard: 0 on one node, 1 or more on a cluster (applied at start). */
  OPENSEARCH_REPLICAS: z.coerce.number().int().min(0).max(8).default(0),
  /** How soon an indexed article is searchable; a busy cluster indexes faster with `30s`. */
  OPENSEARCH_REFRESH_INTERVAL: z
    .string()
    .regex(/^(-1|\d+(ms|s|m))$/, 'must look like "1s", "30s", "500ms" or "-1"')
    .default("1s"),
  /**
   * Prefix of every Redis key (BullMQ's queues and Presswatch's own), for the same reason; always
   * used hash-tagged (`presswatch` → `{presswatch}`, see `queueKeyPrefix`).
   */
  QUEUE_PREFIX: z
    .string()
    .min(1)
    .regex(/^[^{}]+$|^\{[^{}]+\}$/, "must not contain '{' or '}' except around the whole prefix")
    .default("presswatch")
    .transform(queueKeyPrefix),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: port.default(8080),
  /** Where local services keep data, pids and logs. */
  DATA_DIR: z.string().min(1).default("data"),
  /** Where `presswatch report` writes its file when no `--out` is given. */
  REPORTS_DIR: z.string().min(1).default("."),
  /**
   * Where archived pages are kept: `opensearch` (the `<prefix>-snapshots` index, readable by every
   * host), or `files` (DATA_DIR/snapshots on the crawl worker's own disk, for one-machine setups).
   */
  SNAPSHOT_STORE: z.enum(["opensearch", "files"]).default("opensearch"),
  PLAN_FILE: z.string().min(1).default("config/plans/kon-tum-2024.yaml"),
  CONFIG_DIR: z.string().min(1).default("config"),
  /**
   * The learned models (`presswatch analyze train`: themes, tone, relevance; gzip accepted); without
   * it, or with a model trained for another plan, the plan vocabulary and the tone lexicon work alone.
   */
  THEME_MODEL_FILE: z.string().min(1).default("config/models/analyzer.json.gz"),
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  /**
   * How an article's story candidates are found: `terms`, the story-term index in Redis (no engine
   * search per article), or `engine`, one `more_like_this` search each (bench/stories.ts compares them).
   */
  STORY_LOOKUP: z.enum(["terms", "engine"]).default("terms"),
  /**
   * Days an article's near-duplicate signature and bands stay in Redis (about 16 kB an article): a
   * copy published later starts a family of its own. Lower it for national volumes.
   */
  FAMILY_HISTORY_DAYS: z.coerce.number().int().min(1).max(365).default(45),
  /** Count the Redis commands and writes of each worker process, logged on SIGUSR2 (the benches). */
  REDIS_COUNT: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  /** Port of the local development OpenSearch node started by `presswatch services`. */
  OPENSEARCH_LOCAL_PORT: port.default(9200),
  /** A JDK 21+ for the local node; otherwise JAVA_HOME, then the newest JDK under JVM_DIR. */
  OPENSEARCH_JAVA_HOME: z.string().min(1).optional(),
  JAVA_HOME: z.string().min(1).optional(),
  JVM_DIR: z.string().min(1).default("/usr/lib/jvm"),
  OPENSEARCH_HEAP: z
    .string()
    .regex(/^\d+[mg]$/, "must look like 512m or 1g")
    .default("1g"),
  /** Signs session tokens; required in production, generated per process in development. */
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** How long a login session token lasts. */
  SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(10_080).default(720),
  /** With ADMIN_PASSWORD set, `presswatch api` creates this admin at start if no such user exists. */
  ADMIN_USERNAME: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, "must be 3-64 lower-case letters, digits, '.', '_' or '-'")
    .default("admin"),
  ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  /** Requests per window per user, API key or (unauthenticated) client address. */
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_WINDOW: timeWindow.default("1 minute"),
  /** Login attempts per window per client address. */
  LOGIN_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
  LOGIN_RATE_LIMIT_WINDOW: timeWindow.default("5 minutes"),
  /** Lets a Prometheus scraper read /metrics with `Authorization: Bearer <token>` (admins always can). */
  METRICS_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  /** Alert notification rules (webhooks, e-mail); a missing file means no notifications. */
  NOTIFICATIONS_FILE: z.string().min(1).default("config/notifications.yaml"),
  /** The SMTP server for alert e-mails: a URL (`smtps://user:pass@host:465`), or host/port/user/pass. */
  SMTP_URL: url(["smtp:", "smtps:"]).optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port.optional(),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  SMTP_SECURE: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "true" || value === "1")),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  /** The sender of alert e-mails, e.g. `Presswatch <canhbao@stttt.kontum.gov.vn>`. */
  MAIL_FROM: z.string().min(3).optional(),
  /**
   * Each worker process serves GET /metrics (Prometheus) and GET /health (JSON) on this port;
   * 0 turns the server off. A second process on the same machine needs another port.
   */
  WORKER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** Where the workers' /metrics and /health listen: loopback, or 0.0.0.0 in a container. */
  WORKER_HTTP_HOST: z.string().min(1).default("127.0.0.1"),
  /**
   * The OpenSearch snapshot repository `presswatch backup` and `restore` use: a filesystem
   * repository registered on first use at SNAPSHOT_LOCATION, a folder under the node's `path.repo`
   * (relative to it, or absolute inside it; shared by every node of a cluster).
   */
  SNAPSHOT_REPOSITORY: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, "must be lower-case letters, digits, '_' or '-'")
    .default("presswatch-backups"),
  SNAPSHOT_LOCATION: z.string().min(1).default("presswatch"),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (for rate limits, audit). */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  /**
   * Mark the session cookie `Secure` (sent over HTTPS only). Unset: on when NODE_ENV=production.
   * Keep it on behind any TLS proxy; turn it off only where the dashboard is served over plain HTTP.
   */
  COOKIE_SECURE: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "true" || value === "1")),
});

export type Env = z.infer<typeof envSchema>;

/**
 * The Redis key prefix of a QUEUE_PREFIX, in braces: Redis Cluster places keys by the part in
 * braces, so every key of a deployment (a BullMQ queue's dozen keys, and the multi-key scripts and
 * transactions of the host limiter, the families and the detectors) lands in one slot, as BullMQ
 * requires. On a single Redis the braces are just characters. Idempotent.
 */
export function queueKeyPrefix(prefix: string): string {
  return prefix.startsWith("{") && prefix.endsWith("}") ? prefix : `{${prefix}}`;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid environment:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses the environment, reporting one line per bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, source[key] === "" ? undefined : source[key]]),
  );
  const result = envSchema.safeParse(relevant);
  if (result.success) {
    if (result.data.NODE_ENV === "production" && !result.data.SESSION_SECRET) {
      throw new EnvError(["SESSION_SECRET: is required when NODE_ENV=production"]);
    }
    return result.data;
  }
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      // A secret that is wrong is still a secret: its value never reaches a log or a terminal.
      const shown = SECRET.test(name) ? "(hidden)" : JSON.stringify(relevant[name]);
      return `${issue.path.join(".")}=${shown}: ${issue.message}`;
    }),
  );
}

// REDIS_CLUSTER_NODES may carry a password in its URLs; its own messages name the entry without it.
const SECRET = /PASSWORD|SECRET|TOKEN|SMTP_URL|REDIS_CLUSTER_NODES/;

/**
 * The variables a configuration file names by reference (webhook secrets, `${VAR}` in the
 * notification rules): the process's environment, read here so that nothing else reads it.
 */
export function secretsFromEnvironment(): Record<string, string | undefined> {
  return process.env;
}
