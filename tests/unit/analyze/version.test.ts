import { describe, expect, it } from "vitest";
import {
  ANALYZER_VERSION,
  analyzerVersion,
  needsReanalysis,
  planFingerprint,
} from "../../../src/analyze/version.ts";
import { miniPlan } from "./mini-plan.ts";

describe("analyzer version", () => {
  it("names the code version, the plan and the model", () => {
    const version = analyzerVersion(miniPlan, "abc123");
    expect(version.startsWith(`${ANALYZER_VERSION}+plan.gia-lai-test.`)).toBe(true);
    expect(version.endsWith("+model.abc123")).toBe(true);
    expect(analyzerVersion(miniPlan, null).endsWith("+model.none")).toBe(true);
  });

  it("changes when the plan vocabulary changes, not when obligations do", () => {
    const changedTerms = {
      ...miniPlan,
      themes: miniPlan.themes.map((t) =>
        t.id === "tourism" ? { ...t, terms: [...t.terms, { text: "homestay", weight: 2 }] } : t,
      ),
    };
    const changedObligations = { ...miniPlan, obligations: [] as typeof miniPlan.obligations, title: "Khác" };
    expect(planFingerprint(changedTerms)).not.toBe(planFingerprint(miniPlan));
    expect(planFingerprint(changedObligations)).toBe(planFingerprint(miniPlan));
  });

  it("says when a stored result must be recomputed", () => {
    const current = analyzerVersion(miniPlan, "m2");
    expect(needsReanalysis(analyzerVersion(miniPlan, "m1"), current)).toBe(true);
    expect(needsReanalysis(undefined, current)).toBe(true);
    expect(needsReanalysis(current, current)).toBe(false);
  });
});
