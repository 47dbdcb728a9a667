/**
 * `presswatch analyze`: the article analyzer on the command line.
 *
 *   presswatch analyze [--plan FILE] [--model FILE | --no-model] [--claims DIR] [--credibility FILE]
 *       JSON lines {"title","lead","body","url"?,"published_at"?,"outlet"?} on stdin, one JSON line
 *       of analysis per input line on stdout, in order, each with its misinformation signals
 *       {"score","reasons"} as the pipeline indexes them (claims from config/claims, source
 *       credibility from config/credibility.yaml). A line that cannot be analysed gives
 *       {"line","error"}.
 *   presswatch analyze eval --set real [--plan FILE] [--model FILE | --no-model]
 *       figures on the real labelled set (tests/fixtures/analysis/real; its texts laid out from the
 *       corpus first, see its README): per-label precision, recall, F1 and confusion matrices of
 *       themes and tone, agency and relevance accuracy, on each split
 *   presswatch analyze eval [--set synthetic] [--plan FILE] [--data DIR]
 *       the synthetic regression sets (written in-house: no evidence of quality)
 *   presswatch analyze train [--plan FILE] [--out FILE] [--corrections FILE]
 *       the shipped model (config/models/analyzer.json.gz) from the real set's train and dev splits,
 *       and the coordinators' corrections exported by `analyze corrections export`
 *   presswatch analyze corrections export [--out FILE]
 *       every correction stored (OPENSEARCH_URL, INDEX_PREFIX) as a labelled example per line, text
 *       included, in the shape of the real set's labels
 *   presswatch analyze train --set synthetic [--data DIR] [--out FILE] [--all]
 *       a naive Bayes theme model from the synthetic sets (regression tests only)
 *
 * Without a model file, or with one trained for another plan, the plan vocabulary and the tone
 * lexicon decide alone.
 */
import { once } from "node:events";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { analyzeArticle, createAnalyzer } from "../../src/analyze/analyze.ts";
import { parseCorrectionExamples, trainingOfCorrection } from "../../src/analyze/correctionExamples.ts";
import {
  type DevData,
  dedupeFixtureSchema,
  evaluate,
  formatEvaluation,
  labelledArticleSchema,
  splitOf,
  toneExampleSchema,
  trainingExample,
} from "../../src/analyze/devsetScores.ts";
import type { LearnedModelData } from "../../src/analyze/learned.ts";
import { type ThemeModelData, trainThemeModel } from "../../src/analyze/model.ts";
import { coerceError } from "../../src/model/errors.ts";
import { readModelFile } from "../../src/pipeline/loadAnalyzer.ts";
import { loadSignals, type SignalsOf, signalFiles } from "../../src/pipeline/loadSignals.ts";
import { loadPlan } from "../../src/plan/load.ts";
import type { Plan } from "../../src/plan/schema.ts";
import {
  type CommandSpec,
  HelpShown,
  helpText,
  type OptionSpec,
  parseCommand,
  stringOption,
  usageError,
} from "../args.ts";
import { CliError } from "../errors.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DEFAULT_PLAN = join(ROOT, "config/plans/kon-tum-2024.yaml");
const DEFAULT_MODEL = join(ROOT, "config/models/analyzer.json.gz");
const DEFAULT_RAW = join(ROOT, "data/real/raw");
const DEFAULT_DATA = join(ROOT, "tests/fixtures/analysis");
const DEFAULT_SIGNALS = signalFiles(join(ROOT, "config"));

const OPTION: Record<string, OptionSpec> = {
  plan: { type: "string", value: "FILE", help: "the plan (default config/plans/kon-tum-2024.yaml)" },
  model: {
    type: "string",
    value: "FILE",
    help: "the learned models (default config/models/analyzer.json.gz)",
  },
  "no-model": { type: "boolean", help: "the plan vocabulary and the tone lexicon alone" },
  set: {
    type: "string",
    value: "real|synthetic",
    help: "the real labelled set or the synthetic regression sets",
  },
  data: { type: "string", value: "DIR", help: "the synthetic sets (default tests/fixtures/analysis)" },
  raw: { type: "string", value: "DIR", help: "the real set's laid-out texts (default data/real/raw)" },
  out: { type: "string", value: "FILE", help: "where the trained model goes (default the shipped file)" },
  all: { type: "boolean", help: "with --set synthetic: train on every split" },
  claims: { type: "string", value: "DIR", help: "the false-claim registry (default config/claims)" },
  credibility: {
    type: "string",
    value: "FILE",
    help: "source credibility (default config/credibility.yaml)",
  },
  corrections: {
    type: "string",
    value: "FILE",
    help: "coordinators' corrections (JSONL from `analyze corrections export`), learned beside the real set's labels",
  },
};
const pick = (...names: string[]) => Object.fromEntries(names.map((name) => [name, OPTION[name]!]));

const SPECS = {
  stream: {
    name: "analyze",
    summary:
      "JSON lines {title, lead, body, url?, published_at?, outlet?} on stdin, one JSON line of analysis per line on stdout, with its misinformation signals.",
    usage: ["[--plan FILE] [--model FILE | --no-model] [--claims DIR] [--credibility FILE] < articles.jsonl"],
    options: pick("plan", "model", "no-model", "claims", "credibility"),
    notes: [
      "presswatch analyze eval --help    figures on the real labelled set or the synthetic sets",
      "presswatch analyze train --help   train the shipped model",
    ],
  },
  eval: {
    name: "analyze eval",
    summary:
      "Figures on the real labelled set (per-label precision, recall, F1, confusion; each split), or on the synthetic regression sets (the default without --set).",
    usage: [
      "--set real [--plan FILE] [--model FILE | --no-model] [--raw DIR]",
      "[--set synthetic] [--plan FILE] [--data DIR]",
    ],
    options: pick("set", "plan", "data", "model", "no-model", "raw"),
  },
  train: {
    name: "analyze train",
    summary:
      "Trains the shipped model from the real set's train and dev splits, or (--set synthetic) a naive Bayes theme model for the regression tests.",
    usage: [
      "[--plan FILE] [--out FILE] [--raw DIR] [--corrections FILE]",
      "--set synthetic [--plan FILE] [--data DIR] [--out FILE] [--all]",
    ],
    options: pick("set", "plan", "data", "out", "all", "raw", "corrections"),
  },
  corrections: {
    name: "analyze corrections export",
    summary:
      "Writes the coordinators' corrections (from OpenSearch) as labelled JSONL examples for `analyze train --corrections`.",
    usage: ["[--out FILE]"],
    options: {
      out: { type: "string", value: "FILE", help: "where to write them (default standard output)" },
    },
    notes: ["Reads OPENSEARCH_URL (and its credentials and CA) and INDEX_PREFIX."],
  },
} satisfies Record<string, CommandSpec>;

interface Options {
  plan: string;
  model: string | null;
  modelGiven: boolean;
  data: string;
  out: string;
  all: boolean;
  set: "real" | "synthetic";
  raw: string;
  claims: string;
  credibility: string;
  corrections: string | null;
  outGiven: boolean;
}

function parseOptions(spec: CommandSpec, args: string[]): Options {
  const { values } = parseCommand(spec, args);
  const path = (name: string, fallback: string) => {
    const value = stringOption(values, name);
    if (value === "") throw usageError(spec, `--${name} needs a value`);
    return value === undefined ? fallback : resolve(value);
  };
  const set = stringOption(values, "set") ?? "real";
  if (set !== "real" && set !== "synthetic")
    throw usageError(spec, `--set takes real or synthetic, not "${set}"`);
  const model = stringOption(values, "model");
  return {
    plan: path("plan", DEFAULT_PLAN),
    model: values["no-model"] ? null : path("model", DEFAULT_MODEL),
    modelGiven: model !== undefined,
    data: path("data", DEFAULT_DATA),
    out: path("out", DEFAULT_MODEL),
    all: values.all === true,
    set,
    raw: path("raw", DEFAULT_RAW),
    claims: path("claims", DEFAULT_SIGNALS.claims),
    credibility: path("credibility", DEFAULT_SIGNALS.credibility),
    corrections: stringOption(values, "corrections") === undefined ? null : path("corrections", ""),
    outGiven: stringOption(values, "out") !== undefined,
  };
}

export async function runAnalyze(args: string[]): Promise<number> {
  const [first, ...rest] = args;
  if (first === "help") throw new HelpShown(helpText(SPECS.stream));
  if (first === "eval") {
    const options = parseOptions(SPECS.eval, rest);
    // Without --set, eval keeps scoring the synthetic regression sets it always scored.
    if (!rest.some((a) => a === "--set" || a.startsWith("--set="))) options.set = "synthetic";
    return options.set === "real" ? runEvalReal(options) : runEval(options);
  }
  if (first === "train") {
    const options = parseOptions(SPECS.train, rest);
    if (options.corrections && options.set !== "real")
      throw usageError(SPECS.train, "--corrections trains the real set's model only (drop --set synthetic)");
    return options.set === "real" ? runTrainReal(options) : runTrain(options);
  }
  if (first === "corrections") {
    const [verb, ...more] = rest;
    if (verb !== "export") throw usageError(SPECS.corrections, "the only subcommand is export");
    const options = parseOptions(SPECS.corrections, more);
    const { exportCorrections } = await import("../correctionsExport.ts");
    return exportCorrections({ out: options.outGiven ? options.out : null });
  }
  return runStream(parseOptions(SPECS.stream, args));
}

async function readPlan(path: string): Promise<Plan> {
  try {
    return await loadPlan(path);
  } catch (error) {
    throw new CliError(`cannot load the plan ${path}: ${coerceError(error).message}`);
  }
}

/** The model file, or null when there is none (the vocabulary then works alone). */
async function readModel(
  path: string | null,
  required: boolean,
): Promise<ThemeModelData | LearnedModelData | null> {
  if (!path) return null;
  let model: ThemeModelData | LearnedModelData | null;
  try {
    model = await readModelFile(path);
  } catch (error) {
    throw new CliError(`cannot read the model ${coerceError(error).message}`);
  }
  if (!model && required) throw new CliError(`cannot read the model ${path}: no such file`);
  return model;
}

const inputSchema = z.object({
  title: z.string().nullish(),
  lead: z.string().nullish(),
  body: z.string().nullish(),
  url: z.string().nullish(),
  published_at: z.string().nullish(),
  outlet: z.string().nullish(),
});

/** The registry and credibility lists, compiled once for the whole stream. */
async function readSignals(options: Options, plan: Plan): Promise<SignalsOf> {
  try {
    return (await loadSignals({ claims: options.claims, credibility: options.credibility }, plan)).signalsOf;
  } catch (error) {
    throw new CliError(`cannot load the misinformation signals: ${coerceError(error).message}`);
  }
}

async function runStream(options: Options): Promise<number> {
  const plan = await readPlan(options.plan);
  const model = await readModel(options.model, options.modelGiven);
  const analyzer = createAnalyzer(plan, model);
  const signalsOf = await readSignals(options, plan);
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  const out = process.stdout;
  let n = 0;
  let failed = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === "") continue;
    let record: object;
    try {
      const parsed: unknown = JSON.parse(line);
      const input = inputSchema.safeParse(parsed);
      if (!input.success) {
        const issue = input.error.issues[0];
        throw new Error(
          issue ? `${issue.path.join(".") || "input"}: ${issue.message}` : "not an article object",
        );
      }
      const { title, lead, body } = input.data;
      if (!title?.trim() && !lead?.trim() && !body?.trim())
        throw new Error("no text: title, lead and body are all empty");
      const analysis = analyzeArticle(input.data, analyzer);
      const outlet = analysis.outlet ?? input.data.outlet ?? null;
      const { score, reasons } = signalsOf({
        title: title ?? "",
        lead: lead ?? "",
        body: body ?? "",
        url: input.data.url,
        outlet,
        outlet_kind: outlet ? analyzer.outlets.byId.get(outlet)?.kind : undefined,
      });
      record = { line: n, ...analysis, misinformation: { score, reasons } };
    } catch (error) {
      failed++;
      record = {
        line: n,
        error: error instanceof SyntaxError ? `invalid JSON: ${error.message}` : coerceError(error).message,
      };
    }
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, "drain");
  }
  if (failed > 0) console.error(`presswatch analyze: ${failed} of ${n} lines could not be analysed`);
  return 0;
}

async function readJsonLines<T>(path: string, schema: z.ZodType<T>): Promise<T[]> {
  const text = await readFile(path, "utf8");
  return text
    .split("\n")
    .map((line, i) => ({ line: line.trim(), i }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, i }) => {
      const result = schema.safeParse(JSON.parse(line));
      if (!result.success)
        throw new CliError(`${path}:${i + 1}: ${result.error.issues[0]?.message ?? "invalid"}`);
      return result.data;
    });
}

async function readDevData(dir: string): Promise<DevData> {
  const themeDir = join(dir, "themes");
  let files: string[];
  try {
    files = (await readdir(themeDir)).filter((f) => f.endsWith(".jsonl")).sort();
  } catch (error) {
    throw new CliError(`cannot read the labelled articles in ${themeDir}: ${coerceError(error).message}`);
  }
  const articles = (
    await Promise.all(files.map((f) => readJsonLines(join(themeDir, f), labelledArticleSchema)))
  ).flat();
  const tone = await readJsonLines(join(dir, "tone.jsonl"), toneExampleSchema);
  const dedupe = dedupeFixtureSchema.parse(JSON.parse(await readFile(join(dir, "dedupe.json"), "utf8")));
  const ids = new Set<string>();
  for (const a of [...articles, ...tone]) {
    if (ids.has(a.id)) throw new CliError(`duplicate id "${a.id}" in ${dir}`);
    ids.add(a.id);
  }
  return { articles, tone, dedupe };
}

async function runEval(options: Options): Promise<number> {
  const plan = await readPlan(options.plan);
  const data = await readDevData(options.data);
  console.log(formatEvaluation(plan, evaluate(plan, data)));
  return 0;
}

async function runTrain(options: Options): Promise<number> {
  const plan = await readPlan(options.plan);
  const { articles } = await readDevData(options.data);
  const chosen = options.all ? articles : articles.filter((a) => splitOf(a.id) === "train");
  const model = trainThemeModel(
    chosen.map((a) => trainingExample(plan, a)),
    {
      plan: plan.id,
      themes: plan.themes.map((t) => t.id),
      note: options.all
        ? "trained on all labelled articles"
        : "trained on the train split of the labelled articles (the test split is held out)",
    },
  );
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, `${JSON.stringify(model)}\n`);
  console.log(
    `wrote ${options.out}: ${model.examples} articles, ${Object.keys(model.features).length} features, ${model.themes.length} themes, id ${model.id}`,
  );
  return 0;
}

/**
 * The real set's tools read the corpus through ../shared's Kon Tum filter, which only a development
 * checkout has: loaded when asked for, so the analyzer itself runs anywhere.
 */
const realSet = () => import("../../tools/data/real-set.ts");

async function runEvalReal(options: Options): Promise<number> {
  const model = await readModel(options.model, options.modelGiven);
  if (model && model.format !== "presswatch-analyzer/2")
    throw new CliError(`eval --set real takes a presswatch-analyzer/2 model, not ${model.format}`);
  try {
    const { evaluateOnSplits } = await realSet();
    console.log(
      await evaluateOnSplits(
        { plan: options.plan, rawDir: options.raw },
        model,
        ["train", "dev", "test"],
        true,
      ),
    );
  } catch (error) {
    throw new CliError(coerceError(error).message);
  }
  return 0;
}

async function readCorrections(file: string) {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read the corrections ${file}: ${coerceError(error).message}`);
  }
  return parseCorrectionExamples(text, file);
}

async function runTrainReal(options: Options): Promise<number> {
  const out = options.out;
  try {
    const { describeModel, TRAIN_NOTE, trainOnSplits, writeModel } = await realSet();
    const corrections = options.corrections ? await readCorrections(options.corrections) : [];
    const model = await trainOnSplits(
      { plan: options.plan, rawDir: options.raw },
      ["train", "dev"],
      corrections.length
        ? `${TRAIN_NOTE}; with ${corrections.length} coordinators' corrections (${options.corrections})`
        : TRAIN_NOTE,
      corrections.map(trainingOfCorrection),
    );
    await mkdir(dirname(out), { recursive: true });
    writeModel(out, model);
    console.log(describeModel(out, model));
  } catch (error) {
    throw new CliError(coerceError(error).message);
  }
  return 0;
}
