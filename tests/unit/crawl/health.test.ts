import { describe, expect, it } from "vitest";
import { afterArticleError, afterRun, initialHealth, type RunOutcome } from "../../../src/crawl/health.ts";
import type { SourceHealth } from "../../../src/model/source.ts";

const at = new Date("2024-03-01T00:00:00Z");
const ok = (items: number, newItems = items, notModified = false): RunOutcome => ({
  ok: true,
  at,
  items,
  newItems,
  notModified,
});
const failed: RunOutcome = { ok: false, at, kind: "http_status", message: "HTTP 500 from https://x.vn/rss" };
const run = (...outcomes: RunOutcome[]): SourceHealth =>
  outcomes.reduce((health, outcome) => afterRun(health, outcome, 3), initialHealth("s"));

describe("afterRun", () => {
  it("records success, items per run and the last success", () => {
    expect(run(ok(12, 4))).toMatchObject({
      state: "ok",
      runs: 1,
      items_last_run: 12,
      new_items_last_run: 4,
      last_success_at: at.toISOString(),
    });
  });

  it("records the error kind and message and counts consecutive failures", () => {
    const health = run(ok(3), failed, failed);
    expect(health).toMatchObject({
      state: "failing",
      consecutive_failures: 2,
      last_error: { kind: "http_status", stage: "discover" },
    });
    expect(afterRun(health, ok(3), 3)).toMatchObject({ state: "ok", consecutive_failures: 0 });
  });

  it("goes silent after N empty runs of a source that used to have items", () => {
    expect(run(ok(5), ok(0), ok(0)).state).toBe("ok");
    expect(run(ok(5), ok(0), ok(0), ok(0)).state).toBe("silent");
    expect(run(ok(5), ok(0), ok(0), ok(0), ok(2)).state).toBe("ok");
  });

  it("never calls a source silent that never had items, nor counts a 304 as empty", () => {
    expect(run(ok(0), ok(0), ok(0), ok(0)).state).toBe("ok");
    expect(run(ok(5), ok(0, 0, true), ok(0, 0, true), ok(0, 0, true), ok(0, 0, true)).state).toBe("ok");
  });

  it("counts quiet runs (no new URL) for the scheduler", () => {
    expect(run(ok(5, 5), ok(5, 0), ok(0, 0, true)).quiet_runs).toBe(2);
    expect(run(ok(5, 0), ok(5, 1)).quiet_runs).toBe(0);
  });
});

describe("afterArticleError", () => {
  it("records the article's error without changing the source's state", () => {
    const health = afterArticleError(
      run(ok(3)),
      { kind: "too_large", message: "too big", url: "https://x.vn/a" },
      at,
    );
    expect(health).toMatchObject({
      state: "ok",
      last_error: { kind: "too_large", stage: "article", url: "https://x.vn/a" },
    });
  });
});
