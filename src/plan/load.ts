/** Reading a plan file from disk: `checkPlanFile` reports, `loadPlan` insists. */
import { readFile } from "node:fs/promises";
import { coerceError } from "../model/errors.ts";
import { checkPlanText, type PlanCheck } from "./parse.ts";
import { PlanError } from "./problems.ts";
import type { Plan } from "./schema.ts";

export type { PlanCheck } from "./parse.ts";
export { PlanError, type PlanProblem } from "./problems.ts";

export async function checkPlanFile(path: string): Promise<PlanCheck> {
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    return { ok: false, problems: [{ file: path, path: "", message: describeReadError(error) }] };
  }
  return checkPlanText(source, path);
}

/** The checked plan, or a `PlanError` listing every problem. */
export async function loadPlan(path: string): Promise<Plan> {
  const result = await checkPlanFile(path);
  if (!result.ok) throw new PlanError(result.problems);
  return result.plan;
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory, not a plan file";
  if (code === "EACCES") return "permission denied";
  return `cannot read the file: ${coerceError(error).message}`;
}
