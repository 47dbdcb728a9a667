import { describe, expect, it } from "vitest";
import { afterRun, initialHealth } from "../../../src/crawl/health.ts";
import { MAX_BACKOFF_MS, planSchedules, planSource } from "../../../src/crawl/schedule.ts";
import { parseSourceFile } from "../../../src/sources/load.ts";

const [source] = parseSourceFile(
  `outlet: { id: o, name: O }\nsources:\n  - { id: o/rss, kind: feed, url: "https://x.vn/rss", interval: 10m, max_interval: 40m }\n`,
  "o.yaml",
).sources;
const at = new Date();
const health = (...runs: Array<"ok" | "quiet" | "fail">) =>
  runs.reduce(
    (h, r) =>
      afterRun(
        h,
        r === "fail"
          ? { ok: false, at, kind: "timeout", message: "t" }
          : { ok: true, at, items: 3, newItems: r === "ok" ? 3 : 0, notModified: false },
        3,
      ),
    initialHealth("o/rss"),
  );

describe("planSource", () => {
  it("polls a hot source at its interval, jittered by at most 10%", () => {
    const plan = planSource(source!, health("ok"));
    expect(plan.reason).toBe("hot");
    expect(plan.everyMs).toBeGreaterThanOrEqual(540_000);
    expect(plan.everyMs).toBeLessThanOrEqual(660_000);
    expect(planSource(source!, health("ok")).everyMs).toBe(plan.everyMs); // stable
  });

  it("slows a quiet source down to its max_interval", () => {
    const hot = planSource(source!, health("ok")).everyMs;
    expect(Math.abs(planSource(source!, health("ok", "quiet")).everyMs - hot * 2)).toBeLessThanOrEqual(2);
    const veryQuiet = planSource(source!, health("ok", "quiet", "quiet", "quiet", "quiet"));
    expect(veryQuiet.reason).toBe("quiet");
    expect(veryQuiet.everyMs).toBeLessThanOrEqual(40 * 60_000 * 1.1);
  });

  it("backs off a failing source exponentially up to the ceiling", () => {
    const once = planSource(source!, health("fail"));
    const thrice = planSource(source!, health("fail", "fail", "fail"));
    expect(once.reason).toBe("backoff");
    expect(Math.abs(thrice.everyMs - once.everyMs * 4)).toBeLessThanOrEqual(4);
    expect(planSource(source!, health(...Array<"fail">(20).fill("fail"))).everyMs).toBeLessThanOrEqual(
      MAX_BACKOFF_MS * 1.1,
    );
  });

  it("spreads sources with the same interval", () => {
    const { sources } = parseSourceFile(
      `outlet: { id: o, name: O }\nsources:\n${Array.from({ length: 8 }, (_, i) => `  - { id: o/s${i}, kind: feed, url: "https://x.vn/${i}", interval: 10m }`).join("\n")}\n`,
      "o.yaml",
    );
    const intervals = new Set(planSchedules(sources, new Map()).map((plan) => plan.everyMs));
    expect(intervals.size).toBeGreaterThan(4);
  });

  it("leaves disabled sources out", () => {
    expect(planSchedules([{ ...source!, enabled: false }], new Map())).toEqual([]);
  });
});
