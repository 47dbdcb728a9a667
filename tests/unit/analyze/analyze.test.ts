import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeArticle, createAnalyzer, resolveOutlet } from "../../../src/analyze/analyze.ts";
import { asInput, otherTonePlacement } from "../../../src/analyze/devsetScores.ts";
import { parseThemeModel } from "../../../src/analyze/model.ts";
import { loadPlan } from "../../../src/plan/load.ts";
import { stripDiacritics } from "../../../src/text/clean.ts";
import { labelledArticles } from "./dev-data.ts";
import { miniPlan } from "./mini-plan.ts";

const plan = await loadPlan(new URL("../../../config/plans/kon-tum-2024.yaml", import.meta.url).pathname);
const model = parseThemeModel(
  JSON.parse(readFileSync(new URL("../../fixtures/analysis/themes-nb.json", import.meta.url), "utf8")),
);
const analyzer = createAnalyzer(plan, model);
const articles = labelledArticles().map(asInput);

describe("analyzeArticle", () => {
  const result = analyzeArticle(
    {
      title: "Sở Văn hóa, Thể thao và Du lịch tổ chức Lễ hội Du lịch Kon Tum",
      lead: "Lễ hội diễn ra bên sông Đăk Bla, thu hút hàng nghìn du khách.",
      body: "Du khách hài lòng với các tiết mục cồng chiêng đặc sắc tại Măng Đen và thành phố Kon Tum.",
      url: "https://baokontum.com.vn/du-lich/le-hoi.html",
    },
    analyzer,
  );

  it("returns themes with the primary first, each with score and evidence", () => {
    expect(result.primaryTheme).toBe("tourism");
    expect(result.themes[0]!.id).toBe("tourism");
    expect(result.themes[0]!.evidence.terms.map((t) => t.term)).toContain("Lễ hội Du lịch Kon Tum");
    expect(result.themes[0]!.evidence.model.length).toBeGreaterThan(0);
  });

  it("returns the responsible agency with its evidence, places, districts and relevance", () => {
    expect(result.responsibleAgency).toBe("svhttdl");
    expect(result.agencies[0]).toMatchObject({ id: "svhttdl", role: "responsible", reason: "named" });
    expect(result.places.map((p) => p.id).sort()).toEqual(["mang_den", "song_dak_bla"]);
    expect(result.districts.map((d) => d.id).sort()).toEqual(["kon_plong", "tp_kon_tum"]);
    expect(result.relevance.relevant).toBe(true);
    expect(result.relevance.matched[0]!.kind).toBe("province");
  });

  it("returns tone, the outlet found from the URL and the analyzer version", () => {
    expect(result.tone.label).toBe("positive");
    expect(result.outlet).toBe("bao_kon_tum");
    expect(result.url).toBe("https://baokontum.com.vn/du-lich/le-hoi.html");
    expect(result.analyzerVersion).toBe(analyzer.version);
    expect(result.analyzerVersion).toContain(`+model.${model.id}`);
  });

  it("finds outlets by id or by a subdomain of their domain", () => {
    expect(resolveOutlet(analyzer, { outlet: "vov" })?.id).toBe("vov");
    expect(resolveOutlet(analyzer, { url: "https://m.vov.vn/xa-hoi/x.vov" })?.id).toBe("vov");
    expect(resolveOutlet(analyzer, { url: "not a url" })).toBeNull();
  });

  it("copes with missing fields", () => {
    const bare = analyzeArticle({ title: "Tai nạn giao thông trên Quốc lộ 14" }, analyzer);
    expect(bare.primaryTheme).toBe("other");
    expect(bare.relevance.relevant).toBe(false);
    expect(bare.responsibleAgency).toBeNull();
  });
});

describe("spelling invariance on the development set", () => {
  it("gives exactly the same analysis for NFD and for the other tone placement", () => {
    for (const article of articles) {
      const expected = JSON.stringify(analyzeArticle(article, analyzer));
      const nfd = {
        ...article,
        title: article.title.normalize("NFD"),
        lead: article.lead.normalize("NFD"),
        body: article.body.normalize("NFD"),
      };
      const tones = {
        ...article,
        title: otherTonePlacement(article.title),
        lead: otherTonePlacement(article.lead),
        body: otherTonePlacement(article.body),
      };
      expect(JSON.stringify(analyzeArticle(nfd, analyzer))).toBe(expected);
      expect(JSON.stringify(analyzeArticle(tones, analyzer))).toBe(expected);
    }
  });

  it("keeps the primary theme for at least 95% of articles stripped of diacritics", () => {
    let same = 0;
    for (const article of articles) {
      const stripped = {
        ...article,
        title: stripDiacritics(article.title),
        lead: stripDiacritics(article.lead),
        body: stripDiacritics(article.body),
      };
      const a = analyzeArticle(article, analyzer);
      const b = analyzeArticle(stripped, analyzer);
      expect(b.unmarked || a.unmarked).toBe(true);
      if (a.primaryTheme === b.primaryTheme) same++;
    }
    expect(same / articles.length).toBeGreaterThanOrEqual(0.95);
  });
});

describe("another province's plan", () => {
  it("works from the plan alone, with no model", () => {
    const other = createAnalyzer(miniPlan);
    const result = analyzeArticle(
      { title: "Du khách đến Biển Hồ, Pleiku", body: "Sở VHTTDL tỉnh Gia Lai đón đoàn." },
      other,
    );
    expect(result.primaryTheme).toBe("tourism");
    expect(result.responsibleAgency).toBe("svhttdl");
    expect(result.districts.map((d) => d.id)).toEqual(["pleiku"]);
    expect(result.analyzerVersion.endsWith("+model.none")).toBe(true);
  });
});
