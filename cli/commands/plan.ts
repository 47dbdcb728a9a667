/**
 * `presswatch plan check FILE`: validates a plan file. Exit 0 with a summary when it is sound,
 * 1 with one `FILE:LINE:COL: path: message` line per problem (on stdout, so it can be piped into
 * an editor's quickfix list), 2 when the command itself is misused.
 */
import { checkPlanFile } from "../../src/plan/load.ts";
import { formatProblem } from "../../src/plan/problems.ts";
import { formatPlanSummary, summarizePlan } from "../../src/plan/summary.ts";
import { CliError } from "../errors.ts";

const USAGE = "usage: presswatch plan check FILE";

export async function runPlan(args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === "help" || subcommand === "--help" || subcommand === "-h") {
    console.log(USAGE);
    return 0;
  }
  if (subcommand !== "check") {
    throw new CliError(subcommand ? `unknown subcommand "${subcommand}"\n${USAGE}` : USAGE, 2);
  }
  const [file, ...extra] = rest;
  if (!file || extra.length > 0) throw new CliError(USAGE, 2);
  return checkPlan(file);
}

async function checkPlan(file: string): Promise<number> {
  const result = await checkPlanFile(file);
  if (result.ok) {
    console.log(formatPlanSummary(summarizePlan(result.plan)));
    return 0;
  }
  for (const problem of result.problems) console.log(formatProblem(problem));
  const count = result.problems.length;
  console.error(`${count} problem${count === 1 ? "" : "s"} in ${file}`);
  return 1;
}
