/**
 * The real labelled analysis set: lays out its texts, assembles the labels read by people, and
 * trains and scores the analyzer on it. The labels and the corpus paths are committed
 * (tests/fixtures/analysis/real/); the texts are not (the corpus has no licence), so every command
 * but `collect` needs the corpus laid out first:
 *
 *   npx tsx tools/data/real-set.ts layout --repo <git dir of magizbox/underthesea.classification>
 *   npx tsx tools/data/real-set.ts tune                 # settings on dev (trained on train)
 *   presswatch analyze train                            # the shipped model, from train + dev
 *   presswatch analyze eval --set real                  # figures on every split
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { createAnalyzer } from "../../src/analyze/analyze.ts";
import type { CorrectionTraining } from "../../src/analyze/correctionExamples.ts";
import type { LearnedModelData } from "../../src/analyze/learned.ts";
import {
  ALL_THEMES,
  assignStories,
  crossProvinceRelevance,
  DEFAULT_REAL_SETTINGS,
  evaluateReal,
  formatRealEvaluation,
  type ProvincePlan,
  type RealItem,
  type RealLabel,
  type RealSplit,
  type RealTrainSettings,
  realLabelSchema,
  splitOfStory,
  TONES,
  trainRealModels,
  type WeakExample,
} from "../../src/analyze/realSet.ts";
import { readModelFile } from "../../src/pipeline/loadAnalyzer.ts";
import { loadPlan } from "../../src/plan/index.ts";
import { type CorpusDoc, DEFAULT_RAW_DIR, mentionsKonTum, parseCorpusFile, readCorpusDoc } from "./corpus.ts";

const ROOT = resolve(import.meta.dirname, "../..");
export const REAL_DIR = join(ROOT, "tests/fixtures/analysis/real");
export const LABELS_FILE = join(REAL_DIR, "labels.jsonl");
export const DEFAULT_PLAN = join(ROOT, "config/plans/kon-tum-2024.yaml");
const PROVINCE_PLANS = { gia_lai: "config/plans/gia-lai-2024.yaml", dak_lak: "config/plans/dak-lak-2024.yaml" };

export function readLabels(file = LABELS_FILE): RealLabel[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = realLabelSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

const asInput = (doc: CorpusDoc) => ({ title: doc.title, lead: doc.lead, body: doc.body });

/** The labelled items with their texts, read from the laid-out corpus. */
export function loadRealItems(rawDir = DEFAULT_RAW_DIR, labels = readLabels()): RealItem[] {
  if (!existsSync(join(rawDir, "data"))) {
    throw new Error(
      `the corpus texts are not laid out under ${rawDir}: run 'npx tsx tools/data/real-set.ts layout --repo <git dir of magizbox/underthesea.classification>' (the texts are not committed)`,
    );
  }
  return labels.map((label) => ({ ...label, input: asInput(readCorpusDoc(label.path, rawDir)) }));
}

export async function provincePlans(): Promise<ProvincePlan[]> {
  return Promise.all(
    Object.entries(PROVINCE_PLANS).map(async ([key, file]) => ({ key, plan: await loadPlan(join(ROOT, file)) })),
  );
}

// Corpus topics that are never about a plan theme: weak `other` examples, to teach the model how
// ordinary the ordinary news is. Sport, health, computing, shopping, games, real estate.
const OTHER_FOLDERS = [
  "data/vntc/raw_data/Train_Full/The thao",
  "data/vntc/raw_data/Train_Full/Suc khoe",
  "data/vntc/raw_data/Train_Full/Vi tinh",
  "data/TC201805/corpus/the thao - the thao dong doi - bong da",
  "data/TC201805/corpus/lam dep va the hinh - suc khoe",
  "data/TC201805/corpus/may vi tinh va do dien tu",
  "data/TC201805/corpus/mua sam - trang phuc",
  "data/TC201805/corpus/tro choi",
  "data/TC201805/corpus/bat dong san",
];

export function weakOther(rawDir: string, perFolder: number, exclude: ReadonlySet<string>): WeakExample[] {
  const out: WeakExample[] = [];
  for (const folder of OTHER_FOLDERS) {
    const dir = join(rawDir, folder);
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir).sort();
    const step = Math.max(1, Math.floor(files.length / perFolder));
    for (let i = 0, n = 0; i < files.length && n < perFolder; i += step) {
      const path = `${folder}/${files[i]}`;
      if (exclude.has(path)) continue;
      const doc = parseCorpusFile(path, readFileSync(join(rawDir, path)));
      if (!doc.title || mentionsKonTum(`${doc.title}\n${doc.lead}\n${doc.body}`)) continue;
      out.push({ input: asInput(doc), theme: "other", weight: 0.5 });
      n++;
    }
  }
  return out;
}

export interface RealRun {
  plan: string;
  rawDir: string;
  settings?: RealTrainSettings;
  weakPerFolder?: number;
  /** Item ids left out of training (tools/data/correction-batch.ts: the articles coordinators see). */
  exclude?: ReadonlySet<string>;
}

/** Trains on the given splits (train + dev for the shipped model), and the corrections given. */
export async function trainOnSplits(
  run: RealRun,
  splits: readonly RealSplit[],
  note: string,
  corrections: readonly CorrectionTraining[] = [],
): Promise<LearnedModelData> {
  const plan = await loadPlan(run.plan);
  const items = loadRealItems(run.rawDir).filter((i) => splits.includes(i.split) && !run.exclude?.has(i.id));
  const weak = run.weakPerFolder ? weakOther(run.rawDir, run.weakPerFolder, new Set(items.map((i) => i.path))) : [];
  const settings = run.settings ?? DEFAULT_REAL_SETTINGS;
  return trainRealModels(plan, items, await provincePlans(), settings, weak, note, new Date(), corrections);
}

/** Figures of `model` on each split; the split it was trained on is marked as such. */
export async function evaluateOnSplits(
  run: RealRun,
  model: LearnedModelData | null,
  splits: readonly RealSplit[],
  detail: boolean,
): Promise<string> {
  const plan = await loadPlan(run.plan);
  const analyzer = createAnalyzer(plan, model);
  for (const warning of analyzer.warnings) console.error(`warning: ${warning}`);
  const items = loadRealItems(run.rawDir);
  const provinces = await provincePlans();
  const out: string[] = [];
  const trained = new Set(model?.note?.startsWith(TRAIN_NOTE) ? ["train", "dev"] : []);
  for (const split of splits) {
    const chosen = items.filter((i) => i.split === split);
    const name = trained.has(split) ? `${split} split (trained on it: no quality figure)` : `${split} split`;
    out.push(formatRealEvaluation(name, evaluateReal(analyzer, chosen, provinces, model), detail && !trained.has(split)), "");
    if (split === "test") {
      // The random strata keep real news' own mix (about two in three items `other`).
      const mix = chosen.filter((i) => i.stratum.startsWith("random_"));
      out.push(formatRealEvaluation("test split, random strata only (real news' mix of themes)", evaluateReal(analyzer, mix), false), "");
    }
  }
  out.push("## relevance learned on the other province only (every labelled item of the province scored)", "");
  for (const r of crossProvinceRelevance(items, provinces))
    out.push(`- ${r.key}, learned on ${r.learnedOn.join(", ")}: accuracy ${r.accuracy.toFixed(3)} (${r.correct}/${r.n})`);
  return out.join("\n");
}

export const DEFAULT_MODEL_FILE = join(ROOT, "config/models/analyzer.json.gz");
export const TRAIN_NOTE =
  "trained on the train and dev splits of the real labelled set (tests/fixtures/analysis/real); settings chosen on dev; the test split is held out";

export function writeModel(out: string, model: LearnedModelData) {
  const json = `${JSON.stringify(model)}\n`;
  writeFileSync(out, out.endsWith(".gz") ? gzipSync(json, { level: 9 }) : json);
}

export function describeModel(out: string, model: LearnedModelData): string {
  const size = statSync(out).size;
  return `wrote ${out} (${(size / 1024).toFixed(0)} KiB): id ${model.id}, ${Object.keys(model.themes.weights).length} theme and ${Object.keys(model.tone.weights).length} tone features, examples ${JSON.stringify(model.examples)}`;
}

// ---------------------------------------------------------------------------------------------
// collect: the labels read by people, with their stories and splits

function collect(labelsDir: string, rawDir: string, out: string) {
  const ids = readFileSync(join(labelsDir, "ids.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { id: string; path: string; stratum: string; batch: number });
  const readings = new Map<string, Array<Record<string, unknown> & { batch: number }>>();
  for (let b = 1; existsSync(join(labelsDir, `out${b}.jsonl`)); b++) {
    for (const line of readFileSync(join(labelsDir, `out${b}.jsonl`), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const r = JSON.parse(line);
      const list = readings.get(r.id) ?? [];
      list.push({ ...r, batch: b });
      readings.set(r.id, list);
    }
  }
  // Each item's first reading is its own batch's; another batch's reading of it is the second.
  const owner = new Map(ids.map((x) => [x.id, x.batch]));
  const ownerOf = (id: string) => owner.get(id);
  const labelled: RealLabel[] = [];
  const second: Array<{ id: string; first: Record<string, unknown>; second: Record<string, unknown> }> = [];
  const docs = ids.map((x) => ({ ...x, doc: readCorpusDoc(x.path, rawDir) }));
  const stories = assignStories(docs.map((d) => ({ id: d.id, title: d.doc.title, text: `${d.doc.lead} ${d.doc.body}` })));
  for (const { id, path, stratum, doc } of docs) {
    const all = readings.get(id) ?? [];
    const first = all.find((r) => r.batch === ownerOf(id));
    if (!first) continue;
    const text = `${doc.title}\n${doc.lead}\n${doc.body}`;
    if (mentionsKonTum(text)) throw new Error(`${path} mentions Kon Tum`);
    // A reader found "Kom Tum", a misspelling the shared filter does not know: such items go too.
    if (/\bkom ?tum\b/i.test(text)) continue;
    const other = all.find((r) => r.batch !== ownerOf(id));
    if (other) second.push({ id, first, second: other });
    const relevance: Record<string, boolean> = {};
    if (typeof first.gia_lai === "boolean") relevance.gia_lai = first.gia_lai;
    if (typeof first.dak_lak === "boolean") relevance.dak_lak = first.dak_lak;
    const story = stories.get(id) ?? id;
    labelled.push(
      realLabelSchema.parse({
        id,
        path,
        stratum,
        split: splitOfStory(story),
        story,
        themes: [...new Set(first.themes as string[])],
        tone: first.tone,
        agencies: first.agencies ?? [],
        relevance,
        note: typeof first.note === "string" ? first.note.slice(0, 200) : undefined,
      }),
    );
  }
  writeFileSync(out, `${labelled.map((l) => JSON.stringify(l)).join("\n")}\n`);
  writeFileSync(
    join(REAL_DIR, "second-reading.jsonl"),
    `${second
      .map(({ id, first, second }) =>
        JSON.stringify({
          id,
          first: { themes: first.themes, tone: first.tone, agencies: first.agencies },
          second: { themes: second.themes, tone: second.tone, agencies: second.agencies },
        }),
      )
      .join("\n")}\n`,
  );
  console.log(`${labelled.length} items → ${out}; ${second.length} read twice`);
  printCounts(labelled);
  printAgreement(second.map((s) => ({ a: s.first, b: s.second })));
}

function printCounts(labels: readonly RealLabel[]) {
  const rows = ALL_THEMES.map((t) => {
    const by = (s: RealSplit) => labels.filter((l) => l.split === s && l.themes[0] === t).length;
    return `| ${t} | ${by("train")} | ${by("dev")} | ${by("test")} | ${labels.filter((l) => l.themes[0] === t).length} |`;
  });
  console.log(["| primary theme | train | dev | test | all |", "|---|---:|---:|---:|---:|", ...rows].join("\n"));
  const tones = TONES.map((t) => `${t} ${labels.filter((l) => l.tone === t).length}`).join(", ");
  const withAgency = labels.filter((l) => l.agencies.length > 0).length;
  const rel = (k: string) => {
    const r = labels.filter((l) => l.relevance[k] !== undefined);
    return `${k} ${r.length} (${r.filter((l) => l.relevance[k]).length} relevant)`;
  };
  console.log(`tone: ${tones}; with an agency: ${withAgency}; relevance labels: ${rel("gia_lai")}, ${rel("dak_lak")}`);
}

function printAgreement(pairs: ReadonlyArray<{ a: Record<string, unknown>; b: Record<string, unknown> }>) {
  if (pairs.length === 0) return;
  const primary = (r: Record<string, unknown>) => (r.themes as string[])[0]!;
  const f1s = ALL_THEMES.slice(0, 7).map((t) => {
    const tp = pairs.filter((p) => primary(p.a) === t && primary(p.b) === t).length;
    const na = pairs.filter((p) => primary(p.a) === t).length;
    const nb = pairs.filter((p) => primary(p.b) === t).length;
    return na + nb === 0 ? null : (2 * tp) / (na + nb);
  });
  const present = f1s.filter((f): f is number => f !== null);
  const themeAgree = pairs.filter((p) => primary(p.a) === primary(p.b)).length / pairs.length;
  const toneAgree = pairs.filter((p) => p.a.tone === p.b.tone).length / pairs.length;
  console.log(
    `agreement of two readings on ${pairs.length} items: primary theme ${themeAgree.toFixed(3)} (macro-F1 over the plan themes present ${(present.reduce((a, b) => a + b, 0) / present.length).toFixed(3)}), tone ${toneAgree.toFixed(3)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// tune: settings chosen on dev, trained on train; the test split is not read

async function tune(run: RealRun) {
  const grid: Array<Partial<RealTrainSettings> & { weak?: number }> = [];
  for (const l2 of [3e-5, 1e-4, 3e-4])
    for (const balance of [0, 0.5, 1]) for (const weak of [0, 60]) grid.push({ l2, balance, weak });
  const plan = await loadPlan(run.plan);
  const items = loadRealItems(run.rawDir);
  const train = items.filter((i) => i.split === "train");
  const dev = items.filter((i) => i.split === "dev");
  const provinces = await provincePlans();
  const weakAll = weakOther(run.rawDir, 60, new Set(items.map((i) => i.path)));
  console.log("| l2 | balance | weak | dev macro-F1 | dev primary acc | dev tone acc |");
  console.log("|---|---|---|---|---|---|");
  for (const g of grid) {
    const settings = { ...DEFAULT_REAL_SETTINGS, ...g };
    const perFolder = g.weak ?? 0;
    const weak = perFolder ? weakAll : [];
    const model = trainRealModels(plan, train, provinces, settings, weak, "tuning");
    const e = evaluateReal(createAnalyzer(plan, model), dev);
    console.log(
      `| ${g.l2} | ${g.balance} | ${perFolder} | ${e.themes.macroF1Plan.toFixed(3)} | ${e.themes.accuracy.toFixed(3)} | ${e.tone.accuracy.toFixed(3)} |`,
    );
  }
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      repo: { type: "string" },
      raw: { type: "string", default: DEFAULT_RAW_DIR },
      labels: { type: "string", default: "/work/labels" },
      plan: { type: "string", default: DEFAULT_PLAN },
      out: { type: "string" },
      model: { type: "string" },
    },
  });
  const run: RealRun = { plan: values.plan, rawDir: values.raw };
  if (command === "layout") {
    if (!values.repo) throw new Error("layout needs --repo <git dir of magizbox/underthesea.classification>");
    const { layoutCorpus } = await import("./corpus.ts");
    layoutCorpus(values.repo, values.raw);
    console.log(`laid out the corpus under ${values.raw}`);
  } else if (command === "collect") collect(values.labels, values.raw, LABELS_FILE);
  else if (command === "counts") printCounts(readLabels());
  else if (command === "tune") await tune(run);
  else if (command === "train") {
    const out = values.out ?? DEFAULT_MODEL_FILE;
    const model = await trainOnSplits(run, ["train", "dev"], TRAIN_NOTE);
    writeModel(out, model);
    console.log(describeModel(out, model));
  } else if (command === "eval") {
    const model = values.model === "none" ? null : await readModelFile(values.model ?? DEFAULT_MODEL_FILE);
    if (model && model.format !== "presswatch-analyzer/2") throw new Error("eval --set real takes a presswatch-analyzer/2 model");
    console.log(await evaluateOnSplits(run, model, ["train", "dev", "test"], true));
  }
  else {
    console.error(
      "usage: real-set.ts layout --repo DIR | collect [--labels DIR] | counts | tune | train [--out FILE] | eval [--model FILE|none]",
    );
    process.exit(2);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: Error) => {
    console.error(`real-set: ${error.message}`);
    process.exit(1);
  });
}
