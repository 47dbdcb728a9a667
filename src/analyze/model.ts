/**
 * The learned half of theme classification: a multinomial naive Bayes model over syllable unigrams
 * and bigrams, trained from labelled articles (see `presswatch analyze train`).
 *
 * Features are taken from the text without diacritics, so an article typed without marks gets
 * exactly the features of its marked original. Unigrams that are stopwords are dropped; bigrams are
 * kept unless both halves are stopwords ("của các"), because many signal phrases contain one
 * ("người có công", "nhà rông"). Title and lead counts are multiplied as in the vocabulary.
 *
 * The stored model keeps raw counts, not probabilities: it can be inspected, merged and retrained
 * with a different smoothing without the original data.
 */
import { z } from "zod";
import { foldDiacritics } from "../text/normalize.ts";
import { STOP_SYLLABLES } from "../text/stopwords.ts";
import type { PreparedDocument } from "./document.ts";
import { fingerprint } from "./hash.ts";
import { FIELD_WEIGHT } from "./vocabulary.ts";

export const MODEL_FORMAT = "presswatch-themes-nb/1";

const FOLDED_STOPS: ReadonlySet<string> = new Set([...STOP_SYLLABLES].map((s) => foldDiacritics(s)));

/** Weighted feature counts of a document. */
export function documentFeatures(doc: PreparedDocument): Map<string, number> {
  const counts = new Map<string, number>();
  for (const field of doc.fields) {
    const weight = FIELD_WEIGHT[field.field];
    const tokens = field.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.number) continue;
      const stop = FOLDED_STOPS.has(token.folded);
      if (!stop && token.folded.length > 1)
        counts.set(token.folded, (counts.get(token.folded) ?? 0) + weight);
      const next = tokens[i + 1];
      if (!next || next.sentenceStart || next.number) continue;
      if (stop && FOLDED_STOPS.has(next.folded)) continue;
      const bigram = `${token.folded} ${next.folded}`;
      counts.set(bigram, (counts.get(bigram) ?? 0) + weight);
    }
  }
  return counts;
}

const modelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  id: z.string(),
  trained_at: z.string(),
  plan: z.string(),
  themes: z.array(z.string()).min(2),
  examples: z.number().int().nonnegative(),
  note: z.string().optional(),
  docs: z.array(z.number().nonnegative()),
  totals: z.array(z.number().nonnegative()),
  features: z.record(z.string(), z.array(z.number().nonnegative())),
  /**
   * The agency router: the same counts per (primary theme, responsible agency) pair, written
   * "theme|agency", for choosing among the owners of an article's theme.
   */
  agencies: z
    .object({
      ids: z.array(z.string()).min(1),
      docs: z.array(z.number().nonnegative()),
      totals: z.array(z.number().nonnegative()),
      features: z.record(z.string(), z.array(z.number().nonnegative())),
    })
    .optional(),
});

/** A model as stored in its JSON file. */
export type ThemeModelData = z.infer<typeof modelSchema>;

export interface LabelledExample {
  doc: PreparedDocument;
  /** Gold theme ids, primary first. */
  themes: string[];
  /** Gold responsible agency (a group's member given as its group), when known. */
  agency?: string | null;
}

export interface TrainOptions {
  plan: string;
  themes: string[];
  /** Features seen with a total weighted count below this are dropped (noise, and file size). */
  minCount?: number;
  /** Weight of a secondary label relative to the primary. */
  secondaryWeight?: number;
  note?: string;
  now?: Date;
}

interface CountTable {
  docs: number[];
  totals: number[];
  features: Record<string, number[]>;
}

/** Weighted feature counts per class; `labels` gives each example's classes with their weights. */
function countFeatures(
  examples: readonly LabelledExample[],
  classes: readonly string[],
  labels: (example: LabelledExample) => Array<{ id: string; weight: number }>,
  minCount: number,
): CountTable {
  const index = new Map(classes.map((id, i) => [id, i]));
  const docs = classes.map(() => 0);
  const raw = new Map<string, number[]>();
  for (const example of examples) {
    const wanted = labels(example)
      .map(({ id, weight }) => ({ i: index.get(id), w: weight }))
      .filter((l): l is { i: number; w: number } => l.i !== undefined);
    if (wanted.length === 0) continue;
    for (const { i, w } of wanted) docs[i]! += w;
    for (const [feature, count] of documentFeatures(example.doc)) {
      let row = raw.get(feature);
      if (!row) {
        row = classes.map(() => 0);
        raw.set(feature, row);
      }
      for (const { i, w } of wanted) row[i]! += count * w;
    }
  }
  const features: Record<string, number[]> = {};
  const totals = classes.map(() => 0);
  for (const feature of [...raw.keys()].sort()) {
    const row = raw.get(feature)!;
    if (row.reduce((a, b) => a + b, 0) < minCount) continue;
    features[feature] = row.map((v) => Math.round(v * 100) / 100);
    row.forEach((v, i) => {
      totals[i]! += v;
    });
  }
  return { docs, totals: totals.map((v) => Math.round(v * 100) / 100), features };
}

export function trainThemeModel(examples: readonly LabelledExample[], options: TrainOptions): ThemeModelData {
  const themes = options.themes;
  const minCount = options.minCount ?? 2;
  const secondary = options.secondaryWeight ?? 0.5;
  const table = countFeatures(
    examples,
    themes,
    (e) => e.themes.map((id, rank) => ({ id, weight: rank === 0 ? 1 : secondary })),
    minCount,
  );
  const routeKey = (e: LabelledExample) => (e.agency && e.themes[0] ? `${e.themes[0]}|${e.agency}` : null);
  const agencyIds = [...new Set(examples.map(routeKey).filter((k): k is string => k !== null))].sort();
  const agencies =
    agencyIds.length > 0
      ? {
          ids: agencyIds,
          ...countFeatures(
            examples,
            agencyIds,
            (e) => {
              const key = routeKey(e);
              return key ? [{ id: key, weight: 1 }] : [];
            },
            minCount,
          ),
        }
      : undefined;
  const body = {
    format: MODEL_FORMAT as typeof MODEL_FORMAT,
    plan: options.plan,
    themes,
    examples: examples.length,
    ...table,
    ...(agencies ? { agencies } : {}),
  };
  return {
    ...body,
    id: fingerprint(body),
    trained_at: (options.now ?? new Date()).toISOString(),
    ...(options.note ? { note: options.note } : {}),
  };
}

/** Validates a parsed model file; throws with the first problem. */
export function parseThemeModel(value: unknown): ThemeModelData {
  const result = modelSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`not a theme model: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid"}`);
  }
  const data = result.data;
  const n = data.themes.length;
  if (data.docs.length !== n || data.totals.length !== n)
    throw new Error("not a theme model: counts do not match themes");
  for (const [feature, row] of Object.entries(data.features)) {
    if (row.length !== n)
      throw new Error(`not a theme model: feature "${feature}" has ${row.length} counts for ${n} themes`);
  }
  if (data.agencies) {
    const m = data.agencies.ids.length;
    if (data.agencies.docs.length !== m || data.agencies.totals.length !== m)
      throw new Error("not a theme model: agency counts do not match agencies");
    for (const [feature, row] of Object.entries(data.agencies.features)) {
      if (row.length !== m)
        throw new Error(
          `not a theme model: agency feature "${feature}" has ${row.length} counts for ${m} agencies`,
        );
    }
  }
  return data;
}

export interface ModelSettings {
  /** Additive smoothing. */
  alpha: number;
  /**
   * Long articles would make naive Bayes absurdly confident; the likelihood is scaled as if the
   * article had at most this many (weighted) features.
   */
  effectiveLength: number;
}

/** Chosen by cross-validation inside the train split of the development set. */
export const DEFAULT_MODEL_SETTINGS: ModelSettings = { alpha: 0.2, effectiveLength: 40 };

/** One naive Bayes table ready to score: log-probabilities per feature and class. */
export interface CompiledTable {
  classes: string[];
  /** Training documents (weighted) per class. */
  docs: number[];
  logPrior: Float64Array;
  logProb: Map<string, Float64Array>;
}

/** What the model knows about one feature, looked up once per occurrence while scoring. */
export interface FeatureEntry {
  name: string;
  /** Log-probability per theme (null when only the router knows the feature). */
  themes: Float64Array | null;
  /** Per theme: its log-probability minus the mean over the other themes (for evidence). */
  margins: Float64Array | null;
  /** Log-probability per router class. */
  agencies: Float64Array | null;
}

/** A model ready to score: the theme table and, if trained, the agency router. */
export interface CompiledModel {
  id: string;
  themes: string[];
  logPrior: Float64Array;
  agencies: CompiledTable | null;
  /** Feature lookup without building strings: unigram → entry, and first → second → entry. */
  unigrams: Map<string, FeatureEntry>;
  bigrams: Map<string, Map<string, FeatureEntry>>;
  settings: ModelSettings;
}

function compileTable(classes: string[], table: CountTable, alpha: number): CompiledTable {
  const n = classes.length;
  const vocabulary = Object.keys(table.features).length;
  const docTotal = table.docs.reduce((a, b) => a + b, 0);
  const logPrior = new Float64Array(n);
  for (let i = 0; i < n; i++) logPrior[i] = Math.log((table.docs[i]! + 1) / (docTotal + n));
  const logProb = new Map<string, Float64Array>();
  const denominators = table.totals.map((t) => Math.log(t + alpha * vocabulary));
  for (const [feature, row] of Object.entries(table.features)) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = Math.log(row[i]! + alpha) - denominators[i]!;
    logProb.set(feature, values);
  }
  return { classes, docs: table.docs, logPrior, logProb };
}

export function compileThemeModel(
  data: ThemeModelData,
  settings: ModelSettings = DEFAULT_MODEL_SETTINGS,
): CompiledModel {
  const themes = compileTable(data.themes, data, settings.alpha);
  const agencies = data.agencies ? compileTable(data.agencies.ids, data.agencies, settings.alpha) : null;
  const n = data.themes.length;
  const entries = new Map<string, FeatureEntry>();
  const entry = (name: string) => {
    let e = entries.get(name);
    if (!e) {
      e = { name, themes: null, margins: null, agencies: null };
      entries.set(name, e);
    }
    return e;
  };
  for (const [feature, row] of themes.logProb) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += row[i]!;
    const margin = new Float64Array(n);
    for (let i = 0; i < n; i++) margin[i] = row[i]! - (sum - row[i]!) / (n - 1);
    const e = entry(feature);
    e.themes = row;
    e.margins = margin;
  }
  for (const [feature, row] of agencies?.logProb ?? []) entry(feature).agencies = row;
  const unigrams = new Map<string, FeatureEntry>();
  const bigrams = new Map<string, Map<string, FeatureEntry>>();
  for (const [name, e] of entries) {
    const space = name.indexOf(" ");
    if (space < 0) {
      unigrams.set(name, e);
      continue;
    }
    const first = name.slice(0, space);
    let inner = bigrams.get(first);
    if (!inner) {
      inner = new Map();
      bigrams.set(first, inner);
    }
    inner.set(name.slice(space + 1), e);
  }
  return {
    id: data.id,
    themes: data.themes,
    logPrior: themes.logPrior,
    agencies,
    unigrams,
    bigrams,
    settings,
  };
}

export interface ModelScores {
  /** Log-scores per theme of `model.themes`, prior included, length-scaled. */
  logScores: Float64Array;
  /** Weighted count of the document's features that the model knows. */
  known: number;
  /** The known features of the document with their weighted counts. */
  counts: Map<FeatureEntry, number>;
}

/**
 * The document's known features, found with the same rules as `documentFeatures` but by lookup
 * instead of building every n-gram string.
 */
export function knownFeatures(model: CompiledModel, doc: PreparedDocument): Map<FeatureEntry, number> {
  const counts = new Map<FeatureEntry, number>();
  for (const field of doc.fields) {
    const weight = FIELD_WEIGHT[field.field];
    const tokens = field.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.number) continue;
      const stop = FOLDED_STOPS.has(token.folded);
      if (!stop && token.folded.length > 1) {
        const e = model.unigrams.get(token.folded);
        if (e) counts.set(e, (counts.get(e) ?? 0) + weight);
      }
      const next = tokens[i + 1];
      if (!next || next.sentenceStart || next.number) continue;
      if (stop && FOLDED_STOPS.has(next.folded)) continue;
      const e = model.bigrams.get(token.folded)?.get(next.folded);
      if (e) counts.set(e, (counts.get(e) ?? 0) + weight);
    }
  }
  return counts;
}

function scoreRows(
  logPrior: Float64Array,
  counts: Map<FeatureEntry, number>,
  rowOf: (e: FeatureEntry) => Float64Array | null,
  effectiveLength: number,
) {
  const n = logPrior.length;
  const likelihood = new Float64Array(n);
  let known = 0;
  for (const [e, count] of counts) {
    const row = rowOf(e);
    if (!row) continue;
    known += count;
    for (let i = 0; i < n; i++) likelihood[i]! += count * row[i]!;
  }
  const scale = known > effectiveLength ? effectiveLength / known : 1;
  const logScores = new Float64Array(n);
  for (let i = 0; i < n; i++) logScores[i] = logPrior[i]! + likelihood[i]! * scale;
  return { logScores, known };
}

export function scoreWithModel(model: CompiledModel, doc: PreparedDocument): ModelScores {
  const counts = knownFeatures(model, doc);
  return { ...scoreRows(model.logPrior, counts, (e) => e.themes, model.settings.effectiveLength), counts };
}

/**
 * Of the candidate agencies (the owners of the article's theme, first owner first), the one the
 * agency router finds most likely for that theme. Naive Bayes favours classes with few examples
 * (their smoothed probabilities are flat), so an owner other than the first is only chosen when the
 * router has seen it at least `ROUTER_MIN_EXAMPLES` times with the theme.
 * Null without a router or when it has seen none of the candidates.
 */
export const ROUTER_MIN_EXAMPLES = 3;

export function routeAgency(
  model: CompiledModel,
  scores: ModelScores,
  theme: string,
  candidates: readonly string[],
): string | null {
  const router = model.agencies;
  if (!router || candidates.length === 0) return null;
  const { logScores } = scoreRows(
    router.logPrior,
    scores.counts,
    (e) => e.agencies,
    model.settings.effectiveLength,
  );
  let best: string | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const id of candidates) {
    const i = router.classes.indexOf(`${theme}|${id}`);
    if (i < 0 || (id !== candidates[0] && router.docs[i]! < ROUTER_MIN_EXAMPLES)) continue;
    const score = logScores[i]!;
    if (score > bestScore) {
      best = id;
      bestScore = score;
    }
  }
  return best;
}

export interface FeatureEvidence {
  feature: string;
  weight: number;
}

/** The document features that most favour one theme over the average of the others. */
export function topFeatures(
  model: CompiledModel,
  scores: ModelScores,
  theme: string,
  limit = 5,
): FeatureEvidence[] {
  const t = model.themes.indexOf(theme);
  if (t < 0) return [];
  const items: FeatureEvidence[] = [];
  for (const [e, count] of scores.counts) {
    const margin = e.margins?.[t];
    if (margin !== undefined && margin > 0)
      items.push({ feature: e.name, weight: Math.round(count * margin * 1000) / 1000 });
  }
  items.sort((a, b) => b.weight - a.weight || a.feature.localeCompare(b.feature));
  return items.slice(0, limit);
}
