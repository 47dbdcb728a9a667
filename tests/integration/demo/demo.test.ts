/**
 * The demo end to end, as an operator runs it: `presswatch demo` in a child process on a short
 * timeline, then its printed summary and the index checked against the timeline's truth.
 */
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildTimeline } from "../../../demo/timeline.ts";
import { wipeDemoData } from "../../../demo/wipe.ts";
import { parseEnv } from "../../../src/config/env.ts";
import { createRedis, redisTarget } from "../../../src/queue/connection.ts";
import { createSearchClient } from "../../../src/store/client.ts";
import { PIPELINE_ROLES } from "../../../workers/roles.ts";

const ARTICLES = 60;
const prefix = `demo-test-${process.pid}`;
const env = parseEnv();
const client = createSearchClient({ url: env.OPENSEARCH_URL });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function runDemo(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn("node", ["bin/presswatch.js", "demo", ...args], { env: process.env });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      out += chunk;
    });
    child.on("close", (code) => resolve({ code, out }));
  });
}

afterAll(async () => {
  const redis = createRedis(redisTarget(env), "commands");
  await wipeDemoData(client, redis, { index: prefix, queue: prefix });
  redis.disconnect();
  await client.close();
  await rm(join(env.DATA_DIR, "demo", prefix), { recursive: true, force: true });
});

describe("presswatch demo", () => {
  it("plays a short month, indexes every published article once and summarises it", async () => {
    const port = await freePort();
    const { code, out } = await runDemo([
      "--minutes",
      "0.5",
      "--articles",
      String(ARTICLES),
      "--exit",
      "--prefix",
      prefix,
      "--port",
      String(port),
    ]);
    expect(code, out).toBe(0);
    const truth = buildTimeline({ articles: ARTICLES }).articles;

    // Everything the press web published was indexed, each article exactly once.
    expect(out).toContain(`${truth.length} articles published by the press web, ${truth.length} indexed`);
    const request = {
      index: `${prefix}-articles`,
      body: { size: 0, aggs: { urls: { terms: { field: "canonical_url", size: 1000 } } } },
    };
    const response = await client.search(request as Parameters<typeof client.search>[0]);
    const body = response.body as unknown as {
      hits: { total: { value: number } };
      aggregations: { urls: { buckets: Array<{ key: string; doc_count: number }> } };
    };
    expect(body.hits.total.value).toBe(truth.length);
    expect(body.aggregations.urls.buckets).toHaveLength(truth.length);
    expect(body.aggregations.urls.buckets.every((b) => b.doc_count === 1)).toBe(true);

    // The scripted gap: KRT's forestry column never ran in June.
    expect(out).toMatch(/✘ column_forestry\s+krt\s+2024-06\s+0\/1/);
    expect(out).toMatch(/✔ column_tourism\s+bao_kon_tum\s+2024-06/);

    // The rumour raises its claim alert, when this build has an alerts stage.
    if ((PIPELINE_ROLES as readonly string[]).includes("alerts"))
      expect(out).toMatch(/\[rumour\].*fake-sam-ngoc-linh/);

    expect(out).toMatch(/Dashboard: http:\/\/127\.0\.0\.1:\d+\/ {2}\(login demo-coordinator \/ \S+\)/);
    expect(out).toContain("Stopped after");
  }, 180_000);
});
