/**
 * The analyzer of a running pipeline: the plan file plus the learned models when there are any
 * (config/models/analyzer.json.gz, or an older naive Bayes theme model). A model trained for
 * another plan is not applied: the analyzer says why, and the warning is logged here.
 */
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { type Analyzer, createAnalyzer } from "../analyze/analyze.ts";
import { LEARNED_FORMAT, parseLearnedModel } from "../analyze/learned.ts";
import { parseThemeModel } from "../analyze/model.ts";
import { coerceError } from "../model/errors.ts";
import { loadPlan } from "../plan/index.ts";

/** Reads a model file (gzip accepted); null when there is none. */
export async function readModelFile(modelFile: string) {
  let bytes: Buffer;
  try {
    bytes = await readFile(modelFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`${modelFile}: ${coerceError(error).message}`);
  }
  try {
    const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString("utf8");
    const value = JSON.parse(text) as { format?: unknown };
    return value.format === LEARNED_FORMAT ? parseLearnedModel(value) : parseThemeModel(value);
  } catch (error) {
    throw new Error(`${modelFile}: ${coerceError(error).message}`);
  }
}

export async function loadAnalyzer(
  planFile: string,
  modelFile: string,
  warn: (message: string) => void = (message) => console.error(`warning: ${message}`),
): Promise<Analyzer> {
  const plan = await loadPlan(planFile);
  const analyzer = createAnalyzer(plan, await readModelFile(modelFile));
  for (const warning of analyzer.warnings) warn(warning);
  return analyzer;
}
