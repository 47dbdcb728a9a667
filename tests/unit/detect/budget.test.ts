// The alert budget: the most specific entry wins, a bad budget names its field, and trackArticle
// keeps to a scope's cap and stores the budget and what decided the alert on it.
import { describe, expect, it } from "vitest";
import { BudgetError, budgetFor, DEFAULT_BUDGET, parseBudget } from "../../../src/detect/budget.ts";
import { createDetectorState, parseDetectorState } from "../../../src/detect/detector.ts";
import { parseStoryState } from "../../../src/detect/rumours.ts";
import { DEFAULT_DETECTOR_SETTINGS } from "../../../src/detect/settings.ts";
import {
  DEFAULT_TRACKING_SETTINGS,
  memoryStateStore,
  type TrackedArticle,
  trackArticle,
} from "../../../src/detect/track.ts";

const T0 = Date.parse("2024-06-06T02:00:00Z");
const MIN = 60_000;

describe("budgetFor", () => {
  const config = parseBudget({
    default: { min_spacing_minutes: 720, daily_cap: null },
    scopes: {
      theme: { daily_cap: 4 },
      "theme:tourism": { min_spacing_minutes: 60 },
      "theme:tourism:flagged": { daily_cap: 1 },
    },
  });
  it("takes the most specific entry, field by field", () => {
    expect(budgetFor(config, "theme:tourism:flagged")).toEqual({ min_spacing_minutes: 60, daily_cap: 1 });
    expect(budgetFor(config, "theme:tourism:negative")).toEqual({ min_spacing_minutes: 60, daily_cap: 4 });
    expect(budgetFor(config, "theme:economy:negative")).toEqual({ min_spacing_minutes: 720, daily_cap: 4 });
    expect(budgetFor(config, "agency:svhttdl:negative")).toEqual({
      min_spacing_minutes: 720,
      daily_cap: null,
    });
  });
  it("defaults to the detector's own spacing and no cap", () => {
    expect(DEFAULT_BUDGET.default).toEqual({
      min_spacing_minutes: DEFAULT_DETECTOR_SETTINGS.cooldownMinutes,
      daily_cap: null,
    });
  });
  it.each([
    [{ default: { min_spacing_minutes: 60 } }, /default: min_spacing_minutes and daily_cap/],
    [{ default: { min_spacing_minutes: -1, daily_cap: 1 } }, /default.min_spacing_minutes/],
    [{ default: { min_spacing_minutes: 60, daily_cap: 1.5 } }, /default.daily_cap/],
    [{ default: { min_spacing_minutes: 60, daily_cap: 1 }, scopes: { town: {} } }, /scopes."town"/],
    [{ default: { min_spacing_minutes: 60, daily_cap: 1 }, extra: 1 }, /budget.extra: unknown/],
  ])("refuses %j", (value, message) => {
    expect(() => parseBudget(value)).toThrow(BudgetError);
    expect(() => parseBudget(value)).toThrow(message);
  });
});

describe("trackArticle with a budget", () => {
  it("keeps a scope to its daily cap and stores the budget and the deciding score on the alert", async () => {
    const detectors = memoryStateStore((json) => parseDetectorState(json));
    const stories = memoryStateStore((json, key) => parseStoryState(json, key));
    const key = "theme:environment:flagged";
    for (const series of [key, "outlet_kind:other:flagged"])
      await detectors.update(series, () => ({
        state: { ...createDetectorState(), closed: 200, level: 0.01, bucket: T0 - 15 * MIN },
        result: null,
      }));
    const settings = {
      ...DEFAULT_TRACKING_SETTINGS,
      budget: parseBudget({
        default: { min_spacing_minutes: 15, daily_cap: null },
        scopes: { [key]: { daily_cap: 1 } },
      }),
    };
    const article = (i: number): TrackedArticle => ({
      id: `a${i}`,
      story_id: null as unknown as string,
      outlet: `o${i}`,
      themes: [{ id: "environment", score: 1 }],
      agencies: [],
      outlet_kind: "other",
      tone: { label: "neutral", score: 0 },
      misinformation: { score: 0.8, reasons: [] },
      claims: [],
    });
    const spikes: string[] = [];
    // Flagged articles in three buckets of one morning (Vietnam time), each bucket twice the one
    // before (4, 8, 16), so each is a record: the same burst again would not be news.
    for (let bucket = 0; bucket < 3; bucket++) {
      for (let i = 0; i < 4 * 2 ** bucket; i++) {
        const raised = await trackArticle(
          { detectors, stories },
          article(bucket * 100 + i),
          T0 + bucket * 15 * MIN + i * 50_000,
          new Date(T0),
          settings,
        );
        for (const alert of raised.filter((a) => a.scope.dimension === "theme")) {
          spikes.push(alert.evidence.bucket_start!);
          expect(alert.evidence.budget).toEqual({ min_spacing_minutes: 15, daily_cap: 1, alerts_today: 1 });
          expect(alert.evidence.reasons).toEqual([
            expect.stringMatching(/^(record|jump|cusum|single_bucket)$/),
          ]);
          expect(alert.evidence.score).toBeGreaterThan(0);
        }
      }
    }
    // Without the cap each bucket would spike (the outlet-kind series, uncapped, does).
    expect(spikes).toEqual([new Date(T0).toISOString()]);
    const other = await detectors.get("outlet_kind:other:flagged");
    expect(other.budgetAlerts).toBe(3);
  });
});
