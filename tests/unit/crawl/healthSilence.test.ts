import { describe, expect, it } from "vitest";
import { afterRun, initialHealth, type RunOutcome, troubleFirst } from "../../../src/crawl/health.ts";
import type { SourceHealth } from "../../../src/model/source.ts";

const HOUR = 3_600_000;
const start = Date.parse("2024-03-01T00:00:00Z");
const at = (hours: number) => new Date(start + hours * HOUR);

/** A run at `hours` listing 20 items, `newItems` of them new; a 304 when notModified. */
const run = (hours: number, newItems: number, notModified = false): RunOutcome => ({
  ok: true,
  at: at(hours),
  items: notModified ? 0 : 20,
  newItems,
  notModified,
});

/** Polled every 30 minutes; a new item every `every` hours until `until`. */
function publishing(every: number, until: number): SourceHealth {
  let health = initialHealth("bao-kon-tum");
  for (let hours = 0; hours <= until; hours += 0.5)
    health = afterRun(health, run(hours, hours % every === 0 ? 1 : 0), 3);
  return health;
}

describe("feed silence", () => {
  it("learns the usual interval between new items", () => {
    const health = publishing(2, 12);
    expect(health.state).toBe("ok");
    expect(health.publish_interval_ms).toBe(2 * HOUR);
    expect(health.last_new_item_at).toBe(at(12).toISOString());
  });

  it("turns silent when the feed answers 304 for longer than three usual intervals, saying how long", () => {
    let health = publishing(2, 12);
    for (let hours = 12.5; hours <= 18; hours += 0.5) health = afterRun(health, run(hours, 0, true), 3);
    expect(health.state).toBe("ok"); // 6 h: three intervals, not more
    health = afterRun(health, run(18.5, 0, true), 3);
    expect(health).toMatchObject({ state: "silent", silent_for_ms: 6.5 * HOUR, empty_runs: 0 });
    health = afterRun(health, run(19, 1), 3);
    expect(health).toMatchObject({ state: "ok", silent_for_ms: null });
  });

  it("turns silent when the feed keeps repeating the same items", () => {
    let health = publishing(2, 12);
    for (let hours = 12.5; hours <= 20; hours += 0.5) health = afterRun(health, run(hours, 0), 3);
    expect(health).toMatchObject({ state: "silent", silent_for_ms: 8 * HOUR, items_last_run: 20 });
  });

  it("does not call a daily source silent after a quiet night", () => {
    let health = publishing(24, 24 * 5);
    for (let hours = 24 * 5 + 0.5; hours <= 24 * 5 + 20; hours += 0.5)
      health = afterRun(health, run(hours, 0, true), 3);
    expect(health.state).toBe("ok");
  });

  it("waits for a few gaps before trusting what it learned", () => {
    let health = initialHealth("s");
    health = afterRun(health, run(0, 3), 3);
    health = afterRun(health, run(1, 2), 3);
    for (let hours = 1.5; hours <= 30; hours += 0.5) health = afterRun(health, run(hours, 0, true), 3);
    expect(health.state).toBe("ok");
  });

  it("lists silent and failing sources first, the longest silence first", () => {
    const ok = { ...initialHealth("a"), state: "ok" as const };
    const failing = { ...initialHealth("b"), state: "failing" as const, consecutive_failures: 2 };
    const silentLong = { ...initialHealth("c"), state: "silent" as const, silent_for_ms: 9 * HOUR };
    const silentShort = { ...initialHealth("d"), state: "silent" as const, silent_for_ms: 7 * HOUR };
    expect([ok, failing, silentShort, silentLong].sort(troubleFirst).map((h) => h.source_id)).toEqual([
      "c",
      "d",
      "b",
      "a",
    ]);
  });
});
