import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../../src/analyze/analyze.ts";
import {
  ALL_THEMES,
  assignStories,
  evaluateReal,
  type RealItem,
  realLabelSchema,
  splitOfStory,
  trainRealModels,
} from "../../../src/analyze/realSet.ts";
import { miniPlan } from "./mini-plan.ts";

const root = new URL("../../../", import.meta.url).pathname;
const labels = readFileSync(`${root}tests/fixtures/analysis/real/labels.jsonl`, "utf8")
  .trim()
  .split("\n")
  .map((line) => realLabelSchema.parse(JSON.parse(line)));

describe("the committed real labelled set", () => {
  it("keeps every story in one split, and the split its story's", () => {
    const splitOf = new Map<string, string>();
    for (const l of labels) {
      expect(l.split).toBe(splitOfStory(l.story));
      const seen = splitOf.get(l.story);
      if (seen) expect(l.split).toBe(seen);
      splitOf.set(l.story, l.split);
    }
  });

  it("has at least 80 primary items of every plan theme, and `other` as the commonest label", () => {
    const count = (t: string) => labels.filter((l) => l.themes[0] === t).length;
    for (const t of ALL_THEMES) expect(count(t), t).toBeGreaterThanOrEqual(80);
    expect(Math.max(...ALL_THEMES.map(count))).toBe(count("other"));
  });

  it("names corpus files and never the same one twice", () => {
    expect(new Set(labels.map((l) => l.path)).size).toBe(labels.length);
    for (const l of labels) expect(l.path).toMatch(/^data\/(vntc\/raw_data|TC201805\/corpus)\//);
  });
});

describe("assignStories", () => {
  it("puts near-copies and same-title items in one story, others apart", () => {
    const text =
      "Sáng 5-6, tại hội trường UBND tỉnh, hội nghị tổng kết công tác bảo vệ rừng năm 2005 đã diễn ra với sự tham dự của nhiều đơn vị.";
    const stories = assignStories([
      { id: "a", title: "Tổng kết bảo vệ rừng", text },
      { id: "b", title: "Hội nghị bảo vệ rừng", text: `${text} Theo TTXVN.` },
      {
        id: "c",
        title: "Giá vàng tăng mạnh trong tuần",
        text: "Giá vàng trong nước tăng mạnh theo thế giới.",
      },
      { id: "d", title: "Giá vàng tăng mạnh trong tuần", text: "Một bài khác, cùng tiêu đề." },
    ]);
    expect(stories.get("b")).toBe(stories.get("a"));
    expect(stories.get("d")).toBe(stories.get("c"));
    expect(stories.get("c")).not.toBe(stories.get("a"));
  });
});

describe("trainRealModels / evaluateReal", () => {
  const item = (
    id: string,
    theme: "tourism" | "agriculture" | "other",
    tone: "positive" | "neutral",
    title: string,
  ): RealItem => ({
    id,
    path: `data/vntc/raw_data/x/${id}.txt`,
    stratum: "test",
    split: "train",
    story: id,
    themes: [theme],
    tone,
    agencies: [],
    relevance: {},
    input: { title, body: title },
  });
  const items = [
    ...Array.from({ length: 8 }, (_, i) =>
      item(`t${i}`, "tourism", "positive", `Lễ hội du lịch thu hút du khách ${i}`),
    ),
    ...Array.from({ length: 8 }, (_, i) =>
      item(`a${i}`, "agriculture", "neutral", `Nông dân trồng cà phê thu hoạch ${i}`),
    ),
    ...Array.from({ length: 8 }, (_, i) =>
      item(`o${i}`, "other", "neutral", `Bóng đá giải vô địch trận ${i}`),
    ),
  ];

  it("learns themes and tone bound to the plan, and scores them per label", () => {
    const model = trainRealModels(miniPlan, items, []);
    expect(model.plan.id).toBe(miniPlan.id);
    const e = evaluateReal(createAnalyzer(miniPlan, model), items);
    expect(e.themes.accuracy).toBe(1);
    expect(e.tone.accuracy).toBe(1);
    expect(e.themes.perLabel.find((f) => f.label === "tourism")).toMatchObject({
      support: 8,
      predicted: 8,
      f1: 1,
    });
    expect(e.themes.confusion.agriculture?.agriculture).toBe(8);
  });
});
