// The demo's closing summary lists the alerts in the reader's language (Vietnamese unless told),
// rendered from what each alert carries, not its stored English title.
import { describe, expect, it } from "vitest";
import { formatSummary, type SummaryInput } from "../../../demo/summary.ts";
import { tourismSpike } from "../notify/fixtures.ts";

function input(lang: "vi" | "en"): SummaryInput {
  const claim = {
    ...tourismSpike,
    id: "rumour-1",
    kind: "rumour" as const,
    title: "story s1 repeats registered claim fake-sam-ngoc-linh",
    scope: { story_id: "s1", claim_id: "fake-sam-ngoc-linh" },
    evidence: {
      article_ids: ["a1"],
      story: {
        headline: "Sâm Ngọc Linh giả bán tràn lan",
        other_headlines: [],
        outlets: ["vov"],
        first_at: "2024-06-18T01:00:00Z",
        latest_at: "2024-06-18T02:00:00Z",
        themes: ["agriculture"],
        agencies: [],
        tone: { label: "negative" as const, negative: 1, neutral: 0, positive: 0 },
        articles: 1,
      },
    },
  };
  return {
    month: "2024-06",
    themes: [],
    outlets: [],
    coverage: [],
    alerts: [tourismSpike, claim],
    lang,
    labels: { themes: { tourism: "Du lịch" } },
    evaluation: { rows: [], obligations: [] } as unknown as SummaryInput["evaluation"],
    published: 0,
    indexed: 0,
    throughput: "",
    dashboard: { url: "http://127.0.0.1:8080/", username: "u", password: "p" },
  };
}

describe("the demo summary's alerts", () => {
  it("are in Vietnamese by default and in English when asked, with the story's headline", () => {
    const vi = formatSummary(input("vi"));
    expect(vi).toContain("[spike] Tăng đột biến bài tiêu cực (Du lịch (tourism)): 7 bài trong 15 phút");
    expect(vi).toContain(
      "[rumour] Tin khớp thông tin sai đã đăng ký (fake-sam-ngoc-linh): “Sâm Ngọc Linh giả bán tràn lan”",
    );
    const en = formatSummary(input("en"));
    expect(en).toContain(
      "[spike] Spike of negative articles (Du lịch (tourism)): 7 articles in the 15 minutes",
    );
    expect(en).toContain("[rumour] Articles matching a registered false claim (fake-sam-ngoc-linh)");
    expect(en).not.toContain(tourismSpike.title);
  });
});
