// Drill: backup and restore on a node of the drill's own (its own port and data directory, whose
// path.repo holds the snapshot repository). Articles go through the real analyze and index
// workers, an alert opens a case through the real API (login and case actions write the audit
// log), one job fails for good; `presswatch backup` snapshots everything, the drill wipes the
// prefix (every index deleted, every Redis key under the queue prefix removed), `presswatch
// restore` brings back the latest snapshot, and every article, case, audit entry, user and the
// failed job are found again.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appConfig, createDeps } from "../../../api/context.ts";
import { buildServer } from "../../../api/server.ts";
import { parseEnv, queueKeyPrefix } from "../../../src/config/env.ts";
import { spikeAlert } from "../../../src/detect/alerts.ts";
import { createLogger } from "../../../src/log.ts";
import type { CaseRecord } from "../../../src/model/case.ts";
import { QUEUES } from "../../../src/queue/contract.ts";
import { countKeys } from "../../../src/queue/redisDump.ts";
import { createAlertStore } from "../../../src/store/alerts.ts";
import { createCaseStore } from "../../../src/store/cases.ts";
import { createArticleStore, createSearchClient } from "../../../src/store/index.ts";
import { familyCounts } from "../../../src/store/snapshots.ts";
import { newUserRecord } from "../../../src/store/users.ts";
import { openSearchDown, openSearchUp } from "../../../tools/services/opensearch.ts";
import { startRoles } from "../../../workers/roles.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";
import { asExtracted, syntheticArticles } from "../../helpers/syntheticArticles.ts";
import { deleteKeys, until } from "./support.ts";

const REPO = join(import.meta.dirname, "../../..");
const PORT = 9273;
const ARTICLES = 150;
const prefix = uniqueName("drill-restore");
const url = `http://127.0.0.1:${PORT}`;
const env = parseEnv({
  REDIS_URL: services().redisUrl,
  OPENSEARCH_URL: url,
  INDEX_PREFIX: prefix,
  QUEUE_PREFIX: prefix,
  LOG_LEVEL: "silent",
});
const java = parseEnv();
const client = createSearchClient({ url, requestTimeoutMs: 60_000 });
const redis = new Redis(services().redisUrl, { maxRetriesPerRequest: null });
const articles = createArticleStore(client, { prefix });
const cases = createCaseStore(client, { prefix });
const docs = syntheticArticles(ARTICLES, 4242);
let dataDir = "";

interface State {
  counts: Record<string, number>;
  articleIds: string[];
  caseRecord: CaseRecord | null;
  auditIds: string[];
  failedJobs: string[];
  redisKeys: number;
}
let before: State;
let wiped: State;
let after: State;
let backupOutput = "";
let restoreOutput = "";

/** `presswatch <args>` on the drill's node and prefix; its output, or a throw with it. */
function presswatch(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, "bin/presswatch.js"), ...args], {
      cwd: REPO,
      env: {
        ...process.env,
        REDIS_URL: env.REDIS_URL,
        OPENSEARCH_URL: url,
        INDEX_PREFIX: prefix,
        QUEUE_PREFIX: prefix,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.once("exit", (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`presswatch ${args.join(" ")} exited ${code}:\n${output}`)),
    );
  });
}

async function allIds(index: string, field = "id"): Promise<string[]> {
  const response = await client.search(
    { index, body: { size: 10_000, _source: [field], query: { match_all: {} } } },
    { ignore: [404] },
  );
  if (response.statusCode === 404) return [];
  const hits = (response.body as { hits: { hits: Array<{ _id: string }> } }).hits.hits;
  return hits.map((hit) => hit._id).sort();
}

async function read(caseId: string): Promise<State> {
  await client.indices.refresh({ index: `${prefix}-*` }, { ignore: [404] });
  // Read straight from Redis: a BullMQ Queue object would write its own meta key under the prefix.
  const failedIds = await redis.zrange(`${queueKeyPrefix(prefix)}:${QUEUES.analyze.name}:failed`, 0, -1);
  const failedJobs = (
    await Promise.all(
      failedIds.map(
        async (id) =>
          `${id}: ${await redis.hget(`${queueKeyPrefix(prefix)}:${QUEUES.analyze.name}:${id}`, "failedReason")}`,
      ),
    )
  ).sort();
  return {
    counts: await familyCounts(client, prefix),
    articleIds: await allIds(`${prefix}-articles`),
    caseRecord: await cases.get(caseId).catch(() => null),
    auditIds: await allIds(`${prefix}-audit`),
    failedJobs,
    redisKeys: await countKeys(redis, queueKeyPrefix(prefix)),
  };
}

let caseId = "";

describe("backup, wipe, restore", () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "presswatch-drill-restore-"));
    await openSearchUp({ dataDir, port: PORT, heap: "512m", java, startTimeoutMs: 240_000 });

    // Articles through the real workers; one job the contract refuses stays in the failed list.
    const running = await startRoles(["analyze", "index"], { env, logger: createLogger("silent") });
    try {
      await running.pipeline!.producers.addBulk(
        "analyze",
        docs.map((doc) => ({ payload: asExtracted(doc), jobId: doc.id })),
      );
      await running
        .pipeline!.producers.queue("analyze")
        .add("analyze", { broken: true }, { ...QUEUES.analyze.jobOptions, jobId: "broken-payload" });
      await until(
        async () => {
          await articles.refresh();
          return (await articles.count()) === ARTICLES;
        },
        180_000,
        500,
      );
    } finally {
      await running.stop();
    }

    // A coordinator opens a case from an alert and works it, through the real API.
    const resources = await createDeps(
      env,
      pino({ level: "silent" }, new Writable({ write: (_c, _e, done) => done() })),
    );
    await resources.ready();
    const app = await buildServer(
      {
        deps: resources.deps,
        config: { ...appConfig(env), rateLimit: { ...appConfig(env).rateLimit, max: 100_000 } },
      },
      { logger: pino({ level: "silent" }), trustProxy: false },
    );
    try {
      const alert = spikeAlert(
        { dimension: "theme", value: "agriculture", measure: "negative" },
        {
          bucket: Date.parse("2024-06-12T02:00:00Z"),
          count: 6,
          expected: 0.5,
          sd: 0.8,
          z: 6.9,
          score: 8,
          alert: true,
          ids: docs.slice(0, 3).map((d) => d.id),
        },
        new Date("2024-06-12T02:15:00Z"),
      );
      await createAlertStore(client, { prefix }).put(alert, { refresh: true });
      const password = "mật khẩu diễn tập khôi phục";
      await resources.deps.users.create(
        await newUserRecord({
          username: "dieu-phoi",
          password,
          role: "coordinator",
          agency: null,
          createdBy: "drill",
        }),
      );
      const login = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "dieu-phoi", password },
      });
      expect(login.statusCode).toBe(200);
      const auth = { authorization: `Bearer ${login.json().token as string}` };
      const created = await app.inject({
        method: "POST",
        url: "/api/cases",
        headers: auth,
        payload: {
          title: "Tin sai về giá sâm Ngọc Linh",
          alert_ids: [alert.id],
          article_ids: docs.slice(0, 3).map((d) => d.id),
        },
      });
      expect(created.statusCode).toBe(201);
      caseId = created.json().case.id as string;
      const noted = await app.inject({
        method: "POST",
        url: `/api/cases/${caseId}/actions`,
        headers: auth,
        payload: {
          version: created.json().case.version,
          action: { type: "note", text: "Đã liên hệ Sở Nông nghiệp" },
        },
      });
      expect(noted.statusCode).toBe(200);
    } finally {
      await app.close();
      await resources.close();
    }
    await until(async () => (await allIds(`${prefix}-audit`)).length >= 3, 30_000, 250);

    before = await read(caseId);
    backupOutput = await presswatch(["backup"]);

    // The wipe: every index of the prefix and every Redis key under it.
    await client.indices.delete({ index: `${prefix}-*` });
    await deleteKeys(services().redisUrl, queueKeyPrefix(prefix));
    wiped = await read(caseId);

    restoreOutput = await presswatch(["restore"]);
    after = await read(caseId);
    console.log(
      [
        "[drill] backup:",
        backupOutput.trim(),
        "[drill] restore:",
        restoreOutput.trim(),
        `[drill] articles ${before.articleIds.length} → wiped ${wiped.articleIds.length} → restored ${after.articleIds.length}`,
        `[drill] cases ${before.counts.cases} → wiped ${wiped.counts.cases ?? 0} → restored ${after.counts.cases}`,
        `[drill] audit entries ${before.auditIds.length} → wiped ${wiped.auditIds.length} → restored ${after.auditIds.length}`,
        `[drill] failed jobs ${before.failedJobs.length} → wiped ${wiped.failedJobs.length} → restored ${after.failedJobs.length}`,
        `[drill] Redis keys ${before.redisKeys} → wiped ${wiped.redisKeys} → restored ${after.redisKeys}`,
      ].join("\n"),
    );
  }, 900_000);

  afterAll(async () => {
    await client.close();
    redis.disconnect();
    if (dataDir) {
      await openSearchDown(dataDir);
      await rm(dataDir, { recursive: true, force: true });
    }
    await deleteKeys(services().redisUrl, queueKeyPrefix(prefix));
  }, 120_000);

  it("the wipe left nothing", () => {
    expect(wiped.articleIds).toEqual([]);
    expect(wiped.caseRecord).toBeNull();
    expect(wiped.auditIds).toEqual([]);
    expect(wiped.redisKeys).toBe(0);
  });

  it("finds every article again", () => {
    expect(before.articleIds.length).toBe(ARTICLES);
    expect(after.articleIds).toEqual(before.articleIds);
  });

  it("finds the case again with its whole timeline, and every audit entry", () => {
    expect(before.caseRecord).not.toBeNull();
    expect(after.caseRecord).toEqual(before.caseRecord);
    expect(before.auditIds.length).toBeGreaterThanOrEqual(3);
    expect(after.auditIds).toEqual(before.auditIds);
    expect(after.counts).toEqual(before.counts);
  });

  it("puts the queues back: the failed job with its error, every Redis key", () => {
    expect(before.failedJobs).toHaveLength(1);
    expect(after.failedJobs).toEqual(before.failedJobs);
    expect(after.redisKeys).toBe(before.redisKeys);
  });

  it("showed its progress and named the snapshot it restored", () => {
    const name = /snapshot (\S+) in /.exec(backupOutput)?.[1];
    expect(name).toBeTruthy();
    expect(backupOutput).toMatch(/shards/);
    expect(restoreOutput).toContain(`restored ${name}`);
    expect(restoreOutput).toMatch(/shards recovered/);
  });
});
