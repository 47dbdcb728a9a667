/**
 * `presswatch plan check FILE`: validates a plan file. Exit 0 with a summary when it is sound,
 * 1 with one `FILE:LINE:COL: path: message` line per problem (on stdout, so it can be piped into
 * an editor's quickfix list), 2 when the command itself is misused.
 */
import { checkPlanFile } from "../../src/plan/load.ts";
import { formatProblem } from "../../src/plan/problems.ts";
import { formatPlanSummary, summarizePlan } from "../../src/plan/summary.ts";
import { type CommandSpec, parseCommand, pickSubcommand, usageError } from "../args.ts";

const PLAN = {
  name: "plan",
  summary: "The plan files (config/plans/).",
  subcommands: { check: "validate a plan file" },
};

const CHECK: CommandSpec = {
  name: "plan check",
  summary:
    "Validates a plan file: exit 0 with a summary when it is sound, 1 with one FILE:LINE:COL: path: message line per problem (on stdout), 2 on misuse.",
  usage: ["FILE"],
  positionals: "FILE, the plan (YAML)",
  options: {},
};

export async function runPlan(args: string[]): Promise<number> {
  const { rest } = pickSubcommand(PLAN, args);
  const { positionals } = parseCommand(CHECK, rest);
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0)
    throw usageError(CHECK, "needs exactly one FILE: presswatch plan check FILE");
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
