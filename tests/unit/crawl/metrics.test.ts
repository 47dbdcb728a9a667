import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { afterRun, initialHealth } from "../../../src/crawl/health.ts";
import { CrawlMetrics } from "../../../src/crawl/metrics.ts";

describe("CrawlMetrics", () => {
  it("exports each source's state, items and errors", async () => {
    const registry = new Registry();
    const metrics = new CrawlMetrics(registry);
    const run = { ok: false as const, at: new Date(), kind: "timeout", message: "slow" };
    metrics.onRun(afterRun(initialHealth("vov/news"), run, 3), run);
    metrics.onArticle("vov");
    metrics.onArticleError("vov/news", "too_large");
    const text = await registry.metrics();
    expect(text).toContain('presswatch_source_state{source="vov/news",state="failing"} 1');
    expect(text).toContain('presswatch_source_state{source="vov/news",state="ok"} 0');
    expect(text).toContain(
      'presswatch_crawl_errors_total{source="vov/news",kind="timeout",stage="discover"} 1',
    );
    expect(text).toContain(
      'presswatch_crawl_errors_total{source="vov/news",kind="too_large",stage="article"} 1',
    );
    expect(text).toContain('presswatch_articles_collected_total{outlet="vov"} 1');
  });
});
