import { describe, expect, it } from "vitest";
import { prepareDocument } from "../../../src/analyze/document.ts";
import { compileThemeModel, trainThemeModel } from "../../../src/analyze/model.ts";
import { classifyThemes, DEFAULT_THEME_SETTINGS } from "../../../src/analyze/themes.ts";
import { compileVocabulary, scoreVocabulary } from "../../../src/analyze/vocabulary.ts";
import { miniPlan } from "./mini-plan.ts";

const vocabulary = compileVocabulary(miniPlan);
const classify = (
  input: { title?: string; lead?: string; body?: string },
  model = null as ReturnType<typeof compileThemeModel> | null,
) => classifyThemes(miniPlan, vocabulary, model, prepareDocument(input));

describe("plan vocabulary", () => {
  it("weighs the title and lead above the body", () => {
    const inTitle = scoreVocabulary(vocabulary, prepareDocument({ title: "Du khách đến Pleiku", body: "" }));
    const inLead = scoreVocabulary(vocabulary, prepareDocument({ lead: "Du khách đến Pleiku" }));
    const inBody = scoreVocabulary(vocabulary, prepareDocument({ body: "Du khách đến Pleiku" }));
    expect(inTitle.scores.tourism).toBe(6);
    expect(inLead.scores.tourism).toBe(4);
    expect(inBody.scores.tourism).toBe(2);
  });

  it("adds less for repeats and reports each term with its fields", () => {
    const result = scoreVocabulary(
      vocabulary,
      prepareDocument({ body: "Cà phê, cà phê và cà phê.", title: "Cà phê Gia Lai" }),
    );
    const term = result.evidence.agriculture!.find((e) => e.term === "cà phê")!;
    expect(term.counts).toEqual({ title: 1, body: 3 });
    expect(result.scores.agriculture).toBeCloseTo(2 * 3 + 2 * (1 + Math.log(3)), 6);
    expect(result.scores.agriculture).toBeLessThan(2 * 3 + 2 * 3);
  });

  it("lets a longer phrase of one theme outweigh the shorter term of another", () => {
    const result = classify({ title: "Khai mạc Lễ hội cà phê Gia Lai" });
    expect(result.primary).toBe("tourism");
    expect(result.themes[0]!.evidence.terms[0]!.term).toBe("lễ hội cà phê");
  });

  it("matches without diacritics when the text has none, but not single ambiguous syllables", () => {
    const unmarked = scoreVocabulary(
      vocabulary,
      prepareDocument({ title: "Gia ho tieu tang, lao dong thieu" }),
    );
    expect(unmarked.evidence.agriculture!.map((e) => e.term)).toEqual(["hồ tiêu"]);
    const marked = scoreVocabulary(vocabulary, prepareDocument({ title: "Xuất khẩu hồ tiêu sang Lào" }));
    expect(marked.evidence.agriculture!.map((e) => e.term).sort()).toEqual(["hồ tiêu", "Lào"].sort());
  });
});

describe("classifyThemes", () => {
  it("puts an article about nothing in the plan in `other`", () => {
    const result = classify({ title: "Giá vàng hôm nay", body: "Giá vàng trong nước tăng nhẹ." });
    expect(result.primary).toBe("other");
    expect(result.themes.map((t) => t.id)).toEqual(["other"]);
  });

  it("reports a second theme above the threshold, primary first, scores summing to 1", () => {
    // Equal evidence for two themes: both reported.
    const result = classify({
      title: "Du khách thăm vườn hồ tiêu",
      body: "Nông dân Chư Păh giới thiệu vườn.",
    });
    expect(result.themes[0]!.id).toBe(result.primary);
    expect(result.themes.map((t) => t.id).sort()).toEqual(["agriculture", "tourism"]);
    const total = Object.values(result.scores).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 2);
    for (const theme of result.themes.slice(1))
      expect(theme.score).toBeGreaterThanOrEqual(DEFAULT_THEME_SETTINGS.includeThreshold);
  });

  it("uses a trained model, with evidence, where the vocabulary says nothing", () => {
    const examples = [
      {
        body: "Nông dân thu hoạch mắc ca, năng suất mắc ca cao, giá mắc ca ổn định.",
        themes: ["agriculture"],
      },
      { body: "Hợp tác xã mở rộng vườn mắc ca, chế biến hạt mắc ca xuất bán.", themes: ["agriculture"] },
      { body: "Đoàn nghệ sĩ biểu diễn chiêng, khán giả xem biểu diễn chiêng đông.", themes: ["tourism"] },
      { body: "Đêm biểu diễn chiêng bên nhà rông thu hút người xem.", themes: ["tourism"] },
    ].map((e) => ({ doc: prepareDocument(e), themes: e.themes }));
    const model = compileThemeModel(
      trainThemeModel(examples, { plan: miniPlan.id, themes: miniPlan.themes.map((t) => t.id) }),
    );
    const input = { title: "Mùa thu hoạch mắc ca", body: "Vườn mắc ca trĩu hạt." };
    expect(classify(input).primary).toBe("other");
    const withModel = classify(input, model);
    expect(withModel.primary).toBe("agriculture");
    expect(withModel.themes[0]!.evidence.model.map((f) => f.feature)).toContain("mac ca");
  });
});
