/**
 * The obligation-warning chain, read from here: the daily check reads the plan, the contract files
 * and the API's contracts afresh (a contract entered yesterday counts today), evaluates every
 * obligation on the articles in the store (src/reports/gather.ts → src/contracts/obligationStatus.ts:
 * met / at risk / missed), takes the periods behind pace (src/contracts/warnings.ts), turns them
 * into "obligation" alerts (src/detect/obligations.ts), stores them (src/store/alerts.ts) and hands
 * the new ones to the notifications like any other alert. Re-running a day raises nothing twice:
 * an alert raised before for the same obligation, outlet and period is reported as already raised.
 *
 * As a pipeline role, a BullMQ job scheduler fires the check once a day at 07:00 in the plan's
 * time zone (any number of processes may register it: one scheduler, one job a day); roles.ts
 * starts its worker (`startObligationCheck`). `presswatch obligations warn` runs `warnObligations`
 * by hand.
 */
import { join } from "node:path";
import type { Queue } from "bullmq";
import type { Env } from "../src/config/env.ts";
import type { Evaluation } from "../src/contracts/obligationStatus.ts";
import { mergeContracts } from "../src/contracts/registry.ts";
import { type AlertSink, type ObligationAlerts, raiseObligationAlerts } from "../src/detect/obligations.ts";
import type { Logger } from "../src/log.ts";
import { QUEUES } from "../src/queue/contract.ts";
import { evaluateYear, loadSources, type Sources } from "../src/reports/gather.ts";
import { createAlertStore } from "../src/store/alerts.ts";
import type { SearchClient } from "../src/store/client.ts";
import { createContractStore } from "../src/store/contracts.ts";
import { articleNames } from "../src/store/names.ts";
import type { AlertHooks, PipelineRuntime } from "./pipelineRuntime.ts";

const SCHEDULER_ID = "daily-obligation-check";

export interface ObligationCheckOptions {
  /** Cron pattern in the plan's time zone; 07:00 every day by default. */
  pattern?: string;
  /** The instant the evaluation is made at; now by default (tests pass a day of the plan year). */
  now?: () => number;
}

export interface WarnOptions extends Sources {
  client: SearchClient;
  /** The article alias (`ArticleStore.alias`). */
  alias: string;
  alerts: AlertSink;
  /** The instant the evaluation is made at (ms); alerts are stamped with the real clock. */
  now: number;
  /** The plan's year by default. */
  year?: number;
}

export async function warnObligations(
  options: WarnOptions,
): Promise<ObligationAlerts & { evaluation: Evaluation }> {
  const { plan, contracts, client, alias, now } = options;
  const evaluation = await evaluateYear({
    plan,
    contracts,
    client,
    alias,
    year: options.year ?? plan.year,
    scope: { type: "plan" },
    now,
  });
  return { ...(await raiseObligationAlerts(evaluation, options.alerts)), evaluation };
}

export interface DailyCheckOptions {
  planFile: string;
  /** `<CONFIG_DIR>/contracts`. */
  contractsDir: string;
  client: SearchClient;
  /** INDEX_PREFIX: the articles, contracts and alerts of this deployment. */
  prefix: string;
  /** Now by default. */
  now?: number;
}

/**
 * Everything the scheduler needs in one call: reads the plan, the contract files and the API's
 * contracts afresh (a contract entered yesterday counts today), then raises the warnings.
 */
export async function dailyObligationCheck(options: DailyCheckOptions): Promise<ObligationAlerts> {
  const { client, prefix } = options;
  const [sources, stored] = await Promise.all([
    loadSources(options.planFile, options.contractsDir),
    createContractStore(client, { prefix }).list(),
  ]);
  const alerts = createAlertStore(client, { prefix });
  await alerts.ensureReady();
  const { raised, already } = await warnObligations({
    plan: sources.plan,
    contracts: mergeContracts(
      sources.contracts,
      stored.map((record) => record.value),
    ),
    client,
    alias: articleNames(prefix).alias,
    alerts,
    now: options.now ?? Date.now(),
  });
  return { raised, already };
}

/** Registers the daily job scheduler (an upsert: every process may do it, one job a day fires). */
export async function scheduleObligationCheck(
  queue: Queue,
  timeZone: string,
  options: ObligationCheckOptions = {},
): Promise<void> {
  await queue.upsertJobScheduler(
    SCHEDULER_ID,
    { pattern: options.pattern ?? "0 7 * * *", tz: timeZone },
    { name: "check", data: {}, opts: QUEUES.obligations.jobOptions },
  );
}

/** One check: the alerts raised, handed to the notifications like any other alert. */
export async function obligationCheckJob(
  runtime: PipelineRuntime,
  env: Env,
  log: Logger,
  hooks: AlertHooks,
  options: ObligationCheckOptions = {},
) {
  const { raised, already } = await dailyObligationCheck({
    planFile: env.PLAN_FILE,
    contractsDir: join(env.CONFIG_DIR, "contracts"),
    client: runtime.client,
    prefix: env.INDEX_PREFIX,
    now: options.now?.() ?? Date.now(),
  });
  for (const alert of raised) await hooks.notify?.(alert);
  log.info({ raised: raised.length, still_at_risk: already.length }, "obligations checked");
  return { raised: raised.map((alert) => alert.id) };
}
