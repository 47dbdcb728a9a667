import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { analyzeArticle, createAnalyzer } from "../../../src/analyze/analyze.ts";
import { parseLearnedModel } from "../../../src/analyze/learned.ts";
import { loadPlan } from "../../../src/plan/load.ts";

const root = new URL("../../../", import.meta.url).pathname;
const konTum = await loadPlan(`${root}config/plans/kon-tum-2024.yaml`);
const giaLai = await loadPlan(`${root}config/plans/gia-lai-2024.yaml`);
const shipped = parseLearnedModel(
  JSON.parse(gunzipSync(readFileSync(`${root}config/models/analyzer.json.gz`)).toString("utf8")),
);

const article = {
  title: "Bắt đối tượng phá rừng phòng hộ",
  lead: "Hạt Kiểm lâm huyện vừa bắt quả tang hai đối tượng chặt phá hơn 2 ha rừng phòng hộ.",
  body: "Lực lượng kiểm lâm đã lập biên bản, tạm giữ phương tiện và chuyển hồ sơ cho công an điều tra.",
};

describe("the shipped learned model", () => {
  it("is bound to the plan it was trained for and used with it", () => {
    expect(shipped.plan.id).toBe(konTum.id);
    const analyzer = createAnalyzer(konTum, shipped);
    expect(analyzer.warnings).toEqual([]);
    expect(analyzer.learned?.themes).not.toBeNull();
    const result = analyzeArticle(article, analyzer);
    expect(result.themes[0]!.evidence.model.length).toBeGreaterThan(0);
    expect(result.tone.model?.length).toBeGreaterThan(0);
  });

  it("falls back to the vocabulary with a warning under another plan, and keeps relevance", () => {
    const analyzer = createAnalyzer(giaLai, shipped);
    expect(analyzer.learned?.themes).toBeNull();
    expect(analyzer.learned?.tone).toBeNull();
    expect(analyzer.learned?.relevance).not.toBeNull();
    expect(analyzer.warnings[0]).toMatch(/trained for plan kon-tum-2024, not gia-lai-2024/);
    const result = analyzeArticle(article, analyzer);
    expect(result.tone.model).toBeUndefined();
    expect(result.relevance.reasons).toBeDefined();
  });

  it("falls back when the plan it was trained for has been edited since", () => {
    const edited = structuredClone(konTum);
    edited.themes[0]!.terms.push({ text: "một cụm từ mới", weight: 2 });
    const analyzer = createAnalyzer(edited, shipped);
    expect(analyzer.learned?.themes).toBeNull();
    expect(analyzer.warnings[0]).toMatch(/another version of plan kon-tum-2024/);
  });

  it("rejects a file that is not a model, saying where", () => {
    expect(() => parseLearnedModel({ ...shipped, themes: { classes: ["a"] } })).toThrow(/themes/);
  });
});

describe("the evidence an indexed article keeps", () => {
  it("names, for the theme and the tone, the plan terms and words that decided them", async () => {
    const { analysisFields } = await import("../../../src/pipeline/toArticleDoc.ts");
    const fields = analysisFields(analyzeArticle(article, createAnalyzer(konTum, shipped)));
    expect(fields.primary_theme).toBe("agriculture");
    const evidence = fields.themes[0]!.evidence!;
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.length).toBeLessThanOrEqual(5);
    expect(evidence.some((e) => /rừng|kiểm lâm|rung/.test(e))).toBe(true);
    expect(fields.tone.label).toBe("negative");
    expect(fields.tone.evidence!.some((e) => e.startsWith("−"))).toBe(true);
  });
});
