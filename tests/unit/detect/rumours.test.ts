import { describe, expect, it } from "vitest";
import { spikeAlert } from "../../../src/detect/alerts.ts";
import { createDetectorState, parseDetectorState } from "../../../src/detect/detector.ts";
import { parseSpikeKey, spikeKey, spikeScopes } from "../../../src/detect/keys.ts";
import {
  busiestWindow,
  createStoryState,
  observeStoryArticle,
  parseStoryState,
  type StoryArticleEvent,
  type StoryState,
} from "../../../src/detect/rumours.ts";
import {
  memoryStateStore,
  spreadTime,
  type TrackedArticle,
  trackArticle,
} from "../../../src/detect/track.ts";

const T0 = Date.parse("2024-06-06T02:00:00Z");
const MIN = 60_000;
const now = new Date(T0);

function event(
  id: string,
  outlet: string,
  minutes: number,
  extra: Partial<StoryArticleEvent> = {},
): StoryArticleEvent {
  return {
    id,
    story_id: "s1",
    outlet,
    at: T0 + minutes * MIN,
    themes: ["environment"],
    agencies: ["stnmt"],
    negative: true,
    flagged: false,
    claims: [],
    ...extra,
  };
}

function feed(events: StoryArticleEvent[], state: StoryState = createStoryState("s1")) {
  const alerts = [];
  for (const e of events) {
    const result = observeStoryArticle(state, e, now);
    state = result.state;
    alerts.push(...result.alerts);
  }
  return { state, alerts };
}

describe("busiestWindow", () => {
  it("finds the most outlets whose first appearance fits in one window", () => {
    expect(busiestWindow({ a: 0, b: 50 * MIN, c: 100 * MIN, d: 110 * MIN }, 60 * MIN)).toEqual([
      "b",
      "c",
      "d",
    ]);
    expect(busiestWindow({}, MIN)).toEqual([]);
  });
});

describe("observeStoryArticle", () => {
  it("alerts once when the story reaches three outlets within an hour", () => {
    const { alerts, state } = feed([
      event("a1", "vov", 0),
      event("a2", "vov", 5), // the same outlet again does not count twice
      event("a3", "bao_kon_tum", 20),
      event("a4", "page-x", 59),
      event("a5", "page-y", 70),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: "rumour",
      scope: { story_id: "s1" },
      evidence: { outlets: ["vov", "bao_kon_tum", "page-x"], window_minutes: 60 },
      themes: ["environment"],
      agencies: ["stnmt"],
    });
    expect(alerts[0]!.evidence.article_ids).toEqual(["a1", "a2", "a3", "a4"]);
    expect(state.spread_alerted).toBe(true);
  });

  it("does not alert when the outlets are spread over more than the window", () => {
    expect(feed([event("a1", "o1", 0), event("a2", "o2", 45), event("a3", "o3", 90)]).alerts).toEqual([]);
  });

  it("ignores a spreading story with nothing negative or flagged", () => {
    const calm = { negative: false };
    expect(
      feed([event("a1", "o1", 0, calm), event("a2", "o2", 1, calm), event("a3", "o3", 2, calm)]).alerts,
    ).toEqual([]);
  });

  it("keeps an ordinary partner spread as a statistic on the story, not an alert", () => {
    // A positive tourism story reprinted by three partner outlets, one of them read as negative.
    const partner = (id: string, outlet: string, minutes: number, tone: "positive" | "negative") =>
      event(id, outlet, minutes, {
        negative: tone === "negative",
        tone,
        outlet_kind: "central_partner",
        title: `Măng Đen đón khách ${id}`,
      });
    const { alerts, state } = feed([
      partner("a1", "vov", 0, "positive"),
      partner("a2", "ttxvn", 10, "negative"),
      partner("a3", "nhan_dan", 20, "positive"),
    ]);
    expect(alerts).toEqual([]);
    expect(state.spread).toMatchObject({ outlets: ["vov", "ttxvn", "nhan_dan"], reasons: [] });
    expect(state.headline).toBe("Măng Đen đón khách a1");
    expect(state.tones).toEqual({ negative: 1, neutral: 0, positive: 2 });
  });

  it.each([
    ["negative", { tone: "negative", negative: true }, "central_partner"],
    ["flagged", { tone: "neutral", negative: false, flagged: true }, "central_partner"],
    ["outside_partners", { tone: "neutral", negative: false }, "other"],
  ] as const)("raises the spread with the reason %s", (reason, extra, lastKind) => {
    const { alerts } = feed([
      event("a1", "vov", 0, { ...extra, outlet_kind: "central_partner" }),
      event("a2", "ttxvn", 5, { ...extra, outlet_kind: "central_partner" }),
      event("a3", "page-x", 10, { ...extra, outlet_kind: lastKind }),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.evidence.reasons).toEqual([reason]);
  });

  it("alerts on the first article that spreads a registered claim, once per claim, with a stable id", () => {
    const first = feed([event("a1", "o1", 0, { negative: false, claims: ["dam-break-alarm"] })]);
    expect(first.alerts).toHaveLength(1);
    expect(first.alerts[0]).toMatchObject({ scope: { story_id: "s1", claim_id: "dam-break-alarm" } });
    const again = feed([event("a2", "o1", 1, { claims: ["dam-break-alarm"] })], first.state);
    expect(again.alerts).toEqual([]);
    // Replaying the same article from scratch raises the same alert id: storing it is idempotent.
    const replay = feed([event("a1", "o1", 0, { negative: false, claims: ["dam-break-alarm"] })]);
    expect(replay.alerts[0]!.id).toBe(first.alerts[0]!.id);
  });

  it("round-trips its state through JSON and rejects another story's", () => {
    const { state } = feed([event("a1", "o1", 0)]);
    expect(parseStoryState(JSON.stringify(state), "s1")).toEqual(state);
    expect(parseStoryState(JSON.stringify(state), "s2")).toEqual(createStoryState("s2"));
  });
});

describe("spike keys", () => {
  const article = {
    themes: [
      { id: "tourism", score: 0.8 },
      { id: "environment", score: 0.4 },
    ],
    agencies: ["ubnd_kon_plong"],
    outlet_kind: "other" as const,
    tone: { label: "negative" as const, score: 0.9 },
    misinformation: { score: 0.7, reasons: [] },
  };

  it("counts an article in every theme, agency and its outlet kind, per measure", () => {
    const keys = spikeScopes(article).map(spikeKey);
    expect(keys).toHaveLength(8);
    expect(keys).toContain("theme:tourism:negative");
    expect(keys).toContain("agency:ubnd_kon_plong:flagged");
    expect(keys).toContain("outlet_kind:other:flagged");
    expect(
      spikeScopes({ ...article, tone: { label: "neutral", score: 0 }, misinformation: undefined }),
    ).toEqual([]);
    expect(parseSpikeKey("theme:tourism:negative")).toEqual({
      dimension: "theme",
      value: "tourism",
      measure: "negative",
    });
    expect(parseSpikeKey("theme:tourism")).toBeNull();
  });

  it("builds a spike alert whose id depends on the key and the bucket only", () => {
    const evaluation = {
      bucket: T0,
      count: 4,
      expected: 0.5,
      sd: 1,
      z: 4.6,
      score: 3.6,
      alert: true,
      ids: ["a", "b"],
    };
    const scope = { dimension: "theme" as const, value: "tourism", measure: "flagged" as const };
    const alert = spikeAlert(scope, evaluation, now);
    expect(alert).toMatchObject({
      kind: "spike",
      themes: ["tourism"],
      evidence: { article_ids: ["a", "b"], count: 4 },
    });
    expect(spikeAlert(scope, { ...evaluation, count: 9 }, new Date()).id).toBe(alert.id);
    expect(spikeAlert(scope, { ...evaluation, bucket: T0 + 15 * MIN }, now).id).not.toBe(alert.id);
  });
});

describe("trackArticle", () => {
  it("runs an article through its series and its story, returning the alerts raised", async () => {
    const detectors = memoryStateStore((json) => parseDetectorState(json));
    const stories = memoryStateStore((json, key) => parseStoryState(json, key));
    // Two quiet days on the flagged theme series.
    await detectors.update("theme:environment:flagged", () => {
      let state = createDetectorState();
      state = { ...state, closed: 200, level: 0.01, bucket: T0 - 15 * MIN };
      return { state, result: null };
    });
    const article = (id: string, outlet: string): TrackedArticle => ({
      id,
      story_id: "s9",
      outlet,
      themes: [{ id: "environment", score: 1 }],
      agencies: [],
      outlet_kind: "other",
      tone: { label: "neutral", score: 0 },
      misinformation: { score: 0.8, reasons: [] },
      claims: ["dam-break-alarm"],
    });
    const raised = [];
    for (const [i, outlet] of ["p1", "p2", "p3"].entries()) {
      raised.push(await trackArticle({ detectors, stories }, article(`a${i}`, outlet), T0 + i * MIN, now));
    }
    expect(raised[0]!.map((alert) => alert.kind)).toEqual(["rumour"]); // the claim
    expect(raised[1]).toEqual([]);
    const third = raised[2]!
      .map((alert) => `${alert.kind}:${alert.scope.dimension ?? alert.scope.story_id}`)
      .sort();
    expect(third).toEqual(["rumour:s9", "spike:theme"]);
  });
});

describe("spread in publication time", () => {
  it("counts a story's spread when outlets published it, not when a backlog reached the pipeline", async () => {
    const detectors = memoryStateStore((json) => parseDetectorState(json));
    const stories = memoryStateStore((json, key) => parseStoryState(json, key));
    // Three reprints published a day apart, collected within three minutes (a first crawl).
    const article = (i: number, publishedDaysAgo: number): TrackedArticle => ({
      id: `b${i}`,
      story_id: "s-backlog",
      outlet: `o${i}`,
      themes: [{ id: "environment", score: 1 }],
      agencies: [],
      outlet_kind: "other",
      tone: { label: "negative", score: 0.9 },
      claims: [],
      published_at: new Date(T0 - publishedDaysAgo * 86_400_000).toISOString(),
    });
    const raised = [];
    for (const [i, days] of [3, 2, 1].entries())
      raised.push(...(await trackArticle({ detectors, stories }, article(i, days), T0 + i * MIN, now)));
    expect(raised.filter((alert) => alert.kind === "rumour")).toEqual([]);
    // The same three published within the hour spread.
    const fresh = [];
    for (const [i, minutes] of [50, 30, 10].entries())
      fresh.push(
        ...(await trackArticle(
          { detectors, stories },
          {
            ...article(i, 0),
            id: `c${i}`,
            story_id: "s-fresh",
            published_at: new Date(T0 - minutes * MIN).toISOString(),
          },
          T0 + i * MIN,
          now,
        )),
      );
    expect(fresh.filter((alert) => alert.kind === "rumour").map((alert) => alert.evidence.reasons)).toEqual([
      ["negative", "outside_partners"],
    ]);
    expect(spreadTime("2099-01-01T00:00:00Z", T0)).toBe(T0); // a future date is not believed
    expect(spreadTime(null, T0)).toBe(T0);
  });
});
