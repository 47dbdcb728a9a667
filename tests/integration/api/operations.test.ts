// /health (public, 200/503 without leaking addresses), /metrics (admin or METRICS_TOKEN) and
// /api/sources (configured sources joined with the crawler's health records in Redis).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisCheck } from "../../../api/context.ts";
import { createSourceHealthReader } from "../../../api/sources.ts";
import { afterRun } from "../../../src/crawl/health.ts";
import { HealthStore } from "../../../src/crawl/healthStore.ts";
import { createRedis } from "../../../src/queue/connection.ts";
import type { Source } from "../../../src/sources/schema.ts";
import { addUser, bearer, login, startTestApi, type TestApi } from "./helpers.ts";

const METRICS_TOKEN = randomBytes(24).toString("hex");
const SOURCES = [
  {
    id: "baokontum-rss",
    outletId: "baokontum",
    outletName: "Báo Kon Tum",
    kind: "feed",
    url: "https://baokontum.example.vn/rss",
    enabled: true,
  },
  {
    id: "krt-sitemap",
    outletId: "krt",
    outletName: "Đài PT-TH Kon Tum",
    kind: "sitemap",
    url: "https://krt.example.vn/sitemap.xml",
    enabled: true,
  },
  {
    id: "portal-news",
    outletId: "kontum-portal",
    outletName: "Cổng TTĐT tỉnh",
    kind: "listing",
    url: "https://kontum.example.vn/tin",
    enabled: false,
  },
] as Source[];

// The queue prefix the health records live under; removed with the test's other Redis keys.
const uniquePrefix = `t-api-ops-health-${randomBytes(3).toString("hex")}`;

let api: TestApi;
let admin: Record<string, string>;
let health: HealthStore;

beforeAll(async () => {
  api = await startTestApi({
    label: "api-ops",
    config: { metricsToken: METRICS_TOKEN },
    deps: (deps) => {
      health = new HealthStore(deps.redis, uniquePrefix);
      return {
        sources: createSourceHealthReader({ catalog: { all: async () => ({ sources: SOURCES }) }, health }),
      };
    },
  });
  const user = await addUser(api, "admin", "admin");
  admin = bearer(await login(api, user.username, user.password));
});

afterAll(async () => {
  if (api) {
    const keys = await api.deps.redis.keys(`${uniquePrefix}:*`);
    if (keys.length) await api.deps.redis.del(...keys);
  }
  await api?.close();
});

describe("/health", () => {
  it("is 200 with both services reachable", async () => {
    const response = await api.app.inject({ url: "/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: "ok",
      checks: {
        redis: { ok: true, status: "ok" },
        opensearch: { ok: true, version: expect.stringMatching(/^3\./) },
      },
    });
  });

  it("is 503 when Redis is down, naming no address or error text", async () => {
    const dead = createRedis({ url: "redis://127.0.0.1:1" }, "request");
    dead.on("error", () => {});
    const broken = await startTestApi({
      label: "api-ops-down",
      deps: () => ({ checks: { ...api.deps.checks, redis: redisCheck(dead, 1500) } }),
    });
    try {
      const response = await broken.app.inject({ url: "/health" });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        status: "unavailable",
        checks: { redis: { ok: false }, opensearch: { ok: true } },
      });
      expect(response.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      expect(broken.logs.some((line) => line.msg === "health check failed")).toBe(true);
    } finally {
      dead.disconnect();
      await broken.close();
    }
  });
});

describe("/metrics", () => {
  it("gives admins the default metrics and the request histogram by route template", async () => {
    await api.app.inject({ url: "/api/articles/some-article-id", headers: admin });
    const response = await api.app.inject({ url: "/metrics", headers: admin });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toContain("process_cpu_user_seconds_total");
    expect(response.body).toMatch(
      /http_request_duration_seconds_count\{[^}]*route="\/api\/articles\/:id"[^}]*status_code="404"/,
    );
    expect(response.body).not.toContain("some-article-id");
  });

  it("accepts METRICS_TOKEN from a scraper and refuses a wrong one", async () => {
    expect((await api.app.inject({ url: "/metrics", headers: bearer(METRICS_TOKEN) })).statusCode).toBe(200);
    const wrong = await api.app.inject({ url: "/metrics", headers: bearer(`${METRICS_TOKEN}x`) });
    expect(wrong.statusCode).toBe(401);
    // The token opens /metrics only.
    expect((await api.app.inject({ url: "/api/auth/me", headers: bearer(METRICS_TOKEN) })).statusCode).toBe(
      401,
    );
  });
});

describe("/api/sources", () => {
  it("lists every configured source with the health the crawler recorded, failing ones first", async () => {
    const at = new Date("2024-03-31T01:00:00Z");
    await health.update("baokontum-rss", (h) =>
      afterRun(h, { ok: true, at, items: 12, newItems: 3, notModified: false }, 3),
    );
    await health.update("krt-sitemap", (h) =>
      afterRun(h, { ok: false, at, kind: "http_status", message: "HTTP 503 from krt.example.vn" }, 3),
    );
    const response = await api.app.inject({ url: "/api/sources", headers: admin });
    expect(response.statusCode).toBe(200);
    const sources = response.json().sources as Array<Record<string, unknown>>;
    expect(sources.map((s) => [s.id, s.state, s.outlet_name])).toEqual([
      ["krt-sitemap", "failing", "Đài PT-TH Kon Tum"],
      ["portal-news", "new", "Cổng TTĐT tỉnh"],
      ["baokontum-rss", "ok", "Báo Kon Tum"],
    ]);
    const byId = new Map(sources.map((s) => [s.id, s]));
    expect(byId.get("baokontum-rss")).toMatchObject({
      last_success_at: at.toISOString(),
      items_last_run: 12,
      new_items_last_run: 3,
    });
    expect(byId.get("krt-sitemap")).toMatchObject({
      consecutive_failures: 1,
      last_error: { kind: "http_status", message: "HTTP 503 from krt.example.vn", stage: "discover" },
    });
    expect(byId.get("portal-news")).toMatchObject({ enabled: false, runs: 0, last_error: null });
  });
});
