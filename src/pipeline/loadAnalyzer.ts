/** The analyzer of a running pipeline: the plan file plus the learned theme model when there is one. */
import { readFile } from "node:fs/promises";
import { type Analyzer, createAnalyzer } from "../analyze/analyze.ts";
import { parseThemeModel, type ThemeModelData } from "../analyze/model.ts";
import { coerceError } from "../model/errors.ts";
import { loadPlan } from "../plan/index.ts";

export async function loadAnalyzer(planFile: string, modelFile: string): Promise<Analyzer> {
  const plan = await loadPlan(planFile);
  let model: ThemeModelData | null = null;
  try {
    model = parseThemeModel(JSON.parse(await readFile(modelFile, "utf8")));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      throw new Error(`${modelFile}: ${coerceError(error).message}`);
  }
  return createAnalyzer(plan, model);
}
