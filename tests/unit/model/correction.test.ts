import { describe, expect, it } from "vitest";
import {
  correctionExample,
  parseCorrectionExamples,
  provinceKey,
  trainingOfCorrection,
} from "../../../src/analyze/correctionExamples.ts";
import { applyCorrection, mergeCorrection } from "../../../src/model/correction.ts";
import { syntheticArticles } from "../../helpers/syntheticArticles.ts";

const doc = {
  ...syntheticArticles(1, 3)[0]!,
  themes: [
    { id: "tourism", score: 0.8, evidence: ["du khách"] },
    { id: "economy", score: 0.4 },
  ],
  primary_theme: "tourism",
  tone: { label: "positive" as const, score: 0.6, evidence: ["+đẹp"] },
  agencies: ["svhttdl", "sct"],
  relevance: 0.3,
};

describe("applyCorrection", () => {
  it("replaces what was corrected and keeps the analyzer's evidence for themes it also found", () => {
    const out = applyCorrection(doc, {
      themes: ["economy", "agriculture"],
      tone: "negative",
      agency: "sct",
      relevant: true,
    });
    expect(out.primary_theme).toBe("economy");
    expect(out.themes).toEqual([
      { id: "economy", score: 0.4 },
      { id: "agriculture", score: 1 },
    ]);
    expect(out.tone).toEqual({ label: "negative", score: 0.6, evidence: ["+đẹp"] });
    expect(out.agencies).toEqual(["sct", "svhttdl"]);
    expect(out.relevance).toBe(1);
    expect(applyCorrection(doc, { agency: null }).agencies).toEqual([]);
    expect(applyCorrection(doc, {})).toEqual(doc);
  });

  it("merges later corrections field by field and remembers what the analyzer first said", () => {
    const first = mergeCorrection(null, doc, {
      fields: { tone: "negative" },
      note: null,
      by: "a",
      at: "2024-06-01T00:00:00Z",
    });
    const corrected = applyCorrection(doc, first.fields);
    const second = mergeCorrection(first, corrected, {
      fields: { themes: ["economy"] },
      note: "x",
      by: "b",
      at: "2024-06-02T00:00:00Z",
    });
    expect(second.fields).toEqual({ tone: "negative", themes: ["economy"] });
    expect(second.analyzer.tone).toBe("positive");
    expect(second.history.map((h) => h.by)).toEqual(["a", "b"]);
    expect([second.by, second.note]).toEqual(["b", "x"]);
  });
});

describe("correction examples", () => {
  it("export the labels in the real set's shape and train only on what a person set", () => {
    const correction = mergeCorrection(null, doc, {
      fields: { tone: "negative" },
      note: null,
      by: "a",
      at: "2024-06-01T00:00:00Z",
    });
    const example = correctionExample(correction, applyCorrection(doc, correction.fields), "Đắk Lắk");
    expect(example).toMatchObject({
      split: "train",
      stratum: "correction",
      themes: ["tourism", "economy"],
      tone: "negative",
      agencies: ["svhttdl@Đắk Lắk"],
      relevance: { dak_lak: false },
      corrected: ["tone"],
      text: { title: doc.title, lead: doc.lead, body: doc.body },
    });
    expect(provinceKey("Kon Tum")).toBe("kon_tum");
    const [parsed] = parseCorrectionExamples(`${JSON.stringify(example)}\n\n`, "c.jsonl");
    expect(trainingOfCorrection(parsed!)).toEqual({ input: example.text, tone: "negative" });
    expect(() => parseCorrectionExamples(`{"id": 1}`, "c.jsonl")).toThrow(/^c\.jsonl:1: /);
    expect(() => parseCorrectionExamples(`nope`, "c.jsonl")).toThrow(/c\.jsonl:1: invalid JSON/);
  });
});
