/**
 * Brings BullMQ's job schedulers on the discover queue in line with the plan: one scheduler per
 * enabled source (its id is the source id), upserted when its interval changed, removed when the
 * source is gone or disabled. Run periodically by the scheduler worker, which is how a new, edited
 * or deleted sources file takes effect without restarting anything.
 */
import type { Queue } from "bullmq";
import type { Logger } from "../log.ts";
import { type DiscoverPayload, QUEUES } from "../queue/contract.ts";
import type { SchedulePlan } from "./schedule.ts";

export interface SyncReport {
  upserted: string[];
  removed: string[];
  unchanged: number;
}

export async function syncSchedulers(
  queue: Queue,
  plans: SchedulePlan[],
  logger: Logger,
): Promise<SyncReport> {
  const existing = await queue.getJobSchedulers(0, -1);
  const byId = new Map(existing.map((scheduler) => [scheduler.key, scheduler]));
  const report: SyncReport = { upserted: [], removed: [], unchanged: 0 };
  const wanted = new Set(plans.map((plan) => plan.sourceId));

  for (const plan of plans) {
    const current = byId.get(plan.sourceId);
    if (current?.every === plan.everyMs) {
      report.unchanged++;
      continue;
    }
    const data: DiscoverPayload = { source_id: plan.sourceId, trigger: "schedule" };
    const { attempts, backoff, removeOnComplete, removeOnFail } = QUEUES.discover.jobOptions;
    await queue.upsertJobScheduler(
      plan.sourceId,
      { every: plan.everyMs },
      { name: "discover", data, opts: { attempts, backoff, removeOnComplete, removeOnFail } },
    );
    report.upserted.push(plan.sourceId);
    logger.info({ source: plan.sourceId, every_ms: plan.everyMs, reason: plan.reason }, "source scheduled");
  }
  for (const scheduler of existing) {
    if (wanted.has(scheduler.key)) continue;
    await queue.removeJobScheduler(scheduler.key);
    report.removed.push(scheduler.key);
    logger.info({ source: scheduler.key }, "source unscheduled");
  }
  return report;
}
