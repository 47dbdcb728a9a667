import { describe, expect, it } from "vitest";
import {
  isStopSyllable,
  STOP_SYLLABLES,
  VIETNAMESE_STOPWORDS,
  withoutStopwords,
} from "../../../src/text/stopwords.ts";

describe("Vietnamese stopwords", () => {
  it("come from stopwords-iso, normalised", () => {
    expect(VIETNAMESE_STOPWORDS.size).toBeGreaterThan(500);
    expect(VIETNAMESE_STOPWORDS.has("có thể")).toBe(true);
  });

  it("offer the single syllables for token filtering", () => {
    expect(isStopSyllable("của")).toBe(true);
    expect(isStopSyllable("du")).toBe(false);
    for (const entry of STOP_SYLLABLES) expect(entry).not.toContain(" ");
  });

  it("filter a syllable list", () => {
    expect(withoutStopwords(["du", "lịch", "của", "các", "huyện"])).toEqual(["du", "lịch", "huyện"]);
  });
});
