/**
 * `presswatch demo`: the main job on the shipped default plan. For now it starts the local
 * services, loads and summarises the plan, and reports the health of every service.
 */
import { servicesStatus, servicesUp } from "../../../tools/services/index.ts";
import { parseEnv } from "../../config/env.ts";
import { checkPlanFile, formatPlanSummary, formatProblem, summarizePlan } from "../../plan/index.ts";
import { CliError } from "../errors.ts";

export async function runDemo(args: string[]): Promise<number> {
  const env = parseEnv();
  const planFile = args[0] ?? env.PLAN_FILE;
  console.log("Presswatch demo (demo data only; no real outlet is contacted)\n");
  console.log("1. Local services");
  for (const line of await servicesUp(env, { install: true, log: (line) => console.log(`   ${line}`) })) {
    console.log(`   ${line}`);
  }
  console.log(`\n2. Plan ${planFile}`);
  const checked = await checkPlanFile(planFile);
  if (!checked.ok) {
    for (const problem of checked.problems) console.error(`   ${formatProblem(problem)}`);
    throw new CliError(`the plan ${planFile} is invalid (${checked.problems.length} problems)`);
  }
  for (const line of formatPlanSummary(summarizePlan(checked.plan)).split("\n")) console.log(`   ${line}`);
  console.log("\n3. Health");
  const report = await servicesStatus(env);
  for (const { ok, line } of report) console.log(`   ${ok ? "ok  " : "DOWN"} ${line}`);
  console.log("\nStop the services with: node bin/presswatch.js services down");
  return report.every((r) => r.ok) ? 0 : 1;
}
