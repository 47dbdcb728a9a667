import { describe, expect, it } from "vitest";
import {
  classificationReport,
  formatTable,
  macroF1,
  multiLabelReport,
  pairScores,
} from "../../../src/analyze/metrics.ts";

describe("classificationReport", () => {
  const report = classificationReport(["a", "a", "b", "b", "c"], ["a", "b", "b", "b", "a"], ["a", "b", "c"]);

  it("computes precision, recall and F1 per label", () => {
    const a = report.perLabel.find((s) => s.label === "a")!;
    expect(a).toMatchObject({ precision: 0.5, recall: 0.5, support: 2, predicted: 2 });
    const b = report.perLabel.find((s) => s.label === "b")!;
    expect(b.precision).toBeCloseTo(2 / 3);
    expect(b.recall).toBe(1);
    expect(b.f1).toBeCloseTo(0.8);
    expect(report.perLabel.find((s) => s.label === "c")!.f1).toBe(0);
    expect(report.accuracy).toBe(0.6);
  });

  it("builds the confusion matrix gold by predicted", () => {
    expect(report.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
  });

  it("averages F1 over a subset of labels", () => {
    expect(macroF1(report, ["a", "b"])).toBeCloseTo((0.5 + 0.8) / 2);
    expect(macroF1(report, [])).toBe(0);
  });

  it("refuses lists of different lengths", () => {
    expect(() => classificationReport(["a"], [], ["a"])).toThrow();
  });
});

describe("multiLabelReport", () => {
  it("scores sets label by label", () => {
    const report = multiLabelReport([["a", "b"], ["b"]], [["a"], ["b", "c"]], ["a", "b", "c"]);
    expect(report.perLabel.find((s) => s.label === "b")).toMatchObject({ precision: 1, recall: 0.5 });
    expect(report.exact).toBe(0);
    expect(report.microF1).toBeCloseTo(2 / 3);
  });
});

describe("pairScores", () => {
  it("scores clusters over pairs", () => {
    const gold = new Map([
      ["1", "A"],
      ["2", "A"],
      ["3", "A"],
      ["4", "B"],
    ]);
    const predicted = new Map([
      ["1", "x"],
      ["2", "x"],
      ["4", "x"],
    ]);
    const scores = pairScores(gold, predicted);
    expect(scores).toMatchObject({ goldPairs: 3, predictedPairs: 3, truePairs: 1 });
    expect(scores.precision).toBeCloseTo(1 / 3);
    expect(scores.recall).toBeCloseTo(1 / 3);
  });
});

describe("formatTable", () => {
  it("pads columns and right-aligns numbers", () => {
    expect(
      formatTable(
        ["name", "n"],
        [
          ["ab", 1.5],
          ["c", 10],
        ],
      ).split("\n"),
    ).toEqual(["name      n", "----  -----", "ab    1.500", "c        10"]);
  });
});
