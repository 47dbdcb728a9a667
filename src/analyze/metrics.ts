/** Evaluation measures: per-label precision/recall/F1, confusion matrices, pairwise clustering scores. */

export interface LabelScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Gold items with this label. */
  support: number;
  /** Items predicted with this label. */
  predicted: number;
}

export interface ClassificationReport {
  labels: string[];
  perLabel: LabelScores[];
  accuracy: number;
  /** confusion[gold][predicted], in `labels` order; unknown labels are ignored. */
  confusion: number[][];
  n: number;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Single-label classification: one gold and one predicted label per item. */
export function classificationReport(
  gold: readonly string[],
  predicted: readonly string[],
  labels: readonly string[],
): ClassificationReport {
  if (gold.length !== predicted.length) throw new Error("gold and predicted differ in length");
  const index = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  gold.forEach((g, k) => {
    const p = predicted[k]!;
    if (g === p) correct++;
    const gi = index.get(g);
    const pi = index.get(p);
    if (gi !== undefined && pi !== undefined) confusion[gi]![pi]!++;
  });
  const perLabel = labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, k) => {
      const p = predicted[k];
      if (g === label && p === label) tp++;
      else if (p === label) fp++;
      else if (g === label) fn++;
    });
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    return { label, precision, recall, f1: f1(precision, recall), support: tp + fn, predicted: tp + fp };
  });
  return {
    labels: [...labels],
    perLabel,
    accuracy: gold.length === 0 ? 0 : correct / gold.length,
    confusion,
    n: gold.length,
  };
}

/** Mean F1 over a subset of labels (the plan's seven themes, leaving out politics and other). */
export function macroF1(report: ClassificationReport | MultiLabelReport, labels: readonly string[]): number {
  const wanted = report.perLabel.filter((s) => labels.includes(s.label));
  return wanted.length === 0 ? 0 : wanted.reduce((sum, s) => sum + s.f1, 0) / wanted.length;
}

export interface MultiLabelReport {
  perLabel: LabelScores[];
  microF1: number;
  /** Items whose predicted set equals the gold set. */
  exact: number;
  n: number;
}

/** Multi-label classification: sets of labels per item, scored label by label. */
export function multiLabelReport(
  gold: readonly string[][],
  predicted: readonly string[][],
  labels: readonly string[],
): MultiLabelReport {
  let tpAll = 0;
  let fpAll = 0;
  let fnAll = 0;
  let exact = 0;
  gold.forEach((g, k) => {
    const p = predicted[k] ?? [];
    if (g.length === p.length && g.every((l) => p.includes(l))) exact++;
  });
  const perLabel = labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, k) => {
      const inGold = g.includes(label);
      const inPred = (predicted[k] ?? []).includes(label);
      if (inGold && inPred) tp++;
      else if (inPred) fp++;
      else if (inGold) fn++;
    });
    tpAll += tp;
    fpAll += fp;
    fnAll += fn;
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    return { label, precision, recall, f1: f1(precision, recall), support: tp + fn, predicted: tp + fp };
  });
  const p = tpAll + fpAll === 0 ? 0 : tpAll / (tpAll + fpAll);
  const r = tpAll + fnAll === 0 ? 0 : tpAll / (tpAll + fnAll);
  return { perLabel, microF1: f1(p, r), exact: gold.length === 0 ? 0 : exact / gold.length, n: gold.length };
}

export interface PairScores {
  precision: number;
  recall: number;
  f1: number;
  goldPairs: number;
  predictedPairs: number;
  truePairs: number;
}

/**
 * Clustering scored over pairs of items: a predicted pair is right when both items share a gold
 * cluster. Items missing from `predicted` are singletons.
 */
export function pairScores(
  gold: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
): PairScores {
  const ids = [...gold.keys()];
  let goldPairs = 0;
  let predictedPairs = 0;
  let truePairs = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i]!;
      const b = ids[j]!;
      const sameGold = gold.get(a) === gold.get(b);
      const pa = predicted.get(a);
      const samePred = pa !== undefined && pa === predicted.get(b);
      if (sameGold) goldPairs++;
      if (samePred) predictedPairs++;
      if (sameGold && samePred) truePairs++;
    }
  }
  const precision = predictedPairs === 0 ? 1 : truePairs / predictedPairs;
  const recall = goldPairs === 0 ? 1 : truePairs / goldPairs;
  return { precision, recall, f1: f1(precision, recall), goldPairs, predictedPairs, truePairs };
}

/** A plain-text table, columns padded; numbers right-aligned. */
export function formatTable(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  const cells = [headers.map(String), ...rows.map((r) => r.map((c) => (typeof c === "number" ? fmt(c) : c)))];
  const widths = headers.map((_, col) => Math.max(...cells.map((r) => (r[col] ?? "").length)));
  const numeric = headers.map((_, col) => rows.every((r) => typeof r[col] === "number"));
  const line = (r: readonly string[]) =>
    r
      .map((c, col) => (numeric[col] ? c.padStart(widths[col]!) : c.padEnd(widths[col]!)))
      .join("  ")
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join(
    "\n",
  );
}

export function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
