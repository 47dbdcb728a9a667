/**
 * `presswatch demo`: the whole pipeline on a compressed month of demo data. It starts the local
 * services, a simulated press web (demo/) that publishes June 2024 in a few minutes, the crawl
 * workers and scheduler, the pipeline (analyze, index, alerts), the API with the dashboard, shows
 * live progress, and once the month has played and the queues are empty prints a summary. Then it
 * serves the dashboard until Ctrl-C (or exits at once with --exit).
 *
 *   demo [--minutes 3] [--articles 300] [--port 8080] [--prefix demo] [--exit] [--sources DIR]
 *
 * Everything runs under its own INDEX_PREFIX/QUEUE_PREFIX ("demo"), wiped at start, and its own
 * configuration directory under DATA_DIR, so the demo never touches real data or config/.
 * `--sources DIR` crawls the real outlets of those source files instead of the press web.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { pino } from "pino";
import { type DemoConfig, prepareDemoConfig } from "../../demo/config.ts";
import { DEMO_OUTLETS } from "../../demo/outlets.ts";
import { type PressWeb, startPressWeb } from "../../demo/pressWeb.ts";
import { formatProgress, type ProgressCounts, readProgress } from "../../demo/progress.ts";
import { formatSummary } from "../../demo/summary.ts";
import { buildTimeline, DEMO_MONTH, DEMO_YEAR } from "../../demo/timeline.ts";
import { wipeDemoData } from "../../demo/wipe.ts";
import { type Env, parseEnv } from "../../src/config/env.ts";
import { loadContracts } from "../../src/contracts/load.ts";
import type { Lang } from "../../src/notify/text.ts";
import { loadPlan } from "../../src/plan/load.ts";
import { createRedis, redisTarget } from "../../src/queue/connection.ts";
import { evaluateYear } from "../../src/reports/gather.ts";
import { createAlertStore } from "../../src/store/alerts.ts";
import {
  createArticleStore,
  createSearchClient,
  layoutFromEnv,
  searchOptions,
} from "../../src/store/index.ts";
import { createUserStore, newUserRecord } from "../../src/store/users.ts";
import { servicesUp } from "../../tools/services/index.ts";
import { PIPELINE_ROLES, startRoles, startScheduler } from "../../workers/roles.ts";
import { type CommandSpec, parseCommand, usageError } from "../args.ts";
import { CliError } from "../errors.ts";

const DEMO: CommandSpec = {
  name: "demo",
  summary:
    "Plays a month of a simulated press web (June 2024) through every worker, the API and the dashboard, prints a summary, then serves the dashboard until Ctrl-C. Everything runs under its own prefix, wiped at start.",
  usage: [
    "[--minutes 3] [--articles 300] [--port 8080] [--prefix demo] [--exit] [--sources DIR] [--lang vi|en]",
  ],
  options: {
    minutes: { type: "string", value: "N", help: "length of the month in minutes (default 3)" },
    articles: { type: "string", value: "N", help: "partner articles (default 300)" },
    port: { type: "string", value: "N", help: "the dashboard's port (default 8080)" },
    prefix: {
      type: "string",
      value: "P",
      help: 'index and queue prefix (default "demo"; never "presswatch")',
    },
    sources: { type: "string", value: "DIR", help: "crawl the real outlets of these source files instead" },
    lang: { type: "string", value: "vi|en", help: "the summary's language (default vi)" },
    exit: { type: "boolean", help: "exit after the summary" },
  },
};

interface Options {
  minutes: number;
  articles: number;
  port: number;
  prefix: string;
  sources: string | undefined;
  /** The language of the alert texts in the summary (Vietnamese unless told). */
  lang: Lang;
  exit: boolean;
}

function parseOptions(args: string[]): Options {
  const { values } = parseCommand(DEMO, args);
  const number = (name: string, fallback: number, integer: boolean) => {
    const value = values[name] === undefined ? fallback : Number(values[name]);
    if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value)))
      throw usageError(DEMO, `--${name} must be a positive ${integer ? "integer" : "number"}`);
    return value;
  };
  const prefix = typeof values.prefix === "string" ? values.prefix : "demo";
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(prefix) || prefix === "presswatch")
    throw usageError(DEMO, `--prefix must be lower-case letters, digits, '_' or '-', and not "presswatch"`);
  const lang = typeof values.lang === "string" ? values.lang : "vi";
  if (lang !== "vi" && lang !== "en") throw usageError(DEMO, `--lang must be vi or en, not "${lang}"`);
  return {
    lang,
    minutes: number("minutes", 3, false),
    articles: number("articles", 300, true),
    port: number("port", 8080, true),
    prefix,
    sources: typeof values.sources === "string" ? values.sources : undefined,
    exit: values.exit === true,
  };
}

/** Resolves on the first SIGINT or SIGTERM; every wait of the demo races against it. */
function signalled(): { promise: Promise<string>; dispose(): void } {
  let handler: (signal: string) => void = () => {};
  const promise = new Promise<string>((resolve) => {
    handler = resolve;
  });
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
  return {
    promise,
    dispose: () => {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runDemo(args: string[]): Promise<number> {
  const options = parseOptions(args);
  const baseEnv: Env = parseEnv();
  const stop = signalled();
  const started = Date.now();
  const real = options.sources !== undefined;
  console.log(
    real
      ? `Presswatch demo against the real outlets of ${options.sources}`
      : "Presswatch demo: a simulated press web publishes June 2024 (demo data, no real outlet is contacted)",
  );

  console.log("\n1. Local services");
  for (const line of await servicesUp(baseEnv, { install: true, log: (line) => console.log(`   ${line}`) }))
    console.log(`   ${line}`);

  // Everything the demo starts is closed in reverse order, on success, failure or Ctrl-C.
  const closers: Array<{ name: string; close: () => Promise<unknown> }> = [];
  const closeAll = async () => {
    for (const { close } of closers.reverse()) await close().catch(() => {});
    closers.length = 0;
  };

  try {
    const timeline = real ? null : buildTimeline({ articles: options.articles });
    const durationMs = options.minutes * 60_000;
    let web: PressWeb | null = null;
    if (timeline) {
      web = await startPressWeb(timeline, { durationMs });
      const press = web;
      closers.push({ name: "press web", close: () => press.close() });
    }
    // A day of the month lasts minutes/30; polling a few times a day keeps every feed item in view.
    const pollMs = Math.max(1_000, Math.min(5_000, Math.round(durationMs / 30 / 3)));
    const config: DemoConfig = await prepareDemoConfig({
      dataDir: baseEnv.DATA_DIR,
      prefix: options.prefix,
      configDir: baseEnv.CONFIG_DIR,
      planFile: baseEnv.PLAN_FILE,
      pressWeb: web,
      ...(options.sources ? { sourcesDir: options.sources } : {}),
      poll: { intervalMs: pollMs },
    });
    const password = randomBytes(9).toString("base64url");
    const env: Env = {
      ...baseEnv,
      INDEX_PREFIX: options.prefix,
      QUEUE_PREFIX: options.prefix,
      CONFIG_DIR: config.configDir,
      PLAN_FILE: config.planFile,
      PORT: options.port,
      // The API's own log would interleave with the progress lines: only its errors show.
      LOG_LEVEL: "error",
      SESSION_SECRET: baseEnv.SESSION_SECRET ?? randomBytes(32).toString("hex"),
    };
    const logFile = join(baseEnv.DATA_DIR, "demo", options.prefix, "workers.log");
    const logger = pino(
      { level: baseEnv.LOG_LEVEL, base: { service: "presswatch", role: "demo" } },
      pino.destination({ dest: logFile, sync: false }),
    );

    console.log(
      `\n2. Store and queues under the prefix "${options.prefix}" (the previous demo run is wiped)`,
    );
    const client = createSearchClient(searchOptions(env));
    closers.push({ name: "search client", close: () => client.close() });
    const redis = createRedis(redisTarget(env), "commands", "presswatch-demo");
    closers.push({ name: "redis", close: async () => redis.disconnect() });
    await wipeDemoData(client, redis, { index: env.INDEX_PREFIX, queue: env.QUEUE_PREFIX });
    const plan = await loadPlan(env.PLAN_FILE);
    const store = createArticleStore(client, {
      prefix: env.INDEX_PREFIX,
      timeZone: plan.timezone,
      layout: layoutFromEnv(env),
    });
    const state = await store.ensureReady();
    const alerts = createAlertStore(client, { prefix: env.INDEX_PREFIX });
    await alerts.ensureReady();
    const users = createUserStore(client, { prefix: env.INDEX_PREFIX });
    await users.ensureReady();
    const username = "demo-coordinator";
    await users.create(
      await newUserRecord({ username, password, role: "coordinator", agency: null, createdBy: "demo" }),
    );
    console.log(`   index ${state.alias}; sources in ${config.sourcesDir}; worker log in ${logFile}`);

    console.log("\n3. Workers, API and dashboard");
    // Every role but the scheduler now; the scheduler once the simulated press web publishes.
    const running = await startRoles(["discover", "fetch", "render", ...PIPELINE_ROLES], {
      env,
      logger,
      crawl: { sourcesDir: config.sourcesDir, sourcesCheckMs: 1_000, schedulerTickMs: 1_000 },
    });
    closers.push({ name: "workers", close: () => running.stop() });
    const crawl = running.crawl!;
    const { startServer } = await import("../../api/server.ts");
    const api = await startServer(env).catch((error: Error) => {
      throw new CliError(`the API cannot listen on ${env.HOST}:${env.PORT} (${error.message}); try --port`);
    });
    closers.push({ name: "api", close: () => api.close() });
    const dashboard = `http://${env.HOST}:${env.PORT}/`;
    console.log(`   roles: discover, fetch, render, scheduler, ${PIPELINE_ROLES.join(", ")}`);
    console.log(`   dashboard ${dashboard}  login ${username} / ${password}`);

    console.log(
      real
        ? `\n4. Crawling for ${options.minutes} min`
        : `\n4. Playing June 2024 in ${options.minutes} min (${timeline!.articles.length} articles, ${DEMO_OUTLETS.length} outlets)`,
    );
    web?.start();
    const scheduler = startScheduler(crawl);
    closers.push({ name: "scheduler", close: () => scheduler.stop() });
    const progressSources = {
      queue: (key: Parameters<typeof crawl.producers.queue>[0]) => crawl.producers.queue(key),
      published: () => (web ? web.published().length : null),
      indexed: async () => {
        await store.refresh();
        return store.count();
      },
      alerts: async () => (await alerts.list({ size: 500 })).length,
    };
    const playStarted = Date.now();
    let last: ProgressCounts | null = null;
    let firstIndexed: number | null = null;
    let lastIndexedAt = playStarted;
    let lastIndexedCount: number | null = null;
    const tick = async () => {
      last = await readProgress(progressSources);
      if (last.indexed > 0 && firstIndexed === null) firstIndexed = Date.now();
      if (last.indexed !== (lastIndexedCount ?? -1)) lastIndexedAt = Date.now();
      lastIndexedCount = last.indexed;
      console.log(`   ${formatProgress(last, Date.now() - playStarted, web ? web.progress() : undefined)}`);
      return last;
    };

    // Play the month (or crawl for --minutes), then wait until the queues are empty.
    const playEnd = playStarted + durationMs;
    const drainLimit = playEnd + Math.max(60_000, durationMs);
    let interrupted = false;
    for (;;) {
      const counts = await tick();
      const now = Date.now();
      const played = now >= playEnd;
      const drained =
        counts.pending === 0 && (counts.published === null || counts.indexed >= counts.published);
      if (played && drained) break;
      if (now >= drainLimit) {
        console.log("   the queues did not drain in time: summarising what was indexed");
        break;
      }
      const winner = await Promise.race([sleep(3_000).then(() => null), stop.promise]);
      if (winner) {
        interrupted = true;
        break;
      }
    }
    await scheduler.stop();

    if (!interrupted) {
      const finalCounts = last as ProgressCounts | null;
      const indexed = finalCounts?.indexed ?? 0;
      const spanS = (firstIndexed !== null ? lastIndexedAt - playStarted : 0) / 1000 || 1;
      const throughput = `${indexed} articles end to end in ${spanS.toFixed(0)} s from the first publication (${(indexed / spanS).toFixed(1)} articles/s, paced by the timeline)`;
      const month = real ? currentMonth(plan.timezone) : { year: DEMO_YEAR, month: DEMO_MONTH };
      const key = `${month.year}-${String(month.month).padStart(2, "0")}`;
      const lastDay = new Date(Date.UTC(month.year, month.month, 0)).getUTCDate();
      const coverage = await store.coverage({
        period: "month",
        from: `${key}-01`,
        to: `${key}-${lastDay}`,
        filters: {},
        by: ["theme", "outlet"],
      });
      const contracts = await loadContracts(join(config.configDir, "contracts"), plan);
      const evaluation = await evaluateYear({
        plan,
        contracts,
        client,
        alias: store.alias,
        year: plan.year,
        scope: { type: "plan" },
        // As of the end of the month: its columns are then met or missed, not "at risk".
        now: Date.parse(
          `${month.month === 12 ? month.year + 1 : month.year}-${String((month.month % 12) + 1).padStart(2, "0")}-01T00:00:00+07:00`,
        ),
      });
      evaluation.rows = evaluation.rows.filter((row) => row.from <= `${key}-31` && row.to >= `${key}-01`);
      const outletIds = real
        ? [...new Set(coverage.rows.map((r) => r.outlet ?? ""))].filter(Boolean)
        : DEMO_OUTLETS.map((o) => o.id);
      const names = new Map(plan.outlets.map((o) => [o.id, o.name]));
      console.log(
        `\n${formatSummary({
          month: key,
          themes: plan.themes.map((t) => ({ id: t.id, name: t.name })),
          outlets: outletIds.map((id, i) => ({ id, short: `O${i + 1}`, name: names.get(id) ?? id })),
          coverage: coverage.rows,
          alerts: await alerts.list({ size: 500 }),
          lang: options.lang,
          labels: {
            themes: Object.fromEntries(plan.themes.map((t) => [t.id, t.name])),
            agencies: Object.fromEntries(plan.agencies.map((a) => [a.id, a.name])),
            outlets: Object.fromEntries(names),
          },
          evaluation,
          published: web ? web.published().length : null,
          indexed,
          throughput,
          dashboard: { url: dashboard, username, password },
        })}`,
      );
      if (!options.exit) {
        console.log("\nThe dashboard stays up: Ctrl-C stops everything.");
        await stop.promise;
      }
    }
    console.log("\nStopping: scheduler, workers, API, press web…");
    await closeAll();
    logger.flush();
    console.log(`Stopped after ${((Date.now() - started) / 1000).toFixed(0)} s.`);
    return 0;
  } finally {
    await closeAll();
    stop.dispose();
  }
}

function currentMonth(timeZone: string): { year: number; month: number } {
  const [year, month] = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" })
    .format(new Date())
    .split("-")
    .map(Number) as [number, number];
  return { year, month };
}
