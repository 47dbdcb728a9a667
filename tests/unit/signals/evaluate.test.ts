import { describe, expect, it } from "vitest";
import type { EvalItem } from "../../../src/signals/evalSet.ts";
import { figuresBySplit, formatFigures, scoreItems } from "../../../src/signals/evaluate.ts";

const item = (id: string, split: "dev" | "test", misinformation: boolean, score: number) => ({
  item: { id, split, misinformation, title: id, body: "" } satisfies EvalItem,
  score,
});

describe("figuresBySplit", () => {
  it("gives each split its own ROC-AUC and precision/recall at the threshold", () => {
    const rows = [
      item("a", "dev", true, 0.9),
      item("b", "dev", false, 0.2),
      item("c", "test", true, 0.3),
      item("d", "test", false, 0.6),
      item("e", "test", true, 0.7),
    ];
    const scores = new Map(rows.map((row) => [row.item.id, row.score]));
    const scored = scoreItems(
      rows.map((row) => row.item),
      (it) => scores.get(it.id)!,
    );
    const [dev, test] = figuresBySplit(scored, 0.5);
    expect(dev).toMatchObject({ split: "dev", items: 2, positives: 1, auc: 1 });
    expect(test).toMatchObject({ split: "test", items: 3, positives: 2, auc: 0.5 });
    expect(test?.at).toMatchObject({ flagged: 2, truePositives: 1, precision: 0.5, recall: 0.5 });
    expect(formatFigures([dev!, test!]).split("\n")[2]).toMatch(
      /^test\s+3\s+2\s+0\.500\s+0\.50\s+2\s+0\.500\s+0\.500$/,
    );
  });
});
