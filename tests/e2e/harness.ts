/**
 * A running stack for the browser tests: the dashboard built by Vite into a temporary folder, the
 * real API app (plus the dashboard plugin) listening on 127.0.0.1 on a free port, backed by the
 * real OpenSearch node and Redis under a unique index and queue prefix, and Debian's Chromium.
 * Everything it creates is removed by `close()`.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from "fastify";
import { pino } from "pino";
import type { Browser, Page } from "playwright";
import { app as apiApp } from "../../api/app.ts";
import { type AppConfig, type AppDeps, type AppOptions, appConfig, createDeps } from "../../api/context.ts";
import { dashboardPlugin } from "../../api/plugins/dashboard.ts";
import { serverOptions } from "../../api/server.ts";
import type { Role } from "../../src/auth/roles.ts";
import { launchChromium } from "../../src/browser/chromium.ts";
import { parseEnv, queueKeyPrefix } from "../../src/config/env.ts";
import type { ArticleDoc } from "../../src/model/article.ts";
import { loadPlan } from "../../src/plan/load.ts";
import type { Plan } from "../../src/plan/schema.ts";
import { type ArticleStore, createArticleStore } from "../../src/store/articles.ts";
import type { SearchClient } from "../../src/store/client.ts";
import { newUserRecord } from "../../src/store/users.ts";
import { services, uniqueName } from "../helpers/isolation.ts";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const SCREENSHOTS = join(REPO, "test-results", "screenshots");

/** Builds web/ with its own Vite config into a fresh folder; returns the folder. */
export async function buildDashboard(): Promise<string> {
  const { build } = await import("vite");
  const outDir = await mkdtemp(join(tmpdir(), "presswatch-web-"));
  await build({
    configFile: join(REPO, "web", "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

export interface Stack {
  baseUrl: string;
  server: FastifyInstance;
  deps: AppDeps;
  articles: ArticleStore;
  client: SearchClient;
  prefix: string;
  plan: Plan;
  browser: Browser;
  addUser(
    username: string,
    role: Role,
    agency?: string | null,
  ): Promise<{ username: string; password: string }>;
  index(docs: ArticleDoc[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * `plugins` are registered after the app and the dashboard (routes a test needs that the app does
 * not have yet).
 */
export async function startStack(
  label: string,
  plugins: FastifyPluginAsync<AppOptions>[] = [],
): Promise<Stack> {
  const prefix = uniqueName(label);
  const { openSearchUrl, redisUrl, chromiumPath } = services();
  const env = parseEnv({
    INDEX_PREFIX: prefix,
    QUEUE_PREFIX: prefix,
    OPENSEARCH_URL: openSearchUrl,
    REDIS_URL: redisUrl,
    CONFIG_DIR: join(REPO, "config"),
  });
  const [root, plan] = await Promise.all([buildDashboard(), loadPlan(join(REPO, env.PLAN_FILE))]);
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const logger = pino({ level: "warn" }, sink);
  const resources = await createDeps(env, logger);
  await resources.ready();
  const base = appConfig(env);
  const config: AppConfig = { ...base, rateLimit: { ...base.rateLimit, max: 100_000, loginMax: 1_000 } };

  const server = Fastify(serverOptions({ logger, trustProxy: false }));
  await server.register(apiApp, { deps: resources.deps, config });
  await server.register(dashboardPlugin, { root, plan });
  for (const plugin of plugins) await server.register(plugin, { deps: resources.deps, config });
  await server.listen({ host: "127.0.0.1", port: 0 });
  const baseUrl = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const articles = createArticleStore(resources.client, { prefix });
  const browser = await launchChromium(chromiumPath);
  await mkdir(SCREENSHOTS, { recursive: true });

  return {
    baseUrl,
    server,
    deps: resources.deps,
    articles,
    client: resources.client,
    prefix,
    plan,
    browser,
    async addUser(username, role, agency = null) {
      const password = `mật khẩu e2e ${username} 2024`;
      await resources.deps.users.create(
        await newUserRecord({ username, password, role, agency, createdBy: "e2e" }),
      );
      return { username, password };
    },
    async index(docs) {
      for (let i = 0; i < docs.length; i += 1000) {
        const result = await articles.index(docs.slice(i, i + 1000));
        if (result.failed.length)
          throw new Error(`fixture indexing failed: ${JSON.stringify(result.failed[0])}`);
      }
      await articles.refresh();
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      const listed = await resources.client.cat.indices(
        { index: `${prefix}-*`, format: "json" },
        { ignore: [404] },
      );
      for (const row of (listed.body as Array<{ index?: string }> | undefined) ?? []) {
        if (row.index) await resources.client.indices.delete({ index: row.index }, { ignore: [404] });
      }
      await resources.client.indices.deleteIndexTemplate(
        { name: `${prefix}-articles-template` },
        { ignore: [404] },
      );
      const keys = await resources.deps.redis.keys(`${queueKeyPrefix(prefix)}:*`);
      if (keys.length) await resources.deps.redis.del(...keys);
      await resources.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * A page that fails the test on any dialog (alert, confirm, prompt) and on uncaught page errors,
 * and records both so a test can assert there were none.
 */
export async function openPage(
  stack: Stack,
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<{ page: Page; dialogs: string[]; pageErrors: string[]; close(): Promise<void> }> {
  const context = await stack.browser.newContext({
    viewport: options.viewport ?? { width: 1366, height: 900 },
    locale: options.locale ?? "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return { page, dialogs, pageErrors, close: () => context.close() };
}

export async function signIn(
  page: Page,
  stack: Stack,
  user: { username: string; password: string },
): Promise<void> {
  await page.goto(`${stack.baseUrl}/#/search`);
  await page.getByLabel("Tên đăng nhập").fill(user.username);
  await page.getByLabel("Mật khẩu").fill(user.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByTestId("signed-in-as").waitFor();
}

export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}
