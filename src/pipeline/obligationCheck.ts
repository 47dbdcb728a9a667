/**
 * The daily obligation check as a pipeline role: a BullMQ job scheduler fires once a day at 07:00
 * in the plan's time zone (any number of processes may register it: one scheduler, one job a day),
 * and the worker raises an "obligation" alert for each period behind pace, then hands the new ones
 * to the notifications like any other alert. Re-running a day raises nothing twice.
 */
import { join } from "node:path";
import { Queue, Worker } from "bullmq";
import type { Env } from "../config/env.ts";
import type { Logger } from "../log.ts";
import { dailyObligationCheck } from "../reports/warn.ts";
import type { AlertHooks, PipelineRuntime } from "./runtime.ts";

export const OBLIGATION_QUEUE = "obligations";
const SCHEDULER_ID = "daily-obligation-check";

export interface ObligationCheckOptions {
  /** Cron pattern in the plan's time zone; 07:00 every day by default. */
  pattern?: string;
  /** The instant the evaluation is made at; now by default (tests pass a day of the plan year). */
  now?: () => number;
}

export async function startObligationCheck(
  runtime: PipelineRuntime,
  env: Env,
  logger: Logger,
  hooks: AlertHooks,
  options: ObligationCheckOptions = {},
) {
  const log = logger.child({ worker: OBLIGATION_QUEUE });
  const queue = new Queue(OBLIGATION_QUEUE, { connection: runtime.bullmq, prefix: env.QUEUE_PREFIX });
  await queue.upsertJobScheduler(
    SCHEDULER_ID,
    { pattern: options.pattern ?? "0 7 * * *", tz: runtime.analyzer.plan.timezone },
    {
      name: "check",
      data: {},
      opts: {
        attempts: 3,
        backoff: { type: "exponential", delay: 60_000 },
        removeOnComplete: 30,
        removeOnFail: 90,
      },
    },
  );
  const worker = new Worker(
    OBLIGATION_QUEUE,
    async () => {
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
    },
    { connection: runtime.bullmq, prefix: env.QUEUE_PREFIX, concurrency: 1 },
  );
  worker.on("failed", (job, error) =>
    log.error({ job: job?.id, attempts: job?.attemptsMade, err: error }, "obligation check failed"),
  );
  return {
    queue,
    async stop() {
      await worker.close();
      await queue.close();
    },
  };
}
