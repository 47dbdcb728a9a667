import { describe, expect, it } from "vitest";
import { backtest } from "../../../src/detect/backtest.ts";
import {
  closeBucket,
  createDetectorState,
  type DetectorState,
  observe,
  parseDetectorState,
  tick,
} from "../../../src/detect/detector.ts";
import { midDistribution, surprise } from "../../../src/detect/distribution.ts";
import { DEFAULT_DETECTOR_SETTINGS, detectorSettings } from "../../../src/detect/settings.ts";
import { calmSeries, seededRandom } from "../../fixtures/detect/simulate.ts";

const BUCKET = 15 * 60_000;
const START = Date.parse("2024-06-03T00:00:00+07:00");

/** A state that has learned a flat baseline of `mean` articles a bucket for two days. */
function trained(mean: number, days = 2): DetectorState {
  let state = createDetectorState();
  const random = seededRandom(1);
  for (let i = 0; i < days * 96; i++) {
    // Alternate around the mean so the level settles on it.
    const count = Math.max(0, Math.round(mean + (random() - 0.5)));
    state = closeBucket(state, START + i * BUCKET, count, DEFAULT_DETECTOR_SETTINGS).state;
  }
  return { ...state, bucket: START + days * 96 * BUCKET, count: 0, ids: [] };
}

describe("surprise", () => {
  it("is calibrated: an ordinary count scores near 0, a rare one high, at any mean", () => {
    expect(Math.abs(surprise(3, 3, 0.1))).toBeLessThan(0.5);
    expect(surprise(0, 3, 0.1)).toBeLessThan(-1);
    // 4 where 0.2 are expected is rare but not a 7.6-sigma event as (x − mean) / sd says.
    expect(surprise(4, 0.2, 0.1)).toBeGreaterThan(3);
    expect(surprise(4, 0.2, 0.1)).toBeLessThan(5);
    expect(surprise(10_000, 5, 0.1)).toBe(8);
  });

  it("is the mid-p of a proper distribution (Poisson when phi is 0)", () => {
    const mean = 2.5;
    // P(X < 3) + P(X = 3)/2 for Poisson(2.5), by hand.
    const pmf = (k: number) => (Math.exp(-mean) * mean ** k) / [1, 1, 2, 6][k]!;
    const expected = pmf(0) + pmf(1) + pmf(2) + pmf(3) / 2;
    expect(midDistribution(3, mean, 0)).toBeCloseTo(expected, 10);
    // More dispersion: a large count is less surprising.
    expect(surprise(12, 4, 0.5)).toBeLessThan(surprise(12, 4, 0.05));
  });
});

describe("the shipped fixtures", () => {
  it("raise no alert on the calm week", async () => {
    const { parseCountsCsv } = await import("../../../src/detect/backtest.ts");
    const { readFileSync } = await import("node:fs");
    const rows = backtest(parseCountsCsv(readFileSync("tests/fixtures/detect/calm-week.csv", "utf8")));
    expect(rows).toHaveLength(672);
    expect(rows.filter((row) => row.evaluation.alert)).toEqual([]);
  });

  it("alert on the rumour within the first four buckets of the burst, and not before it", async () => {
    const { parseCountsCsv } = await import("../../../src/detect/backtest.ts");
    const { readFileSync } = await import("node:fs");
    const rows = backtest(parseCountsCsv(readFileSync("tests/fixtures/detect/rumour.csv", "utf8")));
    const burst = Date.parse("2024-06-06T09:00:00+07:00");
    const alerts = rows.filter((row) => row.evaluation.alert);
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    expect(alerts[0]!.at).toBeGreaterThanOrEqual(burst);
    expect(alerts[0]!.at).toBeLessThan(burst + 4 * BUCKET);
  });
});

describe("observe", () => {
  it("alerts on the increment that makes the open bucket a spike, once per bucket", () => {
    let state = trained(0.02);
    const at = state.bucket! + 60_000;
    const results = [];
    for (let i = 0; i < 6; i++) {
      const observation = observe(state, at + i * 1000, 1, [`a${i}`]);
      state = observation.state;
      results.push(observation.alert);
    }
    // A flagged series, silent for two days: the third article in 15 minutes is news.
    expect(results.map((alert) => alert !== null)).toEqual([false, false, true, false, false, false]);
    expect(results[2]!.ids).toEqual(["a0", "a1", "a2"]);
    expect(results[2]!.count).toBe(3);
  });

  it("respects the minimum count, the warm-up and the cooldown", () => {
    // The spacing alone: without settling, the burst during the spacing does not become the level
    // (settling is the lasting-rise test of backtest.test.ts).
    const settings = detectorSettings({ minCount: 5, settleAfterAlert: false });
    let state = trained(0.02);
    const open = state.bucket!;
    let alerted = -1;
    for (let i = 1; i <= 6 && alerted < 0; i++) {
      const observation = observe(state, open + i, 1, [], settings);
      state = observation.state;
      if (observation.alert) alerted = i;
    }
    expect(alerted).toBe(5);

    // Within the cooldown, the next bucket's bigger burst raises nothing; after it, a bigger one
    // still does (each a record: the same burst again would not be news).
    let quiet = observe(state, open + BUCKET, 10, [], settings);
    expect(quiet.alert).toBeNull();
    expect(quiet.open.suppressed).toBe("cooldown");
    const spacing = settings.cooldownMinutes * 60_000;
    quiet = observe(quiet.state, open + spacing - BUCKET, 20, [], settings);
    expect(quiet.open.suppressed).toBe("cooldown");
    quiet = observe(quiet.state, open + spacing, 40, [], settings);
    expect(quiet.alert).not.toBeNull();
    expect(quiet.alert!.decided).toBe("record");

    // A fresh series raises nothing during its first day.
    const fresh = observe(createDetectorState(), open, 50, [], settings);
    expect(fresh.alert).toBeNull();
  });

  it("keeps to the daily cap of the local day, and counts again the next day", () => {
    const settings = detectorSettings({ cooldownMinutes: 15, dailyCap: 2 });
    let state = trained(0.02);
    const open = state.bucket!;
    const raised: boolean[] = [];
    // Four bursts one bucket apart, each one far beyond the baseline and a record (20, 40, 80, 160).
    for (let i = 0; i < 4; i++) {
      const observation = observe(state, open + i * BUCKET, 20 * 2 ** i, [], settings);
      state = observation.state;
      raised.push(observation.alert !== null);
      if (i >= 2) expect(observation.open.suppressed).toBe("daily_cap");
    }
    expect(raised).toEqual([true, true, false, false]);
    // The next local day (Vietnam time) starts a new count.
    const local = open + settings.utcOffsetMinutes * 60_000;
    const nextDay = Math.ceil((local + 1) / 86_400_000) * 86_400_000 - settings.utcOffsetMinutes * 60_000;
    expect(observe(state, nextDay + BUCKET, 320, [], settings).alert).not.toBeNull();
  });

  it("closes the open bucket and the empty ones when time moves on", () => {
    let state = trained(2);
    const open = state.bucket!;
    state = observe(state, open + 1000, 2).state;
    const later = observe(state, open + 3 * BUCKET + 5, 1);
    expect(later.closed.map((evaluation) => [evaluation.bucket, evaluation.count])).toEqual([
      [open, 2],
      [open + BUCKET, 0],
      [open + 2 * BUCKET, 0],
    ]);
    expect(later.state.bucket).toBe(open + 3 * BUCKET);
    expect(later.state.count).toBe(1);
    // A late article counts into the open bucket.
    expect(observe(later.state, open, 1).state.count).toBe(2);
    // A tick closes without counting.
    expect(tick(later.state, open + 5 * BUCKET).closed).toHaveLength(2);
  });

  it("agrees with the backtest when each bucket's articles arrive one by one", () => {
    const series = calmSeries({ start: START, buckets: 3 * 96, scale: 1.6, dispersion: 0.2, seed: 99 });
    let state = createDetectorState();
    for (const { at, value } of series) {
      state = value > 0 ? observe(state, at + 1, value).state : tick(state, at).state;
      if (state.bucket === null) state = { ...state, bucket: at };
    }
    const streamed = tick(state, series.at(-1)!.at + BUCKET).state;
    let batch = createDetectorState();
    for (const { at, value } of series)
      batch = closeBucket(batch, at, value, DEFAULT_DETECTOR_SETTINGS).state;
    expect(streamed.closed).toBe(batch.closed);
    expect(streamed.level).toBeCloseTo(batch.level, 9);
    expect(streamed.phi).toBeCloseTo(batch.phi, 9);
  });

  it("survives a JSON round trip and rejects what is not a state", () => {
    const state = observe(trained(1), START + 2 * 96 * BUCKET + 10, 1, ["x"]).state;
    expect(parseDetectorState(JSON.stringify(state))).toEqual(state);
    expect(parseDetectorState("{not json")).toEqual(createDetectorState());
    expect(parseDetectorState(JSON.stringify({ v: 3 }))).toEqual(createDetectorState());
    // A version 1 state (before records and jumps) keeps its baseline.
    const { previous, changeMean, changeVar, changeVarHour, changeSeenHour, peak, trough, ...v1 } = state;
    const upgraded = parseDetectorState(JSON.stringify({ ...v1, v: 1 }));
    expect(upgraded.v).toBe(2);
    expect(upgraded.level).toBe(state.level);
    expect(upgraded.peak).toBeNull();
    expect(JSON.stringify(state).length).toBeLessThan(2500);
  });
});
