/**
 * A multinomial logistic regression over sparse, named features: the learned half of theme, tone
 * and relevance decisions. Trained with AdaGrad and L2 regularisation, deterministic for a given
 * seed. The stored form keeps, per feature, one weight per class, rounded and pruned of weights
 * that are too small to move a decision, so the model file stays small enough to ship and each
 * decision can be explained as the few features that pushed it.
 */
import { z } from "zod";

/** A document as the model sees it: feature name → value. */
export type SparseVector = ReadonlyMap<string, number>;

export const linearModelSchema = z.object({
  classes: z.array(z.string()).min(2),
  bias: z.array(z.number()),
  /** feature → one weight per class (same order as `classes`). */
  weights: z.record(z.string(), z.array(z.number())),
});
export type LinearModelData = z.infer<typeof linearModelSchema>;

export interface LinearExample {
  x: SparseVector;
  /** Index into the classes. */
  y: number;
  /** Example weight (1 for a read label; less for a weak one). */
  weight?: number;
}

export interface LinearTrainOptions {
  classes: readonly string[];
  /** L2 strength per example. */
  l2?: number;
  epochs?: number;
  learningRate?: number;
  seed?: number;
  /** Features seen in fewer training examples are dropped. */
  minDocs?: number;
  /** Weights below this (absolute) are dropped from the stored model. */
  prune?: number;
  /** Only the features with the largest weights are stored, at most this many. */
  maxFeatures?: number;
  /** Re-weights classes so that each class counts as if balanced, times this share (0 = off). */
  balance?: number;
}

export interface CompiledLinear {
  classes: readonly string[];
  bias: Float64Array;
  /**
   * Per feature, the class weights followed by the same weights minus their mean (how much the
   * feature favours each class over the average one, for explanations).
   */
  weights: ReadonlyMap<string, Float64Array>;
}

export function compileLinear(data: LinearModelData): CompiledLinear {
  const n = data.classes.length;
  const weights = new Map<string, Float64Array>();
  for (const [feature, row] of Object.entries(data.weights)) {
    const both = new Float64Array(2 * n);
    let mean = 0;
    for (let k = 0; k < n; k++) {
      both[k] = row[k]!;
      mean += row[k]!;
    }
    mean /= n;
    for (let k = 0; k < n; k++) both[n + k] = row[k]! - mean;
    weights.set(feature, both);
  }
  return { classes: data.classes, bias: Float64Array.from(data.bias), weights };
}

/** A document scored by a model: the class probabilities and the known features it holds. */
export interface LinearScore {
  probabilities: Float64Array;
  known: Array<{ feature: string; value: number; row: Float64Array }>;
}

export function scoreLinear(model: CompiledLinear, x: SparseVector): LinearScore {
  const n = model.classes.length;
  const logits = Float64Array.from(model.bias);
  const known: LinearScore["known"] = [];
  for (const [feature, value] of x) {
    const row = model.weights.get(feature);
    if (!row) continue;
    known.push({ feature, value, row });
    for (let k = 0; k < n; k++) logits[k]! += row[k]! * value;
  }
  return { probabilities: softmax(logits), known };
}

/** Class probabilities of one document. */
export function predictLinear(model: CompiledLinear, x: SparseVector): Float64Array {
  return scoreLinear(model, x).probabilities;
}

export interface Contribution {
  feature: string;
  /** How much the feature moved this class's logit above the average class. */
  weight: number;
}

/** The features that pushed `classIndex` up the most, strongest first. */
export function topContributions(
  model: CompiledLinear,
  scored: LinearScore,
  classIndex: number,
  limit = 5,
): Contribution[] {
  const at = model.classes.length + classIndex;
  const best: Contribution[] = [];
  for (const { feature, value, row } of scored.known) {
    const weight = row[at]! * value;
    if (weight <= 0) continue;
    if (best.length === limit && weight <= best[limit - 1]!.weight) continue;
    let i = best.length < limit ? best.length : limit - 1;
    best[i] = { feature, weight };
    for (; i > 0 && best[i - 1]!.weight < weight; i--) [best[i - 1], best[i]] = [best[i]!, best[i - 1]!];
  }
  return best.map((c) => ({ feature: c.feature, weight: Math.round(c.weight * 1000) / 1000 }));
}

export function trainLinear(
  examples: readonly LinearExample[],
  options: LinearTrainOptions,
): LinearModelData {
  const classes = options.classes;
  const n = classes.length;
  const l2 = options.l2 ?? 1e-4;
  const epochs = options.epochs ?? 20;
  const rate = options.learningRate ?? 0.5;
  const minDocs = options.minDocs ?? 2;
  const prune = options.prune ?? 1e-3;
  const docFreq = new Map<string, number>();
  for (const e of examples) for (const f of e.x.keys()) docFreq.set(f, (docFreq.get(f) ?? 0) + 1);
  const features = [...docFreq.keys()].filter((f) => (docFreq.get(f) ?? 0) >= minDocs).sort();
  const index = new Map(features.map((f, i) => [f, i]));
  const rows = examples.map((e) => {
    const ids: number[] = [];
    const values: number[] = [];
    for (const [f, v] of e.x) {
      const i = index.get(f);
      if (i !== undefined && v !== 0) {
        ids.push(i);
        values.push(v);
      }
    }
    return { ids: Int32Array.from(ids), values: Float64Array.from(values), y: e.y, weight: e.weight ?? 1 };
  });
  const classWeight = new Float64Array(n).fill(1);
  if (options.balance) {
    const counts = new Float64Array(n);
    for (const r of rows) counts[r.y]! += r.weight;
    const total = counts.reduce((a, b) => a + b, 0);
    for (let k = 0; k < n; k++)
      classWeight[k] =
        counts[k]! > 0 ? 1 - options.balance + (options.balance * total) / (n * counts[k]!) : 1;
  }
  const w = new Float64Array(features.length * n);
  const g2 = new Float64Array(features.length * n).fill(1e-8);
  const b = new Float64Array(n);
  const gb = new Float64Array(n).fill(1e-8);
  const order = rows.map((_, i) => i);
  const next = mulberry32(options.seed ?? 1);
  const logits = new Float64Array(n);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const r of order) {
      const row = rows[r]!;
      logits.set(b);
      for (let t = 0; t < row.ids.length; t++) {
        const base = row.ids[t]! * n;
        const v = row.values[t]!;
        for (let k = 0; k < n; k++) logits[k]! += w[base + k]! * v;
      }
      const p = softmax(logits);
      const scale = row.weight * classWeight[row.y]!;
      for (let k = 0; k < n; k++) {
        const grad = (p[k]! - (k === row.y ? 1 : 0)) * scale;
        gb[k]! += grad * grad;
        b[k]! -= (rate * grad) / Math.sqrt(gb[k]!);
        for (let t = 0; t < row.ids.length; t++) {
          const at = row.ids[t]! * n + k;
          const g = grad * row.values[t]! + l2 * w[at]!;
          g2[at]! += g * g;
          w[at]! -= (rate * g) / Math.sqrt(g2[at]!);
        }
      }
    }
  }
  const strength = features.map((_, i) => {
    let max = 0;
    for (let k = 0; k < n; k++) max = Math.max(max, Math.abs(w[i * n + k]!));
    return max;
  });
  const kept = features
    .map((f, i) => ({ f, i, s: strength[i]! }))
    .filter(({ s }) => s >= prune)
    .sort((a, b) => b.s - a.s || a.f.localeCompare(b.f))
    .slice(0, options.maxFeatures ?? Number.POSITIVE_INFINITY)
    .sort((a, b) => a.f.localeCompare(b.f));
  const weights: Record<string, number[]> = {};
  for (const { f, i } of kept)
    weights[f] = Array.from(w.subarray(i * n, i * n + n), (v) => Math.round(v * 1e3) / 1e3);
  return { classes: [...classes], bias: Array.from(b, (v) => Math.round(v * 1e3) / 1e3), weights };
}

export function softmax(values: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  const out = new Float64Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    out[i] = Math.exp(values[i]! - max);
    sum += out[i]!;
  }
  for (let i = 0; i < values.length; i++) out[i]! /= sum;
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
