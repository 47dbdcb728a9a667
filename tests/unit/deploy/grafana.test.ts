// The shipped Grafana dashboard and Prometheus example read metrics that the code really exports.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { CrawlMetrics } from "../../../src/crawl/metrics.ts";
import { JobMetrics } from "../../../src/queue/jobMetrics.ts";

const DEPLOY = join(import.meta.dirname, "../../../deploy");

describe("deploy/grafana-dashboard.json", () => {
  const dashboard = JSON.parse(readFileSync(join(DEPLOY, "grafana-dashboard.json"), "utf8")) as {
    panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
  };
  const exprs = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));

  it("uses only presswatch metrics the workers register", async () => {
    const registry = new Registry();
    new JobMetrics(registry);
    new CrawlMetrics(registry);
    const known = new Set((await registry.getMetricsAsJSON()).map((metric) => metric.name));
    const used = new Set(exprs.flatMap((expr) => expr.match(/presswatch_[a-z_]+/g) ?? []));
    expect(used.size).toBeGreaterThan(4);
    for (const name of used) expect(known.has(name.replace(/_(bucket|count|sum)$/, "")), name).toBe(true);
  });

  it("shows throughput per stage, failures, queue depth and age, and the job duration p95", () => {
    const titles = dashboard.panels.map((panel) => panel.title).join(" | ");
    expect(titles).toMatch(/Throughput per stage/);
    expect(titles).toMatch(/Failures/);
    expect(titles).toMatch(/Queue depth/);
    expect(titles).toMatch(/Oldest waiting job/);
    expect(
      exprs.some((expr) => /histogram_quantile\(0\.95.*presswatch_job_duration_seconds_bucket/.test(expr)),
    ).toBe(true);
  });
});
