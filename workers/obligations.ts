/**
 * The daily obligation check as a pipeline role: a BullMQ job scheduler fires once a day at 07:00
 * in the plan's time zone (any number of processes may register it: one scheduler, one job a day),
 * and the worker raises an "obligation" alert for each period behind pace, then hands the new ones
 * to the notifications like any other alert. Re-running a day raises nothing twice. The worker
 * itself is started by roles.ts (`startObligationCheck`).
 */
import { join } from "node:path";
import type { Queue } from "bullmq";
import type { Env } from "../src/config/env.ts";
import type { Logger } from "../src/log.ts";
import { QUEUES } from "../src/queue/contract.ts";
import { dailyObligationCheck } from "../src/reports/warn.ts";
import type { AlertHooks, PipelineRuntime } from "./pipelineRuntime.ts";

const SCHEDULER_ID = "daily-obligation-check";

export interface ObligationCheckOptions {
  /** Cron pattern in the plan's time zone; 07:00 every day by default. */
  pattern?: string;
  /** The instant the evaluation is made at; now by default (tests pass a day of the plan year). */
  now?: () => number;
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
