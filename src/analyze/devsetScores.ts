/**
 * Evaluation on the development sets (tests/fixtures/analysis): the labelled articles, the tone
 * set and the near-duplicate fixture. Pure: the CLI reads the files and passes the parsed data in.
 *
 * Held-out split: an article belongs to the test part when the FNV-1a hash of its id falls in the
 * lowest 30% (`splitOf`), a rule fixed before any figure was computed; the learned model is trained
 * on the train part only and every figure is reported on the test part and on all items.
 */
import { z } from "zod";
import type { Plan } from "../plan/schema.ts";
import { stripDiacritics } from "../text/clean.ts";
import { tonePlacementVariants } from "../text/normalize.ts";
import { ownerLevelAgency } from "./agencies.ts";
import { type AnalyzerSettings, analyzeArticle, createAnalyzer } from "./analyze.ts";
import { type DedupeArticle, findFamilies, outletRank } from "./dedupe.ts";
import { prepareDocument } from "./document.ts";
import { fnv1a32 } from "./hash.ts";
import {
  type ClassificationReport,
  classificationReport,
  fmt,
  formatTable,
  type MultiLabelReport,
  macroF1,
  multiLabelReport,
  type PairScores,
  pairScores,
} from "./metrics.ts";
import { type ThemeModelData, trainThemeModel } from "./model.ts";
import { assignStoriesOnline, clusterStories } from "./stories.ts";

export type Split = "train" | "test";
export const TEST_SHARE = 0.3;

export function splitOf(id: string): Split {
  return fnv1a32(id) % 1000 < TEST_SHARE * 1000 ? "test" : "train";
}

/** The seven content themes of the plan's section II: the ones macro-F1 is reported over. */
export function planThemeIds(plan: Plan): string[] {
  return plan.themes.filter((t) => t.id !== "politics" && t.id !== "other").map((t) => t.id);
}

const toneLabel = z.enum(["negative", "neutral", "positive"]);

export const labelledArticleSchema = z.object({
  id: z.string().min(1),
  source: z.string().optional(),
  published_at: z.string().optional(),
  title: z.string(),
  lead: z.string(),
  body: z.string(),
  themes: z.array(z.string()).min(1),
  agency: z.string().nullable(),
  tone: toneLabel,
  relevant: z.boolean(),
});
export type LabelledArticle = z.infer<typeof labelledArticleSchema>;

export const toneExampleSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  lead: z.string().default(""),
  body: z.string().default(""),
  tone: toneLabel,
});
export type ToneExample = z.infer<typeof toneExampleSchema>;

const dedupeArticleSchema = z.object({
  id: z.string(),
  family: z.string(),
  story: z.string(),
  outlet: z.string(),
  url: z.string(),
  published_at: z.string(),
  title: z.string(),
  lead: z.string(),
  body: z.string(),
});
const dedupeCopySchema = z.object({
  id: z.string(),
  from: z.string(),
  outlet: z.string(),
  url: z.string(),
  published_at: z.string(),
  title: z.string(),
  lead: z.string().optional(),
  byline: z.string().optional(),
  prefix: z.string().optional(),
  keep: z.number().int().positive().optional(),
  drop: z.array(z.number().int().nonnegative()).optional(),
  edits: z.array(z.tuple([z.string(), z.string()])).optional(),
});
export const dedupeFixtureSchema = z.object({
  about: z.string().optional(),
  articles: z.array(dedupeArticleSchema),
  copies: z.array(dedupeCopySchema),
});
export type DedupeFixture = z.infer<typeof dedupeFixtureSchema>;
export type DedupeItem = z.infer<typeof dedupeArticleSchema>;

/** Splits a body into sentences the way the fixture's `keep`/`drop` count them. */
export function sentences(body: string): string[] {
  return body.split(/(?<=[.!?…])\s+/u).filter((s) => s.length > 0);
}

/** The fixture with every copy written out from its original and its edits. */
export function materializeDedupe(fixture: DedupeFixture): DedupeItem[] {
  const byId = new Map(fixture.articles.map((a) => [a.id, a]));
  const items: DedupeItem[] = [...fixture.articles];
  for (const copy of fixture.copies) {
    const original = byId.get(copy.from);
    if (!original) throw new Error(`copy ${copy.id}: unknown original ${copy.from}`);
    let parts = sentences(original.body);
    if (copy.drop) parts = parts.filter((_, i) => !copy.drop!.includes(i));
    if (copy.keep) parts = parts.slice(0, copy.keep);
    let body = parts.join(" ");
    let lead = copy.lead ?? original.lead;
    for (const [from, to] of copy.edits ?? []) {
      if (!body.includes(from) && !lead.includes(from))
        throw new Error(`copy ${copy.id}: edit "${from}" not found`);
      body = body.replace(from, to);
      lead = lead.replace(from, to);
    }
    if (copy.prefix) lead = `${copy.prefix} ${lead}`;
    if (copy.byline) body = `${body}\n${copy.byline}`;
    items.push({
      id: copy.id,
      family: original.family,
      story: original.story,
      outlet: copy.outlet,
      url: copy.url,
      published_at: copy.published_at,
      title: copy.title,
      lead,
      body,
    });
  }
  return items;
}

/** Writes open syllables with the other tone placement ("hòa" → "hoà"): same text, other spelling. */
export function otherTonePlacement(text: string): string {
  let out = text.normalize("NFC");
  for (const [newStyle, traditional] of tonePlacementVariants()) {
    out = out.replace(
      new RegExp(`(?<![qQ\\p{L}])(\\p{L}*?)${traditional}(?![\\p{L}\\p{M}])`, "gu"),
      `$1${newStyle}`,
    );
  }
  return out;
}

export interface DevData {
  articles: LabelledArticle[];
  tone: ToneExample[];
  dedupe: DedupeFixture;
}

export interface ThemeFigures {
  primary: ClassificationReport;
  multi: MultiLabelReport;
  macroF1: number;
}

export interface Evaluation {
  counts: { articles: number; train: number; test: number; tone: number; toneTest: number; dedupe: number };
  model: ThemeModelData;
  themes: {
    vocabularyAll: ThemeFigures;
    combinedTest: ThemeFigures;
    combinedAll: ThemeFigures;
    vocabularyTest: ThemeFigures;
  };
  agencies: { test: Accuracy; all: Accuracy; named: Accuracy; owner: Accuracy };
  relevance: { test: Accuracy; all: Accuracy };
  tone: {
    setTest: ClassificationReport;
    setAll: ClassificationReport;
    devTest: ClassificationReport;
    devAll: ClassificationReport;
  };
  stability: { stripped: Accuracy; strippedTest: Accuracy; nfd: Accuracy; tonePlacement: Accuracy };
  dedupe: {
    families: PairScores;
    originals: Accuracy;
    stories: PairScores;
    /** The pipeline's online assignment (`pickStory` in publication order) on the same items. */
    storiesOnline: PairScores;
  };
}

export interface Accuracy {
  correct: number;
  n: number;
  value: number;
}

function accuracy(flags: readonly boolean[]): Accuracy {
  const correct = flags.filter(Boolean).length;
  return { correct, n: flags.length, value: flags.length === 0 ? 0 : correct / flags.length };
}

/** Same agency, or one is the group the other belongs to ("ubnd_kon_plong" within "ubnd_huyen"). */
export function sameAgency(plan: Plan, gold: string | null, predicted: string | null): boolean {
  if (gold === predicted) return true;
  if (gold === null || predicted === null) return false;
  const groupOf = (id: string) => plan.agencies.find((a) => a.members?.includes(id))?.id;
  return groupOf(gold) === predicted || groupOf(predicted) === gold;
}

/** A labelled article as analysis input: its source, when it is a plan outlet, is the outlet. */
export function asInput(a: LabelledArticle) {
  return {
    title: a.title,
    lead: a.lead,
    body: a.body,
    published_at: a.published_at ?? null,
    outlet: a.source ?? null,
  };
}

/** A labelled article as a training example for the theme model and the agency router. */
export function trainingExample(plan: Plan, a: LabelledArticle) {
  return {
    doc: prepareDocument(a),
    themes: a.themes,
    agency: a.relevant ? ownerLevelAgency(plan, a.agency) : null,
  };
}

export function evaluate(plan: Plan, data: DevData, settings: Partial<AnalyzerSettings> = {}): Evaluation {
  const labels = plan.themes.map((t) => t.id);
  const seven = planThemeIds(plan);
  const train = data.articles.filter((a) => splitOf(a.id) === "train");
  const test = data.articles.filter((a) => splitOf(a.id) === "test");
  const model = trainThemeModel(
    train.map((a) => trainingExample(plan, a)),
    {
      plan: plan.id,
      themes: labels,
      note: "trained by `presswatch analyze eval` on the train split",
      now: new Date(0),
    },
  );
  const vocabularyOnly = createAnalyzer(plan, null, settings);
  const combined = createAnalyzer(plan, model, settings);

  const run = (analyzer: typeof combined, items: LabelledArticle[]) =>
    items.map((a) => analyzeArticle(asInput(a), analyzer));
  const themeFigures = (items: LabelledArticle[], results: ReturnType<typeof run>): ThemeFigures => {
    const primary = classificationReport(
      items.map((a) => a.themes[0]!),
      results.map((r) => r.primaryTheme),
      labels,
    );
    const multi = multiLabelReport(
      items.map((a) => a.themes),
      results.map((r) => r.themes.map((t) => t.id)),
      labels,
    );
    return { primary, multi, macroF1: macroF1(primary, seven) };
  };
  const combinedAllResults = run(combined, data.articles);
  const vocabAllResults = run(vocabularyOnly, data.articles);
  const isTest = data.articles.map((a) => splitOf(a.id) === "test");
  const pick = <T>(xs: T[]) => xs.filter((_, i) => isTest[i]);

  const agencyFlags = data.articles.map((a, i) =>
    sameAgency(plan, a.agency, combinedAllResults[i]!.responsibleAgency),
  );
  const reason = combinedAllResults.map(
    (r) => r.agencies.find((x) => x.role === "responsible")?.reason ?? null,
  );
  const relevanceFlags = data.articles.map(
    (a, i) => a.relevant === combinedAllResults[i]!.relevance.relevant,
  );

  const toneResults = data.tone.map((t) => analyzeArticle(t, combined).tone.label);
  const toneIsTest = data.tone.map((t) => splitOf(t.id) === "test");
  const toneLabels = ["negative", "neutral", "positive"];

  // Stability: the same analysis for NFD and the other tone placement; the same primary theme
  // when every diacritic is stripped.
  const strip = (a: LabelledArticle) => ({
    ...a,
    title: stripDiacritics(a.title),
    lead: stripDiacritics(a.lead),
    body: stripDiacritics(a.body),
  });
  const nfd = (a: LabelledArticle) => ({
    ...a,
    title: a.title.normalize("NFD"),
    lead: a.lead.normalize("NFD"),
    body: a.body.normalize("NFD"),
  });
  const tones = (a: LabelledArticle) => ({
    ...a,
    title: otherTonePlacement(a.title),
    lead: otherTonePlacement(a.lead),
    body: otherTonePlacement(a.body),
  });
  const stripped = data.articles.map(
    (a, i) =>
      analyzeArticle(asInput(strip(a)), combined).primaryTheme === combinedAllResults[i]!.primaryTheme,
  );
  const same = (variant: (a: LabelledArticle) => LabelledArticle) =>
    data.articles.map(
      (a, i) =>
        JSON.stringify(analyzeArticle(asInput(variant(a)), combined)) ===
        JSON.stringify(combinedAllResults[i]),
    );

  // Near-duplicates and stories.
  const items = materializeDedupe(data.dedupe);
  const kinds = new Map(plan.outlets.map((o) => [o.id, o.kind]));
  const families = findFamilies(
    items.map((it): DedupeArticle => ({ ...it, outletRank: outletRank(kinds.get(it.outlet)) })),
  );
  const predictedFamily = new Map<string, string>();
  for (const f of families) for (const m of f.members) predictedFamily.set(m.id, f.id);
  const goldFamily = new Map(items.map((it) => [it.id, it.family]));
  const originals = families
    .filter((f) => f.members.some((m) => goldFamily.get(m.id) === goldFamily.get(f.original)))
    .map((f) => f.original === goldFamily.get(f.original));
  const storyItems = items.map((it) => ({ ...it, family: predictedFamily.get(it.id) ?? null }));
  const predictedStory = new Map<string, string>();
  for (const s of clusterStories(storyItems)) for (const m of s.members) predictedStory.set(m, s.id);
  const onlineStory = new Map<string, string>();
  for (const s of assignStoriesOnline(storyItems)) for (const m of s.members) onlineStory.set(m, s.id);
  const goldStory = new Map(items.map((it) => [it.id, it.story]));

  return {
    counts: {
      articles: data.articles.length,
      train: train.length,
      test: test.length,
      tone: data.tone.length,
      toneTest: toneIsTest.filter(Boolean).length,
      dedupe: items.length,
    },
    model,
    themes: {
      vocabularyAll: themeFigures(data.articles, vocabAllResults),
      vocabularyTest: themeFigures(test, pick(vocabAllResults)),
      combinedAll: themeFigures(data.articles, combinedAllResults),
      combinedTest: themeFigures(test, pick(combinedAllResults)),
    },
    agencies: {
      all: accuracy(agencyFlags),
      test: accuracy(pick(agencyFlags)),
      named: accuracy(agencyFlags.filter((_, i) => reason[i] === "named")),
      owner: accuracy(agencyFlags.filter((_, i) => reason[i] !== "named")),
    },
    relevance: { all: accuracy(relevanceFlags), test: accuracy(pick(relevanceFlags)) },
    tone: {
      setAll: classificationReport(
        data.tone.map((t) => t.tone),
        toneResults,
        toneLabels,
      ),
      setTest: classificationReport(
        data.tone.filter((_, i) => toneIsTest[i]).map((t) => t.tone),
        toneResults.filter((_, i) => toneIsTest[i]),
        toneLabels,
      ),
      devAll: classificationReport(
        data.articles.map((a) => a.tone),
        combinedAllResults.map((r) => r.tone.label),
        toneLabels,
      ),
      devTest: classificationReport(
        pick(data.articles.map((a) => a.tone)),
        pick(combinedAllResults.map((r) => r.tone.label)),
        toneLabels,
      ),
    },
    stability: {
      stripped: accuracy(stripped),
      strippedTest: accuracy(pick(stripped)),
      nfd: accuracy(same(nfd)),
      tonePlacement: accuracy(same(tones)),
    },
    dedupe: {
      families: pairScores(goldFamily, predictedFamily),
      originals: accuracy(originals),
      stories: pairScores(goldStory, predictedStory),
      storiesOnline: pairScores(goldStory, onlineStory),
    },
  };
}

const pct = (a: Accuracy) => `${fmt(a.value)} (${a.correct}/${a.n})`;

function themeTable(title: string, figures: ThemeFigures, seven: readonly string[]): string {
  const rows = figures.primary.perLabel.map((s) => [
    `${s.label}${seven.includes(s.label) ? "" : " *"}`,
    s.precision,
    s.recall,
    s.f1,
    s.support,
  ]);
  return [
    title,
    formatTable(["theme", "precision", "recall", "f1", "support"], rows),
    `macro-F1 over the seven plan themes: ${fmt(figures.macroF1)}   accuracy (9 labels): ${fmt(figures.primary.accuracy)}   multi-label micro-F1: ${fmt(figures.multi.microF1)}`,
  ].join("\n");
}

function confusionTable(report: ClassificationReport): string {
  const short = (l: string) => l.slice(0, 6);
  return formatTable(
    ["gold \\ predicted", ...report.labels.map(short)],
    report.labels.map((l, i) => [l, ...report.confusion[i]!]),
  );
}

export function formatEvaluation(plan: Plan, e: Evaluation): string {
  const seven = planThemeIds(plan);
  const c = e.counts;
  const out: string[] = [];
  out.push(
    `Development sets: ${c.articles} labelled articles (train ${c.train}, held-out test ${c.test}), ${c.tone} tone items (test ${c.toneTest}), ${c.dedupe} near-duplicate items.`,
    `Model: naive Bayes trained on the train split (${e.model.examples} articles, ${Object.keys(e.model.features).length} features, id ${e.model.id}).`,
    "Primary theme scores; * = not one of the seven plan themes (left out of macro-F1).",
    "",
    themeTable("== Themes, held-out test split (vocabulary + model) ==", e.themes.combinedTest, seven),
    "",
    themeTable(
      "== Themes, all articles (vocabulary + model; train items were seen in training) ==",
      e.themes.combinedAll,
      seven,
    ),
    "",
    `Vocabulary only (no model): macro-F1 all ${fmt(e.themes.vocabularyAll.macroF1)}, test ${fmt(e.themes.vocabularyTest.macroF1)}; accuracy all ${fmt(e.themes.vocabularyAll.primary.accuracy)}`,
    "",
    "== Confusion matrix, held-out test split (rows gold, columns predicted) ==",
    confusionTable(e.themes.combinedTest.primary),
    "",
    "== Confusion matrix, all articles ==",
    confusionTable(e.themes.combinedAll.primary),
    "",
    "== Agency attribution (responsible agency; a district committee matches its group) ==",
    `accuracy all ${pct(e.agencies.all)}   test ${pct(e.agencies.test)}`,
    `  when the article names an agency ${pct(e.agencies.named)}   when the theme owner decides ${pct(e.agencies.owner)}`,
    "",
    `== Relevance to the province (relevant = score >= 0.5) ==\naccuracy all ${pct(e.relevance.all)}   test ${pct(e.relevance.test)}`,
    "",
    "== Tone ==",
    `tone set: accuracy all ${fmt(e.tone.setAll.accuracy)} (n=${e.tone.setAll.n})   test ${fmt(e.tone.setTest.accuracy)} (n=${e.tone.setTest.n})`,
    `articles: accuracy all ${fmt(e.tone.devAll.accuracy)} (n=${e.tone.devAll.n})   test ${fmt(e.tone.devTest.accuracy)} (n=${e.tone.devTest.n})`,
    formatTable(
      ["tone (tone set, all)", "precision", "recall", "f1", "support"],
      e.tone.setAll.perLabel.map((s) => [s.label, s.precision, s.recall, s.f1, s.support]),
    ),
    confusionTable(e.tone.setAll),
    "",
    "== Stability ==",
    `NFD input gives the identical analysis: ${pct(e.stability.nfd)}`,
    `other tone placement ("hoà") gives the identical analysis: ${pct(e.stability.tonePlacement)}`,
    `diacritics stripped, same primary theme: all ${pct(e.stability.stripped)}   test ${pct(e.stability.strippedTest)}`,
    "",
    "== Near-duplicates (pairs of items in one family) ==",
    `precision ${fmt(e.dedupe.families.precision)}  recall ${fmt(e.dedupe.families.recall)}  f1 ${fmt(e.dedupe.families.f1)}  (gold pairs ${e.dedupe.families.goldPairs}, predicted ${e.dedupe.families.predictedPairs}, correct ${e.dedupe.families.truePairs})`,
    `original chosen correctly: ${pct(e.dedupe.originals)}`,
    `story clustering (pairs in one story): precision ${fmt(e.dedupe.stories.precision)}  recall ${fmt(e.dedupe.stories.recall)}  (gold pairs ${e.dedupe.stories.goldPairs}, predicted ${e.dedupe.stories.predictedPairs})`,
    `story assignment online (publication order, best match): precision ${fmt(e.dedupe.storiesOnline.precision)}  recall ${fmt(e.dedupe.storiesOnline.recall)}  (predicted ${e.dedupe.storiesOnline.predictedPairs}, correct ${e.dedupe.storiesOnline.truePairs})`,
  );
  return out.join("\n");
}
