/**
 * `presswatch obligations --year 2024`: the status of every obligation (plan columns, campaign
 * days, the year-end report, each contract deliverable) for every month, evaluated on the articles
 * in the store. Exit 0 with the table, 1 when the plan, the contracts or the store cannot be read,
 * 2 on misuse. The option handling here is shared with `presswatch report`.
 */
import { parseEnv } from "../../src/config/env.ts";
import { parseInstant } from "../../src/contracts/calendar.ts";
import { ContractError, loadContracts } from "../../src/contracts/load.ts";
import type { Evaluation } from "../../src/contracts/obligationStatus.ts";
import { mergeContracts } from "../../src/contracts/registry.ts";
import type { Contract } from "../../src/contracts/schema.ts";
import { formatScope, parseScope, type Scope, scopeExists } from "../../src/contracts/scope.ts";
import { formatMonthTable } from "../../src/contracts/table.ts";
import { coerceError } from "../../src/model/errors.ts";
import { loadPlan } from "../../src/plan/load.ts";
import { formatProblem, PlanError } from "../../src/plan/problems.ts";
import type { Plan } from "../../src/plan/schema.ts";
import { defaultContractsDir, evaluateYear } from "../../src/reports/gather.ts";
import { type ArticleStore, createArticleStore } from "../../src/store/articles.ts";
import { createSearchClient, type SearchClient, searchOptions } from "../../src/store/client.ts";
import { createContractStore } from "../../src/store/contracts.ts";
import { type CommandSpec, type OptionSpec, parseCommand, usageError, type Values } from "../args.ts";
import { CliError } from "../errors.ts";

/** Options both `obligations` and `report` take. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  year: { type: "string", value: "YEAR", help: "the plan's year (default: the plan's own)" },
  now: { type: "string", value: "ISO", help: "evaluate as of this date or time (default: now)" },
  scope: {
    type: "string",
    value: "contract:ID|outlet:ID|agency:ID",
    help: "one contract, outlet or agency instead of the whole plan",
  },
  plan: { type: "string", value: "FILE", help: "the plan file (default: PLAN_FILE)" },
  contracts: { type: "string", value: "DIR", help: "the contract files (default: CONFIG_DIR/contracts)" },
};

export const OBLIGATIONS: CommandSpec = {
  name: "obligations",
  summary:
    "The status of every plan and contract obligation per month (met, at risk, missed, not yet due), on the articles in the store. Exit 0 with the table, 1 when the plan, the contracts or the store cannot be read, 2 on misuse. `presswatch obligations warn --help`: the daily warnings.",
  usage: [
    "[--year YEAR] [--now ISO] [--scope contract:ID|outlet:ID|agency:ID] [--plan FILE] [--contracts DIR] [--json]",
  ],
  options: {
    ...COMMON_OPTIONS,
    json: { type: "boolean", help: "the evaluation as JSON instead of the table" },
  },
};

export interface Prepared {
  plan: Plan;
  contracts: Contract[];
  year: number;
  scope: Scope;
  now: number;
  client: SearchClient;
  store: ArticleStore;
  /** INDEX_PREFIX: where the other stores (alerts) are. */
  prefix: string;
  chromiumPath: string;
  /** REPORTS_DIR: where a report goes without --out. */
  reportsDir: string;
}

export type OptionValues = Values;

/** A string option's value; a flag given where text is expected is a usage error. */
export function text(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** Loads and checks everything an evaluation needs; every operator mistake becomes a CliError. */
export async function prepare(options: OptionValues, spec: CommandSpec): Promise<Prepared> {
  const values = {
    year: text(options, "year"),
    now: text(options, "now"),
    scope: text(options, "scope"),
    plan: text(options, "plan"),
    contracts: text(options, "contracts"),
  };
  const env = parseEnv();
  const planFile = values.plan ?? env.PLAN_FILE;
  let plan: Plan;
  try {
    plan = await loadPlan(planFile);
  } catch (error) {
    if (error instanceof PlanError)
      throw new CliError(problemLines(`the plan ${planFile} is invalid`, error));
    throw error;
  }
  const contractsDir = values.contracts ?? defaultContractsDir(env.CONFIG_DIR);
  let fileContracts: Contract[];
  try {
    fileContracts = await loadContracts(contractsDir, plan);
  } catch (error) {
    if (error instanceof ContractError) {
      throw new CliError(problemLines(`the contracts in ${contractsDir} are invalid`, error));
    }
    throw error;
  }
  const year = values.year === undefined ? plan.year : Number(values.year);
  if (!Number.isInteger(year) || !/^\d{4}$/.test(String(values.year ?? year))) {
    throw usageError(spec, `--year must be a year such as ${plan.year}`);
  }
  if (year !== plan.year) {
    throw new CliError(
      `the plan ${planFile} is for ${plan.year}, not ${year}; pass the plan of ${year} with --plan`,
      2,
    );
  }
  const scope = parseScope(values.scope);
  if (!scope) throw usageError(spec, "--scope must be contract:ID, outlet:ID or agency:ID");
  if (scope.type !== "contract" && !scopeExists(scope, plan, fileContracts)) {
    throw new CliError(
      `--scope ${formatScope(scope)}: no such ${scope.type} in the plan or the contracts`,
      2,
    );
  }
  let now = Date.now();
  if (values.now !== undefined) {
    const parsed = parseInstant(values.now, plan.timezone);
    if (parsed === null) {
      throw usageError(
        spec,
        "--now must be an ISO date or time such as 2024-07-20 or 2024-07-20T09:00+07:00",
      );
    }
    now = parsed;
  }
  const client = createSearchClient(searchOptions(env));
  const store = createArticleStore(client, { prefix: env.INDEX_PREFIX, timeZone: plan.timezone });
  let contracts: Contract[];
  try {
    await store.count();
    // The contracts entered through the API count as much as the files.
    const stored = await createContractStore(client, { prefix: env.INDEX_PREFIX }).list();
    contracts = mergeContracts(
      fileContracts,
      stored.map((record) => record.value),
    );
  } catch (error) {
    await client.close();
    const reason = coerceError(error).message;
    throw new CliError(
      /index_not_found/.test(reason)
        ? `no article index "${store.alias}" (INDEX_PREFIX=${env.INDEX_PREFIX}): nothing has been indexed yet`
        : `cannot read the article store at ${env.OPENSEARCH_URL}: ${reason}`,
    );
  }
  // A contract scope may name a contract entered through the API: checked once they are read.
  if (!scopeExists(scope, plan, contracts)) {
    await client.close();
    throw new CliError(
      `--scope ${formatScope(scope)}: no such ${scope.type} in the plan or the contracts`,
      2,
    );
  }
  return {
    plan,
    contracts,
    year,
    scope,
    now,
    client,
    store,
    prefix: env.INDEX_PREFIX,
    chromiumPath: env.CHROMIUM_PATH,
    reportsDir: env.REPORTS_DIR,
  };
}

export async function evaluatePrepared(prepared: Prepared): Promise<Evaluation> {
  return evaluateYear({
    plan: prepared.plan,
    contracts: prepared.contracts,
    client: prepared.client,
    alias: prepared.store.alias,
    year: prepared.year,
    scope: prepared.scope,
    now: prepared.now,
  });
}

function problemLines(title: string, error: PlanError | ContractError): string {
  return [title, ...error.problems.map((problem) => `  ${formatProblem(problem)}`)].join("\n");
}

export async function runObligations(args: string[]): Promise<number> {
  if (args[0] === "warn") return (await import("./obligationsWarn.ts")).runObligationsWarn(args.slice(1));
  const { values } = parseCommand(OBLIGATIONS, args);
  const prepared = await prepare(values, OBLIGATIONS);
  try {
    const evaluation = await evaluatePrepared(prepared);
    console.log(values.json ? JSON.stringify(evaluation, null, 2) : formatMonthTable(evaluation));
    return 0;
  } finally {
    await prepared.client.close();
  }
}
