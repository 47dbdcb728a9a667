/**
 * Builds the real app against the real OpenSearch node and Redis, isolated under a unique index
 * prefix, and removes everything it created afterwards.
 */
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { pino } from "pino";
import { type AppConfig, type AppDeps, appConfig, createDeps } from "../../../api/context.ts";
import { buildServer } from "../../../api/server.ts";
import type { Role } from "../../../src/auth/roles.ts";
import { parseEnv, queueKeyPrefix } from "../../../src/config/env.ts";
import type { ArticleDoc } from "../../../src/model/article.ts";
import { type ArticleStore, createArticleStore } from "../../../src/store/articles.ts";
import type { SearchClient } from "../../../src/store/client.ts";
import { newUserRecord } from "../../../src/store/users.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";

export interface TestApi {
  app: FastifyInstance;
  prefix: string;
  client: SearchClient;
  deps: AppDeps;
  articles: ArticleStore;
  config: AppConfig;
  /** Every log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  label?: string;
  rateLimit?: Partial<AppConfig["rateLimit"]>;
  config?: Partial<Omit<AppConfig, "rateLimit">>;
  /** Replace some dependencies (a failing store, a dead Redis check). */
  deps?: (deps: AppDeps) => Partial<AppDeps>;
}

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const prefix = uniqueName(options.label ?? "api");
  const { openSearchUrl, redisUrl } = services();
  const env = parseEnv({
    INDEX_PREFIX: prefix,
    OPENSEARCH_URL: openSearchUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
  });
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: "info" }, sink);
  const resources = await createDeps(env, logger);
  await resources.ready();
  const deps = { ...resources.deps, ...options.deps?.(resources.deps) };
  const base = appConfig(env);
  const config: AppConfig = {
    ...base,
    ...options.config,
    // Generous by default so table-driven tests are not throttled; tests of the limiter lower it.
    rateLimit: { ...base.rateLimit, max: 100_000, loginMax: 1_000, ...options.rateLimit },
  };
  const app = await buildServer({ deps, config }, { logger, trustProxy: false });
  const articles = createArticleStore(resources.client, { prefix });
  return {
    app,
    prefix,
    client: resources.client,
    deps,
    articles,
    config,
    logs,
    async close() {
      await app.close();
      await removeIndices(resources.client, prefix);
      const keys = await resources.deps.redis.keys(`${queueKeyPrefix(prefix)}:*`);
      if (keys.length) await resources.deps.redis.del(...keys);
      await resources.close();
    },
  };
}

export async function removeIndices(client: SearchClient, prefix: string): Promise<void> {
  const response = await client.cat.indices({ index: `${prefix}-*`, format: "json" }, { ignore: [404] });
  const names = ((response.body as Array<{ index?: string }> | undefined) ?? []).map((row) => row.index!);
  for (const index of names) await client.indices.delete({ index }, { ignore: [404] });
  await client.indices.deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] });
}

export async function indexArticles(api: TestApi, docs: ArticleDoc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 1000) {
    const result = await api.articles.index(docs.slice(i, i + 1000));
    if (result.failed.length) throw new Error(`fixture indexing failed: ${JSON.stringify(result.failed[0])}`);
  }
  await api.articles.refresh();
}

/** Creates a user straight in the store (as the CLI would). */
export async function addUser(api: TestApi, username: string, role: Role, agency: string | null = null) {
  const password = `mật khẩu dài ${username} 2024`;
  const user = await newUserRecord({ username, password, role, agency, createdBy: "test" });
  await api.deps.users.create(user);
  return { username, password };
}

export async function login(api: TestApi, username: string, password: string): Promise<string> {
  const response = await api.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  return response.json().token as string;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
