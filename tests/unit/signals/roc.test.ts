import { describe, expect, it } from "vitest";
import { atThreshold, rocAuc } from "../../../src/signals/roc.ts";

const item = (score: number, positive: boolean) => ({ score, positive });

describe("rocAuc", () => {
  it("is 1 when every positive outranks every negative, 0 when reversed", () => {
    expect(rocAuc([item(0.9, true), item(0.8, true), item(0.1, false), item(0.2, false)])).toBe(1);
    expect(rocAuc([item(0.1, true), item(0.9, false)])).toBe(0);
  });

  it("counts ties half (Mann–Whitney)", () => {
    // Pairs: (0.5+ vs 0.5-) tie = 0.5, (0.5+ vs 0.1-) = 1, (0.9+ vs both) = 2 → 3.5 / 4.
    expect(rocAuc([item(0.5, true), item(0.9, true), item(0.5, false), item(0.1, false)])).toBe(0.875);
    expect(rocAuc([item(0.3, true), item(0.3, false), item(0.3, false)])).toBe(0.5);
  });

  it("matches the pairwise count on a mixed list", () => {
    const items = [0.1, 0.4, 0.35, 0.8, 0.4, 0.7, 0.2].map((score, i) => item(score, i % 2 === 0));
    let wins = 0;
    let pairs = 0;
    for (const p of items.filter((x) => x.positive))
      for (const n of items.filter((x) => !x.positive)) {
        pairs++;
        wins += p.score > n.score ? 1 : p.score === n.score ? 0.5 : 0;
      }
    expect(rocAuc(items)).toBeCloseTo(wins / pairs, 12);
  });

  it("is NaN with one class only", () => {
    expect(rocAuc([item(0.2, true), item(0.4, true)])).toBeNaN();
  });
});

describe("atThreshold", () => {
  it("flags scores at or above the threshold", () => {
    const at = atThreshold([item(0.5, true), item(0.6, false), item(0.4, true), item(0.1, false)], 0.5);
    expect(at).toMatchObject({ flagged: 2, truePositives: 1, positives: 2, precision: 0.5, recall: 0.5 });
  });

  it("has no precision when nothing is flagged", () => {
    expect(atThreshold([item(0.1, true)], 0.5).precision).toBeNaN();
  });
});
