/**
 * How well a score separates two classes: ROC-AUC (the chance that a random positive scores above
 * a random negative, ties counting half: the Mann–Whitney statistic) and precision and recall at
 * one threshold (the alert's). Pure; used by `presswatch signals eval` on labelled sets.
 */

export interface Scored {
  score: number;
  /** True for the class the score should rank high (misinformation, unreliable). */
  positive: boolean;
}

/** ROC-AUC with ties counted half; NaN when either class is empty (there is nothing to rank). */
export function rocAuc(items: readonly Scored[]): number {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  const positives = sorted.filter((item) => item.positive).length;
  const negatives = sorted.length - positives;
  if (!positives || !negatives) return Number.NaN;
  // Sum of the positives' mid-ranks (1-based), tied scores sharing the average rank.
  let rankSum = 0;
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1]!.score === sorted[start]!.score) end++;
    const midRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) if (sorted[i]!.positive) rankSum += midRank;
    start = end + 1;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface AtThreshold {
  threshold: number;
  /** Items scored at or above the threshold (what would be flagged). */
  flagged: number;
  truePositives: number;
  positives: number;
  /** NaN when nothing is flagged. */
  precision: number;
  /** NaN when there are no positives. */
  recall: number;
}

/** Precision and recall of flagging every item whose score is at least `threshold`. */
export function atThreshold(items: readonly Scored[], threshold: number): AtThreshold {
  const flagged = items.filter((item) => item.score >= threshold);
  const truePositives = flagged.filter((item) => item.positive).length;
  const positives = items.filter((item) => item.positive).length;
  return {
    threshold,
    flagged: flagged.length,
    truePositives,
    positives,
    precision: flagged.length ? truePositives / flagged.length : Number.NaN,
    recall: positives ? truePositives / positives : Number.NaN,
  };
}
