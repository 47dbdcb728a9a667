/**
 * The notify job: delivers alert notifications (signed webhooks, e-mail) from the notify queue,
 * retrying with backoff and recording every attempt on the alert (its worker is started by
 * workers/roles.ts). Stopping it mid-retry loses
 * nothing: waiting retries stay in Redis and the next worker takes them.
 */
import type { Logger } from "../log.ts";
import { loadPlan } from "../plan/index.ts";
import type { JobContext, NotifyPayload } from "../queue/contract.ts";
import { type DeliverDeps, deliver } from "./deliver.ts";
import type { EmailLabels } from "./email.ts";
import { createMailSender, type SmtpSettings } from "./mail.ts";
import type { NotificationRecord } from "./outcome.ts";
import { createWebhookSender } from "./webhook.ts";

export interface NotifyJobOptions {
  /** Records each attempt on the alert: `AlertStore.recordNotification`. */
  record(alertId: string, record: NotificationRecord): Promise<boolean>;
  /** Webhook secrets by environment variable name (the process environment). */
  secrets: Record<string, string | undefined>;
  smtp: SmtpSettings | null;
  logger: Logger;
  dashboardUrl?: string | undefined;
  labels?: EmailLabels;
}

/**
 * The notify job: one delivery, with the job's attempt count. A `DeliveryError` that is not
 * retryable ends the delivery at once (the queue contract's consumer fails the job for good);
 * anything else is retried with the job's exponential backoff.
 */
export function notifyJob(options: NotifyJobOptions) {
  const webhook = createWebhookSender();
  const mail = options.smtp ? createMailSender(options.smtp) : null;
  const deps: DeliverDeps = {
    webhook,
    mail,
    secrets: options.secrets,
    record: options.record,
    logger: options.logger.child({ worker: "notify" }),
    dashboardUrl: options.dashboardUrl,
    ...(options.labels ? { labels: options.labels } : {}),
  };
  return {
    run: (payload: NotifyPayload, { job, signal }: JobContext) =>
      deliver(
        payload,
        {
          attempt: job.attemptsMade + 1,
          maxAttempts: job.opts.attempts ?? 1,
          signal,
          markDelivered: (at) => job.updateData({ ...payload, delivered_at: at }),
        },
        deps,
      ),
    close: async () => {
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
