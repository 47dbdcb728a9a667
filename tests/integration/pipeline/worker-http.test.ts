// A worker process's /metrics and /health, on real Redis and OpenSearch: roles started, articles
// run through analyze (which indexes them), one job failing for good; the scrape shows the counters moved.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/log.ts";
import { QUEUES } from "../../../src/queue/contract.ts";
import { startRoles } from "../../../workers/roles.ts";
import { isolatedEnv, removeIsolated } from "../../helpers/isolation.ts";
import { asExtracted, syntheticArticles } from "../../helpers/syntheticArticles.ts";

const { prefix, env } = isolatedEnv("worker-http");
let running: Awaited<ReturnType<typeof startRoles>>;
let base: string;

/** The value of one sample of the Prometheus text, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf("}"));
    const parts = inside.split(",");
    if (wanted.every((pair) => parts.includes(pair))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  running = await startRoles(["analyze", "index"], {
    env,
    logger: createLogger("silent"),
    http: { host: "127.0.0.1", port: 0 },
  });
  expect(running.http).not.toBeNull();
  base = `http://127.0.0.1:${running.http!.port}`;
});

afterAll(async () => {
  await running?.stop();
  await removeIsolated(env, prefix);
});

describe("worker /metrics and /health", () => {
  it("answers healthy with every role running", async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; checks: Record<string, unknown> };
    expect(body.status).toBe("ok");
    expect(body.checks.roles).toEqual({ analyze: true, index: true });
    expect((body.checks.redis as { ok: boolean }).ok).toBe(true);
    expect((body.checks.opensearch as { ok: boolean }).ok).toBe(true);
  });

  it("counts jobs done and failed per queue and stage, articles per outlet, and the queue depth", async () => {
    const docs = syntheticArticles(3, 7);
    const { producers } = running.pipeline!;
    for (const doc of docs) await producers.add("analyze", asExtracted(doc), { jobId: doc.id });
    // A payload the contract refuses fails for good at once (no retry can fix it).
    await producers
      .queue("analyze")
      .add("analyze", { not: "an article" }, { ...QUEUES.analyze.jobOptions, jobId: "bad-payload" });

    const scrape = async () => (await fetch(`${base}/metrics`)).text();
    await until(async () => {
      const text = await scrape();
      return (
        (sample(text, "presswatch_jobs_completed_total", { queue: "analyze", stage: "analyze" }) ?? 0) >= 3 &&
        (sample(text, "presswatch_jobs_failed_total", { queue: "analyze", stage: "analyze" }) ?? 0) >= 1
      );
    });
    const text = await scrape();
    expect(sample(text, "presswatch_jobs_completed_total", { queue: "analyze", stage: "analyze" })).toBe(3);
    // Analyze and index are one job: the index queue takes only jobs an earlier version queued.
    expect(sample(text, "presswatch_jobs_completed_total", { queue: "index", stage: "index" }) ?? 0).toBe(0);
    expect(sample(text, "presswatch_jobs_failed_total", { queue: "analyze", stage: "analyze" })).toBe(1);
    expect(
      sample(text, "presswatch_job_duration_seconds_count", {
        queue: "analyze",
        stage: "analyze",
        outcome: "completed",
      }),
    ).toBe(3);
    const perOutlet = new Map<string, number>();
    for (const doc of docs) perOutlet.set(doc.outlet, (perOutlet.get(doc.outlet) ?? 0) + 1);
    for (const [outlet, count] of perOutlet)
      expect(sample(text, "presswatch_articles_indexed_total", { outlet })).toBe(count);
    expect(sample(text, "presswatch_queue_jobs", { queue: "analyze", state: "failed" })).toBe(1);
    expect(sample(text, "presswatch_queue_jobs", { queue: "analyze", state: "waiting" })).toBe(0);
    expect(sample(text, "presswatch_queue_oldest_waiting_seconds", { queue: "index" })).toBe(0);
    console.log(
      text
        .split("\n")
        .filter((line) => /^presswatch_(jobs|queue_jobs\{queue="analyze"|articles_indexed)/.test(line))
        .join("\n"),
    );
  });

  it("reports the age of the oldest job waiting in a watched queue", async () => {
    const analyze = running.pipeline!.producers.queue("analyze");
    await analyze.pause();
    try {
      const doc = syntheticArticles(1, 99)[0]!;
      await running.pipeline!.producers.add("analyze", asExtracted(doc), { jobId: `waiting-${doc.id}` });
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(sample(text, "presswatch_queue_oldest_waiting_seconds", { queue: "analyze" })).toBeGreaterThan(
        1,
      );
    } finally {
      await analyze.resume();
    }
  });
});
