// A week of ordinary press volume, article by article, through trackArticle as the alerts worker
// runs it (memory stores here, Redis there): no spike on any series. Then the same stream with a
// burst of negative articles on one theme must raise one, so the silence is the detector's doing.
import { describe, expect, it } from "vitest";
import { parseDetectorState } from "../../../src/detect/detector.ts";
import { parseStoryState } from "../../../src/detect/rumours.ts";
import { memoryStateStore, type TrackedArticle, trackArticle } from "../../../src/detect/track.ts";
import type { Alert } from "../../../src/model/alert.ts";
import type { OutletKind } from "../../../src/model/article.ts";
import { BUCKET_MS, calmSeries, seededRandom } from "../../fixtures/detect/simulate.ts";

/** Themes with their lead agency and share of the coverage. */
const THEMES: Array<[string, string, number]> = [
  ["tourism", "svhttdl", 0.2],
  ["agriculture", "snnptnt", 0.2],
  ["economy", "skhdt", 0.18],
  ["government", "stttt", 0.16],
  ["environment", "stnmt", 0.1],
  ["people", "sldtbxh", 0.1],
  ["national_programs", "ban_dan_toc", 0.06],
];
const OUTLETS: Array<[string, OutletKind]> = [
  ["ttxvn", "central_partner"],
  ["vov", "central_partner"],
  ["nhan_dan", "central_partner"],
  ["vietnamnet", "central_partner"],
  ["sggp", "economic_partner"],
  ["bao_kon_tum", "provincial_press"],
  ["krt", "provincial_press"],
  ["cong_ttdt_tinh", "portal"],
  ["ttdt_svhttdl", "portal"],
  ["ttdt_snnptnt", "portal"],
  ["baomoi", "other"],
  ["tienphong", "other"],
];

// Monday 3 June 2024, 00:00 in Vietnam; the detector learns on the Sunday before.
const MONDAY = Date.parse("2024-06-03T00:00:00+07:00");
const LEARN_START = MONDAY - 96 * BUCKET_MS;
const WEEK_END = MONDAY + 7 * 96 * BUCKET_MS;

/**
 * Articles of a calm stream: the bucket totals of the simulated press rhythm (about 260 articles
 * on a weekday, fewer at night and at weekends), each article given a theme, an outlet, a tone
 * (one in eight negative), rarely a misinformation score above the flag, and one in six a copy
 * of a story another outlet carried in the last hours.
 */
function* calmStream(seed: number, start: number, buckets: number): Generator<[TrackedArticle, number]> {
  const random = seededRandom(seed * 7919);
  const series = calmSeries({ start, buckets, scale: 3, dispersion: 0.2, seed });
  const recent: Array<{ story: string; at: number }> = [];
  let n = 0;
  for (const { at, value } of series) {
    for (let i = 0; i < value; i++) {
      const when = at + Math.floor(random() * BUCKET_MS);
      const r = random();
      let cumulative = 0;
      const [theme, agency] =
        THEMES.find(([, , share]) => {
          cumulative += share;
          return r < cumulative;
        }) ?? THEMES[0]!;
      const [outlet, kind] = OUTLETS[Math.floor(random() * OUTLETS.length)]!;
      const id = `a${seed}-${n++}`;
      const fresh = recent.filter((story) => when - story.at < 6 * 3_600_000);
      const story = fresh.length && random() < 1 / 6 ? fresh[Math.floor(random() * fresh.length)]!.story : id;
      if (story === id) recent.push({ story, at: when });
      if (recent.length > 200) recent.shift();
      const negative = random() < 1 / 8;
      yield [
        {
          id,
          story_id: story,
          outlet,
          themes: [{ id: theme, score: 0.8 }],
          agencies: [agency],
          outlet_kind: kind,
          tone: { label: negative ? "negative" : random() < 0.5 ? "neutral" : "positive", score: 0.7 },
          misinformation: { score: random() < 0.015 ? 0.6 : 0.05, reasons: [] },
          claims: [],
        },
        when,
      ];
    }
  }
}

function stores() {
  return {
    detectors: memoryStateStore((json) => parseDetectorState(json)),
    stories: memoryStateStore((json, key) => parseStoryState(json, key)),
  };
}

async function replay(
  articles: Iterable<[TrackedArticle, number]>,
  tracking = stores(),
): Promise<{ alerts: Alert[]; articles: number }> {
  const ordered = [...articles].sort((a, b) => a[1] - b[1]);
  const alerts: Alert[] = [];
  for (const [article, at] of ordered)
    alerts.push(...(await trackArticle(tracking, article, at, new Date(at))));
  return { alerts, articles: ordered.length };
}

describe("a calm week through trackArticle", () => {
  it("raises no spike on any theme, agency or outlet kind, in any of five simulated weeks", async () => {
    const spikes: string[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      const { alerts, articles } = await replay(calmStream(seed, LEARN_START, 8 * 96));
      // A realistic provincial volume: well over a thousand articles a week.
      expect(articles).toBeGreaterThan(1_500);
      expect(articles).toBeLessThan(2_600);
      for (const alert of alerts) if (alert.kind === "spike") spikes.push(`week ${seed}: ${alert.title}`);
    }
    expect(spikes).toEqual([]);
  });

  it("raises a spike when a burst of negative articles on one theme follows the same week", async () => {
    const tracking = stores();
    await replay(calmStream(3, LEARN_START, 8 * 96), tracking);
    // Monday 10 June, 09:00: a landslide on a national road, reported outlet after outlet.
    const burstAt = WEEK_END + 9 * 4 * BUCKET_MS;
    const burst: Array<[TrackedArticle, number]> = Array.from({ length: 9 }, (_, i) => [
      {
        id: `landslide-${i}`,
        story_id: `landslide-${i % 3}`,
        outlet: OUTLETS[i % OUTLETS.length]![0],
        themes: [{ id: "environment", score: 0.9 }],
        agencies: ["stnmt"],
        outlet_kind: OUTLETS[i % OUTLETS.length]![1],
        tone: { label: "negative", score: 0.9 },
        misinformation: { score: 0.05, reasons: [] },
        claims: [],
      },
      burstAt + i * 90_000,
    ]);
    const { alerts } = await replay(burst, tracking);
    const spikes = alerts.filter((alert) => alert.kind === "spike");
    expect(spikes.map((alert) => alert.scope)).toContainEqual({
      dimension: "theme",
      value: "environment",
      measure: "negative",
    });
  });
});
