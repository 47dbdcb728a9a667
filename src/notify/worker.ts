/**
 * The notify worker: delivers alert notifications (signed webhooks, e-mail) from the notify queue,
 * retrying with backoff and recording every attempt on the alert. Stopping it mid-retry loses
 * nothing: waiting retries stay in Redis and the next worker takes them.
 */
import { type Job, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../log.ts";
import { loadPlan } from "../plan/index.ts";
import { type DeliverDeps, deliver } from "./deliver.ts";
import type { EmailLabels } from "./email.ts";
import { createMailSender, type SmtpSettings } from "./mail.ts";
import { DeliveryError, type NotificationRecord } from "./outcome.ts";
import { NOTIFY_QUEUE, notifyPayloadSchema } from "./queue.ts";
import { createWebhookSender } from "./webhook.ts";

export interface NotifyWorkerOptions {
  /** A BullMQ-ready connection; the caller owns and closes it. */
  connection: Redis;
  prefix: string;
  /** Records each attempt on the alert: `AlertStore.recordNotification`. */
  record(alertId: string, record: NotificationRecord): Promise<boolean>;
  /** Webhook secrets by environment variable name (the process environment). */
  secrets: Record<string, string | undefined>;
  smtp: SmtpSettings | null;
  logger: Logger;
  dashboardUrl?: string | undefined;
  labels?: EmailLabels;
  concurrency?: number;
}

export function startNotifyWorker(options: NotifyWorkerOptions) {
  const webhook = createWebhookSender();
  const mail = options.smtp ? createMailSender(options.smtp) : null;
  const deps: DeliverDeps = {
    webhook,
    mail,
    secrets: options.secrets,
    record: options.record,
    logger: options.logger.child({ worker: NOTIFY_QUEUE }),
    dashboardUrl: options.dashboardUrl,
    ...(options.labels ? { labels: options.labels } : {}),
  };

  const processor = async (job: Job, _token?: string, signal?: AbortSignal) => {
    const parsed = notifyPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid notify payload: ${parsed.error.message}`);
    try {
      await deliver(
        parsed.data,
        {
          attempt: job.attemptsMade + 1,
          maxAttempts: job.opts.attempts ?? 1,
          ...(signal ? { signal } : {}),
          markDelivered: (at) => job.updateData({ ...parsed.data, delivered_at: at }),
        },
        deps,
      );
    } catch (error) {
      // BullMQ retries anything but UnrecoverableError, with the job's exponential backoff.
      if (error instanceof DeliveryError && !error.retryable) throw new UnrecoverableError(error.message);
      throw error;
    }
  };

  const worker = new Worker(NOTIFY_QUEUE, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 4,
    maxStalledCount: 2,
  });
  // Attempt outcomes are logged by deliver(); this is for the worker's own trouble.
  worker.on("error", (error) => deps.logger.error({ err: error }, "worker error"));

  return {
    worker,
    async stop(): Promise<void> {
      await worker.close();
      await Promise.allSettled([webhook.close(), mail?.close()]);
    },
  };
}

/** Theme and agency names from the plan, for e-mails; without a readable plan, ids are shown. */
export async function planLabels(file: string, logger: Logger): Promise<EmailLabels> {
  try {
    const plan = await loadPlan(file);
    return {
      themes: Object.fromEntries(plan.themes.map((theme) => [theme.id, theme.name])),
      agencies: Object.fromEntries(plan.agencies.map((agency) => [agency.id, agency.name])),
      outlets: Object.fromEntries(plan.outlets.map((outlet) => [outlet.id, outlet.name])),
    };
  } catch (error) {
    logger.warn({ err: error, file }, "plan not readable; e-mails will show ids");
    return {};
  }
}
