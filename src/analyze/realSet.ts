/**
 * The real labelled set (tests/fixtures/analysis/real/): real news from public corpora, labelled
 * by reading per ../shared/plan/LABELS.md, split by story into train / dev / test. This module is
 * pure: it takes the labelled items with their texts (laid out from the corpus by
 * tools/data/corpus.ts), splits, trains the learned models and scores an analyzer on a split.
 *
 * The test split is read only to report figures: settings are chosen on dev, and the shipped
 * model is trained on train + dev.
 */
import { z } from "zod";
import type { Plan } from "../plan/schema.ts";
import { ownerLevelAgency } from "./agencies.ts";
import { type Analyzer, analyzeArticle, createAnalyzer } from "./analyze.ts";
import { type CorrectionTraining, provinceKey } from "./correctionExamples.ts";
import { type ArticleInput, prepareDocument } from "./document.ts";
import { articleFeatures } from "./features.ts";
import { fingerprint } from "./hash.ts";
import { LEARNED_FORMAT, type LearnedModelData } from "./learned.ts";
import {
  compileLinear,
  type LinearExample,
  type LinearTrainOptions,
  predictLinear,
  trainLinear,
} from "./linear.ts";
import { compileGeography } from "./places.ts";
import { compileNation, relevanceFeatures } from "./relevanceFeatures.ts";
import { analyzeTone, compileTone } from "./tone.ts";
import { planFingerprint } from "./version.ts";
import { compileVocabulary, scoreVocabulary } from "./vocabulary.ts";

export const SPLITS = ["train", "dev", "test"] as const;
export type RealSplit = (typeof SPLITS)[number];
export const TONES = ["negative", "neutral", "positive"] as const;
export const PLAN_THEMES = [
  "government",
  "people",
  "tourism",
  "environment",
  "agriculture",
  "economy",
  "national_programs",
] as const;
export const ALL_THEMES = [...PLAN_THEMES, "politics", "other"] as const;

export const realLabelSchema = z.object({
  id: z.string(),
  /** Path of the document in the corpus repository at its pinned commit. */
  path: z.string(),
  stratum: z.string(),
  split: z.enum(SPLITS),
  /** Items of one story (near-copies, the same event) share it, and so their split. */
  story: z.string(),
  themes: z.array(z.enum(ALL_THEMES)).min(1),
  tone: z.enum(TONES),
  /** "<agency id>@<province>" as read; the province's own agencies only. */
  agencies: z.array(z.string()),
  /** Relevance to the named province, where the item names it; null otherwise. */
  relevance: z.record(z.string(), z.boolean()),
  note: z.string().optional(),
});
export type RealLabel = z.infer<typeof realLabelSchema>;

export interface RealItem extends RealLabel {
  input: ArticleInput;
}

/** Relevance is labelled for these provinces; each has its plan file. */
export interface ProvincePlan {
  key: string;
  plan: Plan;
}

// ---------------------------------------------------------------------------------------------
// Splitting by story

function shingles(text: string, n = 3): Set<string> {
  const words = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(" "));
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * Groups items into stories: near-copies (shared word 3-grams of the opening) and same-event items
 * (near-equal titles) end in one story. O(n²) over a few thousand items is fine.
 */
export function assignStories(
  items: ReadonlyArray<{ id: string; title: string; text: string }>,
): Map<string, string> {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const heads = items.map((it) => shingles(`${it.title} ${it.text.slice(0, 600)}`));
  const titles = items.map((it) => shingles(it.title, 2));
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) {
      if (jaccard(heads[i]!, heads[j]!) >= 0.25 || jaccard(titles[i]!, titles[j]!) >= 0.6) {
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  return new Map(items.map((it, i) => [it.id, items[find(i)]!.id]));
}

/** 60 / 20 / 20 by a hash of the story id: stable, and a story never straddles splits. */
export function splitOfStory(story: string): RealSplit {
  const bucket = Number.parseInt(fingerprint(story).slice(0, 8), 16) % 10;
  return bucket < 6 ? "train" : bucket < 8 ? "dev" : "test";
}

// ---------------------------------------------------------------------------------------------
// Training

export interface RealTrainSettings {
  l2: number;
  epochs: number;
  /** Weight of a secondary theme, as an extra example of that theme. */
  secondaryWeight: number;
  /** Class balancing (0 = off, 1 = fully balanced). */
  balance: number;
  secondaryFrom: number;
}

export const DEFAULT_REAL_SETTINGS: RealTrainSettings = {
  l2: 1e-4,
  epochs: 20,
  secondaryWeight: 0.3,
  balance: 0.5,
  secondaryFrom: 0.3,
};

/** Weakly labelled extra text (for example corpus topics that are always `other`). */
export interface WeakExample {
  input: ArticleInput;
  theme: string;
  weight: number;
}

function featureMaker(plan: Plan) {
  const vocabulary = compileVocabulary(plan);
  const tone = compileTone();
  return (input: ArticleInput) => {
    const doc = prepareDocument(input);
    return articleFeatures(doc, {
      vocabulary: scoreVocabulary(vocabulary, doc),
      tone: analyzeTone(tone, doc),
    });
  };
}

function relevanceExamples(items: readonly RealItem[], provinces: readonly ProvincePlan[]): LinearExample[] {
  const out: LinearExample[] = [];
  for (const { key, plan } of provinces) {
    const geo = compileGeography(plan);
    const nation = compileNation(geo);
    for (const item of items) {
      const gold = item.relevance[key];
      if (gold === undefined) continue;
      out.push({ x: relevanceFeatures(prepareDocument(item.input), geo, nation, false), y: gold ? 1 : 0 });
    }
  }
  return out;
}

/** Relevance corrections are about the plan's own province (the one the coordinator works for). */
function correctedRelevance(plan: Plan, corrections: readonly CorrectionTraining[]): LinearExample[] {
  const key = provinceKey(plan.province.name);
  const withRelevance = corrections.filter((c) => c.relevance?.[key] !== undefined);
  if (withRelevance.length === 0) return [];
  const geo = compileGeography(plan);
  const nation = compileNation(geo);
  return withRelevance.map((c) => ({
    x: relevanceFeatures(prepareDocument(c.input), geo, nation, false),
    y: c.relevance![key] ? 1 : 0,
  }));
}

function trainRelevance(examples: readonly LinearExample[]) {
  return trainLinear(examples, { classes: ["no", "yes"], l2: 1e-3, epochs: 30, minDocs: 1, prune: 0 });
}

/**
 * Relevance learned on the other provinces' articles only and scored on this one's: the proof that
 * what relevance learns is how a province is named, not which province.
 */
export function crossProvinceRelevance(items: readonly RealItem[], provinces: readonly ProvincePlan[]) {
  return provinces.map(({ key, plan }) => {
    const others = provinces.filter((p) => p.key !== key);
    const model = compileLinear(trainRelevance(relevanceExamples(items, others)));
    const geo = compileGeography(plan);
    const nation = compileNation(geo);
    let n = 0;
    let correct = 0;
    for (const item of items) {
      const gold = item.relevance[key];
      if (gold === undefined) continue;
      n++;
      const p = predictLinear(model, relevanceFeatures(prepareDocument(item.input), geo, nation, false));
      if (p[1]! >= 0.5 === gold) correct++;
    }
    return { key, learnedOn: others.map((p) => p.key), n, correct, accuracy: n ? correct / n : 0 };
  });
}

export function trainRealModels(
  plan: Plan,
  items: readonly RealItem[],
  provinces: readonly ProvincePlan[],
  settings: RealTrainSettings = DEFAULT_REAL_SETTINGS,
  weak: readonly WeakExample[] = [],
  note = "",
  now = new Date(),
  /** Coordinators' corrections (correctionExamples.ts): each label a person set is one more example. */
  corrections: readonly CorrectionTraining[] = [],
): LearnedModelData {
  const features = featureMaker(plan);
  const themeClasses = ALL_THEMES.filter((t) => plan.themes.some((p) => p.id === t));
  const themeIndex = new Map<string, number>(themeClasses.map((t, i) => [t, i]));
  const themeExamples: LinearExample[] = [];
  const toneExamples: LinearExample[] = [];
  for (const item of items) {
    const x = features(item.input);
    const [primary, ...rest] = item.themes;
    const y = themeIndex.get(primary!);
    if (y !== undefined) themeExamples.push({ x, y });
    for (const secondary of rest) {
      const s = themeIndex.get(secondary);
      if (s !== undefined && settings.secondaryWeight > 0)
        themeExamples.push({ x, y: s, weight: settings.secondaryWeight });
    }
    toneExamples.push({ x, y: TONES.indexOf(item.tone) });
  }
  for (const w of weak) {
    const y = themeIndex.get(w.theme);
    if (y !== undefined) themeExamples.push({ x: features(w.input), y, weight: w.weight });
  }
  const corrected = { themes: 0, tone: 0, relevance: 0 };
  for (const c of corrections) {
    if (!c.themes && !c.tone) continue;
    const x = features(c.input);
    const [primary, ...rest] = c.themes ?? [];
    const y = primary === undefined ? undefined : themeIndex.get(primary);
    if (y !== undefined) {
      themeExamples.push({ x, y });
      corrected.themes++;
      for (const secondary of rest) {
        const s = themeIndex.get(secondary);
        if (s !== undefined && settings.secondaryWeight > 0)
          themeExamples.push({ x, y: s, weight: settings.secondaryWeight });
      }
    }
    if (c.tone) {
      toneExamples.push({ x, y: TONES.indexOf(c.tone) });
      corrected.tone++;
    }
  }
  const common: Omit<LinearTrainOptions, "classes"> = {
    l2: settings.l2,
    epochs: settings.epochs,
    balance: settings.balance,
    // Features of fewer than three articles and weights too small to move a decision are left out:
    // the model file stays small enough to ship.
    minDocs: 3,
    prune: 0.01,
  };
  const fromCorrections = correctedRelevance(plan, corrections);
  corrected.relevance = fromCorrections.length;
  const relevance = [...relevanceExamples(items, provinces), ...fromCorrections];
  const body = {
    plan: { id: plan.id, fingerprint: planFingerprint(plan) },
    examples: {
      themes: items.length,
      weak: weak.length,
      tone: items.length,
      relevance: relevance.length,
      ...(corrections.length > 0
        ? {
            corrected_themes: corrected.themes,
            corrected_tone: corrected.tone,
            corrected_relevance: corrected.relevance,
          }
        : {}),
    },
    themes: trainLinear(themeExamples, { ...common, classes: themeClasses }),
    tone: trainLinear(toneExamples, { ...common, classes: [...TONES] }),
    ...(relevance.length > 0 ? { relevance: trainRelevance(relevance) } : {}),
    settings: { secondaryFrom: settings.secondaryFrom },
  };
  return {
    format: LEARNED_FORMAT,
    id: fingerprint(body).slice(0, 12),
    trained_at: now.toISOString(),
    note,
    ...body,
  };
}

// ---------------------------------------------------------------------------------------------
// Scoring

export interface LabelFigures {
  label: string;
  support: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface RealEvaluation {
  n: number;
  themes: {
    perLabel: LabelFigures[];
    /** Macro-F1 of the primary theme over the seven plan themes. */
    macroF1Plan: number;
    /** Primary-theme accuracy over all labels, `politics` and `other` included. */
    accuracy: number;
    confusion: Record<string, Record<string, number>>;
  };
  tone: { perLabel: LabelFigures[]; accuracy: number; confusion: Record<string, Record<string, number>> };
  agency: { n: number; correct: number; accuracy: number };
  relevance: Record<string, { n: number; correct: number; accuracy: number; relevant: number }>;
}

function figures(labels: readonly string[], pairs: ReadonlyArray<[string, string]>) {
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) confusion[g] = Object.fromEntries(labels.map((p) => [p, 0]));
  for (const [gold, predicted] of pairs) {
    const row = confusion[gold];
    if (row && predicted in row) row[predicted]! += 1;
  }
  const perLabel = labels.map((label) => {
    const tp = pairs.filter(([g, p]) => g === label && p === label).length;
    const support = pairs.filter(([g]) => g === label).length;
    const predicted = pairs.filter(([, p]) => p === label).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, support, predicted, precision, recall, f1 };
  });
  const accuracy = pairs.length ? pairs.filter(([g, p]) => g === p).length / pairs.length : 0;
  return { perLabel, accuracy, confusion };
}

/** The agency id an article's agency is counted under: its group's ("ubnd_huyen", "press_local"). */
function agencyKind(plan: Plan, id: string): string {
  return ownerLevelAgency(plan, id) ?? id;
}

/**
 * The agency the analyzer names for an article, whatever the province (the labelled items are about
 * all of Vietnam): the responsible agency when named, else the most named one, else one qualified
 * by another province ("Sở Tài nguyên và Môi trường tỉnh Đồng Nai").
 */
function namedAgency(analyzer: Analyzer, result: ReturnType<typeof analyzeArticle>): string | null {
  // The People's Committee of the province and the Party board are named often but implement no
  // part of the plan (LABELS.md tags neither).
  const implementing = (id: string) => analyzer.plan.agencies.find((a) => a.id === id)?.kind !== "other";
  const named = result.agencies.find((a) => a.role === "responsible" && a.reason === "named");
  const first = named ?? result.agencies.find((a) => a.mentions > 0 && implementing(a.id));
  const id = first?.id ?? result.foreignAgencies.find((f) => implementing(f.id))?.id ?? null;
  return id ? agencyKind(analyzer.plan, id) : null;
}

export function evaluateReal(
  analyzer: Analyzer,
  items: readonly RealItem[],
  provinces: readonly ProvincePlan[] = [],
  relevanceModel: LearnedModelData | null = null,
): RealEvaluation {
  const themePairs: Array<[string, string]> = [];
  const tonePairs: Array<[string, string]> = [];
  let agencyN = 0;
  let agencyCorrect = 0;
  for (const item of items) {
    const result = analyzeArticle(item.input, analyzer);
    themePairs.push([item.themes[0]!, result.primaryTheme]);
    tonePairs.push([item.tone, result.tone.label]);
    const gold = new Set(item.agencies.map((a) => agencyKind(analyzer.plan, a.split("@")[0]!)));
    if (gold.size > 0) {
      agencyN++;
      const predicted = namedAgency(analyzer, result);
      if (predicted && gold.has(predicted)) agencyCorrect++;
    }
  }
  const themes = figures(ALL_THEMES, themePairs);
  const planRows = themes.perLabel.filter((f) => (PLAN_THEMES as readonly string[]).includes(f.label));
  const relevance: RealEvaluation["relevance"] = {};
  for (const { key, plan } of provinces) {
    // Relevance is the province plan's: the analyzer of that plan, with the same relevance model.
    const provincial = createAnalyzer(plan, relevanceModel);
    let n = 0;
    let correct = 0;
    let relevant = 0;
    for (const item of items) {
      const gold = item.relevance[key];
      if (gold === undefined) continue;
      n++;
      if (gold) relevant++;
      if (analyzeArticle(item.input, provincial).relevance.relevant === gold) correct++;
    }
    relevance[key] = { n, correct, relevant, accuracy: n ? correct / n : 0 };
  }
  return {
    n: items.length,
    themes: {
      perLabel: themes.perLabel,
      macroF1Plan: planRows.reduce((s, f) => s + f.f1, 0) / planRows.length,
      accuracy: themes.accuracy,
      confusion: themes.confusion,
    },
    tone: figures(TONES, tonePairs),
    agency: { n: agencyN, correct: agencyCorrect, accuracy: agencyN ? agencyCorrect / agencyN : 0 },
    relevance,
  };
}

const pct = (v: number) => v.toFixed(3);

function table(rows: readonly LabelFigures[]): string {
  const lines = [
    "| label | support | predicted | precision | recall | F1 |",
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows)
    lines.push(
      `| ${r.label} | ${r.support} | ${r.predicted} | ${pct(r.precision)} | ${pct(r.recall)} | ${pct(r.f1)} |`,
    );
  return lines.join("\n");
}

function confusionTable(
  labels: readonly string[],
  confusion: Record<string, Record<string, number>>,
): string {
  const short = (s: string) => s.slice(0, 8);
  const lines = [
    `| gold \\ predicted | ${labels.map(short).join(" | ")} |`,
    `|---|${labels.map(() => "---:").join("|")}|`,
  ];
  for (const g of labels) lines.push(`| ${g} | ${labels.map((p) => confusion[g]?.[p] ?? 0).join(" | ")} |`);
  return lines.join("\n");
}

export function formatRealEvaluation(name: string, e: RealEvaluation, detail = true): string {
  const out = [
    `## ${name} (${e.n} items)`,
    "",
    `- themes: macro-F1 over the seven plan themes ${pct(e.themes.macroF1Plan)}; primary accuracy (all nine labels) ${pct(e.themes.accuracy)}`,
    `- tone accuracy ${pct(e.tone.accuracy)}`,
    `- agency accuracy ${pct(e.agency.accuracy)} (${e.agency.correct}/${e.agency.n} items with an agency)`,
    ...Object.entries(e.relevance).map(
      ([key, r]) =>
        `- relevance to ${key}: accuracy ${pct(r.accuracy)} (${r.correct}/${r.n}; ${r.relevant} relevant)`,
    ),
  ];
  if (detail) {
    out.push(
      "",
      "Primary theme:",
      "",
      table(e.themes.perLabel),
      "",
      confusionTable(ALL_THEMES, e.themes.confusion),
    );
    out.push("", "Tone:", "", table(e.tone.perLabel), "", confusionTable(TONES, e.tone.confusion));
  }
  return out.join("\n");
}
