import { describe, expect, it } from "vitest";
import {
  compileLinear,
  predictLinear,
  scoreLinear,
  topContributions,
  trainLinear,
} from "../../../src/analyze/linear.ts";

const doc = (...features: string[]) => new Map(features.map((f) => [f, 1]));

// Three classes, each signalled by its own word, with a shared word that says nothing.
const examples = [
  ...Array.from({ length: 20 }, () => ({ x: doc("rừng", "năm"), y: 0 })),
  ...Array.from({ length: 20 }, () => ({ x: doc("lễ hội", "năm"), y: 1 })),
  ...Array.from({ length: 20 }, () => ({ x: doc("đầu tư", "năm"), y: 2 })),
];

describe("trainLinear / predictLinear", () => {
  const data = trainLinear(examples, { classes: ["agriculture", "tourism", "economy"], epochs: 10 });
  const model = compileLinear(data);

  it("learns which feature signals which class", () => {
    for (const [feature, expected] of [
      ["rừng", 0],
      ["lễ hội", 1],
      ["đầu tư", 2],
    ] as const) {
      const p = predictLinear(model, doc(feature));
      expect(p.indexOf(Math.max(...p))).toBe(expected);
      expect(p[expected]).toBeGreaterThan(0.8);
    }
  });

  it("gives probabilities that sum to one, and the bias alone for an unknown document", () => {
    const p = predictLinear(model, doc("không có"));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(Math.max(...p) - Math.min(...p)).toBeLessThan(0.2);
  });

  it("explains a decision by the features that pushed it, not by the shared one", () => {
    const top = topContributions(model, scoreLinear(model, doc("lễ hội", "năm")), 1);
    expect(top[0]?.feature).toBe("lễ hội");
    const shared = top.find((t) => t.feature === "năm")?.weight ?? 0;
    expect(shared).toBeLessThan(top[0]!.weight / 5);
  });

  it("is deterministic for a seed and drops features seen in fewer examples than minDocs", () => {
    const again = trainLinear(examples, { classes: ["agriculture", "tourism", "economy"], epochs: 10 });
    expect(again).toEqual(data);
    const rare = trainLinear([...examples, { x: doc("hiếm"), y: 0 }], {
      classes: ["a", "b", "c"],
      minDocs: 2,
    });
    expect(Object.keys(rare.weights)).not.toContain("hiếm");
  });

  it("keeps only the strongest features when maxFeatures is set", () => {
    const small = trainLinear(examples, { classes: ["a", "b", "c"], maxFeatures: 2 });
    expect(Object.keys(small.weights)).toHaveLength(2);
    expect(Object.keys(small.weights)).not.toContain("năm");
  });
});
