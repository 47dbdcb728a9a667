import { describe, expect, it } from "vitest";
import {
  materializeDedupe,
  otherTonePlacement,
  planThemeIds,
  sameAgency,
  sentences,
  splitOf,
  TEST_SHARE,
} from "../../../src/analyze/devsetScores.ts";
import { loadPlan } from "../../../src/plan/load.ts";
import { normalizeVietnamese } from "../../../src/text/normalize.ts";
import { isUnmarked, tokenizeText } from "../../../src/text/tokens.ts";
import { dedupeFixture, labelledArticles, toneExamples } from "./dev-data.ts";

const plan = await loadPlan(new URL("../../../config/plans/kon-tum-2024.yaml", import.meta.url).pathname);
const articles = labelledArticles();

describe("development sets", () => {
  it("hold enough labelled articles across the nine labels, and enough tone items", () => {
    expect(articles.length).toBeGreaterThanOrEqual(300);
    expect(toneExamples().length).toBeGreaterThanOrEqual(150);
    for (const theme of plan.themes) {
      expect(articles.filter((a) => a.themes[0] === theme.id).length, theme.id).toBeGreaterThanOrEqual(30);
    }
  });

  it("use only the plan's theme and agency ids, and unique item ids", () => {
    const themeIds = new Set(plan.themes.map((t) => t.id));
    const agencyIds = new Set(plan.agencies.map((a) => a.id));
    for (const a of articles) {
      for (const t of a.themes) expect(themeIds.has(t), `${a.id}: ${t}`).toBe(true);
      if (a.agency !== null) expect(agencyIds.has(a.agency), `${a.id}: ${a.agency}`).toBe(true);
      // Articles about elsewhere have no responsible plan agency.
      if (!a.relevant) expect(a.agency, a.id).toBeNull();
    }
    const ids = [...articles, ...toneExamples()].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("include other provinces and text typed without diacritics", () => {
    expect(articles.filter((a) => !a.relevant).length).toBeGreaterThanOrEqual(20);
    expect(
      articles.filter((a) => isUnmarked(tokenizeText(`${a.title} ${a.lead} ${a.body}`))).length,
    ).toBeGreaterThanOrEqual(10);
  });

  it("cover the three tones, with negations in the tone set", () => {
    const tones = toneExamples();
    for (const label of ["negative", "neutral", "positive"])
      expect(tones.filter((t) => t.tone === label).length).toBeGreaterThanOrEqual(40);
    expect(
      tones.filter((t) => /\b(không|chưa)\b/iu.test(`${t.title} ${t.lead}`)).length,
    ).toBeGreaterThanOrEqual(15);
  });
});

describe("splitOf", () => {
  it("is a fixed function of the id, holding out about 30%", () => {
    expect(splitOf("gov-001")).toBe(splitOf("gov-001"));
    const share = articles.filter((a) => splitOf(a.id) === "test").length / articles.length;
    expect(Math.abs(share - TEST_SHARE)).toBeLessThan(0.06);
  });
});

describe("materializeDedupe", () => {
  const items = materializeDedupe(dedupeFixture());

  it("writes every copy out with its original's family", () => {
    const fixture = dedupeFixture();
    expect(items).toHaveLength(fixture.articles.length + fixture.copies.length);
    const copy = items.find((i) => i.id === "e01-c1")!;
    expect(copy.family).toBe("e01-orig");
    expect(copy.body.endsWith("\nTheo TTXVN")).toBe(true);
  });

  it("applies keep, drop, edits and prefix", () => {
    const original = items.find((i) => i.id === "e01-orig")!;
    expect(sentences(items.find((i) => i.id === "e01-c2")!.body.replace(/\n.*$/, ""))).toEqual(
      sentences(original.body).slice(0, 5),
    );
    const c3 = items.find((i) => i.id === "e01-c3")!;
    expect(c3.body).toContain("Doanh thu du lịch dịp này");
    expect(sentences(c3.body)).toHaveLength(sentences(original.body).length - 1);
    expect(items.find((i) => i.id === "e03-c1")!.lead.startsWith("(Cổng TTĐT) -")).toBe(true);
  });

  it("fails loudly on an edit that does not apply", () => {
    const fixture = dedupeFixture();
    const broken = {
      ...fixture,
      copies: [{ ...fixture.copies[0]!, edits: [["không có trong bài", "x"]] as [string, string][] }],
    };
    expect(() => materializeDedupe(broken)).toThrow(/not found/);
  });
});

describe("helpers", () => {
  it("writes the other tone placement, which normalises back", () => {
    const text = "Hòa bình, thủy điện, khỏe mạnh, hoàng hôn, quà";
    const other = otherTonePlacement(text);
    expect(other).toBe("Hoà bình, thuỷ điện, khoẻ mạnh, hoàng hôn, quà");
    expect(normalizeVietnamese(other)).toBe(text);
  });

  it("matches an agency with its group", () => {
    expect(sameAgency(plan, "ubnd_kon_plong", "ubnd_huyen")).toBe(true);
    expect(sameAgency(plan, "ubnd_huyen", "ubnd_kon_plong")).toBe(true);
    expect(sameAgency(plan, "ubnd_kon_plong", "ubnd_dak_ha")).toBe(false);
    expect(sameAgency(plan, null, null)).toBe(true);
    expect(sameAgency(plan, "stttt", null)).toBe(false);
  });

  it("reports macro-F1 over the seven section II themes", () => {
    expect(planThemeIds(plan)).toEqual([
      "government",
      "people",
      "tourism",
      "environment",
      "agriculture",
      "economy",
      "national_programs",
    ]);
  });
});
