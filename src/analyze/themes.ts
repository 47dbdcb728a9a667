/**
 * Theme classification: the plan's vocabulary and, when a trained model is given, naive Bayes,
 * combined in one softmax. Each theme gets a probability-like score and the evidence behind it —
 * the plan terms found (with field and count) and the model features that favoured it.
 *
 * Without a model the vocabulary decides alone; the `other` theme then wins whenever no plan theme
 * collects at least `otherFloor` weighted points, so an article about nothing in the plan lands in
 * `other` rather than in whichever theme scraped one generic word.
 */
import type { Plan } from "../plan/schema.ts";
import type { PreparedDocument } from "./document.ts";
import { type CompiledLinear, type SparseVector, scoreLinear, softmax, topContributions } from "./linear.ts";
import {
  type CompiledModel,
  type FeatureEvidence,
  type ModelScores,
  scoreWithModel,
  topFeatures,
} from "./model.ts";
import {
  type CompiledVocabulary,
  round,
  scoreVocabulary,
  type TermEvidence,
  type VocabularyScores,
} from "./vocabulary.ts";

export const OTHER_THEME = "other";

export interface ThemeSettings {
  /** Multiplies log(1 + vocabulary score). */
  vocabularyScale: number;
  /** Multiplies the model's (length-scaled) log-scores. */
  modelScale: number;
  /**
   * The most the model can hold a theme below its favourite, in scaled log units: strong plan
   * vocabulary ("Festival Sâm Ngọc Linh" in the title) is not vetoed by word statistics.
   */
  modelCap: number;
  /** The vocabulary score `other` gets when nothing stronger is found. */
  otherFloor: number;
  /** A theme beside the primary is reported when its score reaches this. */
  includeThreshold: number;
}

/** Chosen by 5-fold cross-validation inside the train split of the development set (never its test split). */
export const DEFAULT_THEME_SETTINGS: ThemeSettings = {
  vocabularyScale: 2,
  modelScale: 0.6,
  modelCap: 3,
  otherFloor: 3,
  includeThreshold: 0.2,
};

export interface ThemeScore {
  id: string;
  name: string;
  score: number;
  evidence: {
    terms: TermEvidence[];
    model: FeatureEvidence[];
  };
}

export interface ThemeResult {
  primary: string;
  /** Themes at or above the threshold, primary first, by score. */
  themes: ThemeScore[];
  /** Every theme's score, for evaluation and thresholds chosen later. */
  scores: Record<string, number>;
  /** The model's view of the article, reused to route it to an agency. */
  modelScores: ModelScores | null;
}

export function classifyThemes(
  plan: Plan,
  vocabulary: CompiledVocabulary,
  model: CompiledModel | null,
  doc: PreparedDocument,
  settings: ThemeSettings = DEFAULT_THEME_SETTINGS,
  vocab: VocabularyScores = scoreVocabulary(vocabulary, doc),
): ThemeResult {
  const ids = vocabulary.themes;
  const logits = new Float64Array(ids.length);
  ids.forEach((id, i) => {
    let raw = vocab.scores[id] ?? 0;
    if (id === OTHER_THEME) raw = Math.max(raw, settings.otherFloor);
    logits[i] = settings.vocabularyScale * Math.log1p(raw);
  });
  let modelScores: ModelScores | null = null;
  if (model) {
    modelScores = scoreWithModel(model, doc);
    const byId = new Map(model.themes.map((id, i) => [id, modelScores!.logScores[i]!]));
    const known = [...byId.values()];
    const max = Math.max(...known);
    const min = Math.min(...known);
    ids.forEach((id, i) => {
      const value = byId.get(id) ?? min;
      logits[i]! += Math.max(settings.modelScale * (value - max), -settings.modelCap);
    });
  }
  const probabilities = softmax(logits);
  const scores: Record<string, number> = {};
  ids.forEach((id, i) => {
    scores[id] = round(probabilities[i]!);
  });
  let primaryIndex = 0;
  for (let i = 1; i < ids.length; i++) if (probabilities[i]! > probabilities[primaryIndex]!) primaryIndex = i;
  const primary = ids[primaryIndex]!;
  const names = new Map(plan.themes.map((t) => [t.id, t.name]));
  const themes = ids
    .map((id, i) => ({ id, p: probabilities[i]! }))
    .filter(({ id, p }) => id === primary || p >= settings.includeThreshold)
    .sort((a, b) => (a.id === primary ? -1 : b.id === primary ? 1 : b.p - a.p))
    .map(({ id, p }) => ({
      id,
      name: names.get(id) ?? id,
      score: round(p),
      evidence: {
        terms: (vocab.evidence[id] ?? []).slice(0, 8),
        model: model && modelScores ? topFeatures(model, modelScores, id) : [],
      },
    }));
  return { primary, themes, scores, modelScores };
}

/**
 * Themes decided by the learned linear model (features.ts): the primary is the most probable
 * class, `other` included, so an article about nothing in the plan lands in `other`; a second
 * theme is reported from `secondaryFrom`. Evidence keeps both the plan terms found and the
 * features that pushed each reported theme.
 */
export function classifyThemesLearned(
  plan: Plan,
  model: CompiledLinear,
  x: SparseVector,
  vocab: VocabularyScores,
  secondaryFrom: number,
): ThemeResult {
  const scored = scoreLinear(model, x);
  const p = scored.probabilities;
  const ids = model.classes;
  let primaryIndex = 0;
  for (let i = 1; i < ids.length; i++) if (p[i]! > p[primaryIndex]!) primaryIndex = i;
  const primary = ids[primaryIndex]!;
  const scores: Record<string, number> = {};
  ids.forEach((id, i) => {
    scores[id] = round(p[i]!);
  });
  const names = new Map(plan.themes.map((t) => [t.id, t.name]));
  const themes = ids
    .map((id, i) => ({ id, i, p: p[i]! }))
    .filter(({ id, p }) => id === primary || (p >= secondaryFrom && id !== OTHER_THEME))
    .sort((a, b) => (a.id === primary ? -1 : b.id === primary ? 1 : b.p - a.p))
    .map(({ id, i, p }) => ({
      id,
      name: names.get(id) ?? id,
      score: round(p),
      evidence: { terms: (vocab.evidence[id] ?? []).slice(0, 8), model: topContributions(model, scored, i) },
    }));
  return { primary, themes, scores, modelScores: null };
}
