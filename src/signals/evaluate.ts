/**
 * The misinformation score measured on a labelled set: every item scored as the pipeline scores
 * an article, then ROC-AUC and precision/recall at the flag threshold, per split. Pure: the caller
 * gives the scoring function (the pipeline's `signalsWith`) and the items.
 */
import type { EvalItem } from "./evalSet.ts";
import { type AtThreshold, atThreshold, rocAuc, type Scored } from "./roc.ts";

export interface SplitFigures {
  split: string;
  items: number;
  positives: number;
  auc: number;
  at: AtThreshold;
}

export type ScoreOf = (item: EvalItem) => number;

export function scoreItems(items: readonly EvalItem[], scoreOf: ScoreOf): Array<Scored & { split: string }> {
  return items.map((item) => ({ score: scoreOf(item), positive: item.misinformation, split: item.split }));
}

/** Figures per split, in the order dev, test. */
export function figuresBySplit(
  scored: ReadonlyArray<Scored & { split: string }>,
  threshold: number,
): SplitFigures[] {
  return ["dev", "test"].flatMap((split) => {
    const part = scored.filter((item) => item.split === split);
    if (!part.length) return [];
    return [
      {
        split,
        items: part.length,
        positives: part.filter((item) => item.positive).length,
        auc: rocAuc(part),
        at: atThreshold(part, threshold),
      },
    ];
  });
}

const fixed = (value: number) => (Number.isNaN(value) ? "n/a" : value.toFixed(3));

export function formatFigures(figures: readonly SplitFigures[]): string {
  const header = "split  items  misinfo  ROC-AUC  threshold  flagged  precision  recall";
  const rows = figures.map((f) =>
    [
      f.split.padEnd(5),
      String(f.items).padStart(5),
      String(f.positives).padStart(8),
      fixed(f.auc).padStart(8),
      f.at.threshold.toFixed(2).padStart(10),
      String(f.at.flagged).padStart(8),
      fixed(f.at.precision).padStart(10),
      fixed(f.at.recall).padStart(7),
    ].join("  "),
  );
  return [header, ...rows].join("\n");
}
