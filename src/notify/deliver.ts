/**
 * One attempt of one delivery: send through its channel, then record the outcome on the alert (and
 * in the log) where the operator sees it. Free of BullMQ: the worker passes the attempt numbers and
 * a way to remember "already delivered" on the job, and turns the thrown `DeliveryError` into a
 * retry or, when not retryable, a final failure.
 *
 * Exactly once, as far as the sender can tell: the job is marked delivered (in Redis) as soon as
 * the receiver accepts, before anything else can fail, so a later retry — say the search engine
 * was down when recording — only records. A process killed between the receiver's 2xx and that
 * mark sends again on restart; the delivery id header lets the receiver drop the copy.
 */

import type { Logger } from "../log.ts";
import type { Alert } from "../model/alert.ts";
import type { NotifyPayload } from "../queue/contract.ts";
import { alertEmail, type EmailLabels } from "./email.ts";
import type { MailSender } from "./mail.ts";
import { DeliveryError, type NotificationRecord, shortError } from "./outcome.ts";
import { channelTarget } from "./rules.ts";
import type { WebhookSender } from "./webhook.ts";

export interface DeliverDeps {
  webhook: WebhookSender;
  /** Null when SMTP is not configured: e-mail deliveries then fail for good, saying so. */
  mail: MailSender | null;
  /** Where webhook secrets are looked up by the name the rule gives. */
  secrets: Record<string, string | undefined>;
  record(alertId: string, record: NotificationRecord): Promise<boolean>;
  logger: Logger;
  dashboardUrl?: string | undefined;
  labels?: EmailLabels;
  now?: () => Date;
}

export interface AttemptInfo {
  /** 1 for the first try. */
  attempt: number;
  maxAttempts: number;
  signal?: AbortSignal;
  /** Persists the delivery time on the job before the outcome is recorded. */
  markDelivered(at: string): Promise<void>;
}

export async function deliver(payload: NotifyPayload, info: AttemptInfo, deps: DeliverDeps): Promise<void> {
  const now = deps.now ?? (() => new Date());
  const alert = payload.alert as unknown as Alert;
  const base = {
    id: payload.delivery_id,
    rule: payload.rule,
    channel: payload.channel.type,
    target: channelTarget(payload.channel),
    attempts: info.attempt,
  };
  const log = deps.logger.child({ delivery: payload.delivery_id, alert: alert.id, rule: payload.rule });

  let deliveredAt = payload.delivered_at;
  if (!deliveredAt) {
    try {
      await send(payload, alert, info, deps);
    } catch (thrown) {
      const error = thrown instanceof DeliveryError ? thrown : new DeliveryError(shortError(thrown), true);
      const final = !error.retryable || info.attempt >= info.maxAttempts;
      await recordQuietly(deps, log, alert.id, {
        ...base,
        state: final ? "failed" : "pending",
        last_error: shortError(error),
        updated_at: now().toISOString(),
        delivered_at: null,
      });
      (final ? log.error : log.warn).call(
        log,
        {
          channel: base.channel,
          target: base.target,
          attempt: info.attempt,
          max_attempts: info.maxAttempts,
          error: error.message,
          final,
        },
        final ? "notification failed" : "notification attempt failed; will retry",
      );
      throw error;
    }
    deliveredAt = now().toISOString();
    await info.markDelivered(deliveredAt);
    log.info({ channel: base.channel, target: base.target, attempt: info.attempt }, "notification delivered");
  }
  // A failure here is retried; the mark above keeps the retry from sending again.
  const stored = await deps.record(alert.id, {
    ...base,
    state: "delivered",
    last_error: null,
    updated_at: now().toISOString(),
    delivered_at: deliveredAt,
  });
  if (!stored) log.warn("alert not in the store: its delivery is only in the log and the queue");
}

async function send(payload: NotifyPayload, alert: Alert, info: AttemptInfo, deps: DeliverDeps) {
  const channel = payload.channel;
  if (channel.type === "webhook") {
    const secret = deps.secrets[channel.secret_env];
    // Checked at start (load.ts); missing now means the environment changed under us.
    if (!secret) throw new DeliveryError(`${channel.secret_env} is not set`, false);
    await deps.webhook.send({
      deliveryId: payload.delivery_id,
      rule: payload.rule,
      alert,
      channel,
      secret,
      dashboardUrl: deps.dashboardUrl,
      ...(deps.labels ? { labels: deps.labels } : {}),
      ...(info.signal ? { signal: info.signal } : {}),
    });
    return;
  }
  if (!deps.mail)
    throw new DeliveryError("e-mail is not configured (SMTP_URL or SMTP_HOST, MAIL_FROM)", false);
  await deps.mail.send({
    deliveryId: payload.delivery_id,
    to: channel.to,
    message: alertEmail(alert, {
      rule: payload.rule,
      ...(deps.labels ? { labels: deps.labels } : {}),
      dashboardUrl: deps.dashboardUrl,
      lang: channel.lang ?? "vi",
    }),
  });
}

/** While failing, recording is best effort: the delivery's own error is the one to report. */
async function recordQuietly(
  deps: DeliverDeps,
  log: Logger,
  alertId: string,
  record: NotificationRecord,
): Promise<void> {
  try {
    if (!(await deps.record(alertId, record)))
      log.warn("alert not in the store: its delivery is only in the log and the queue");
  } catch (error) {
    log.warn({ error: shortError(error) }, "could not record the notification attempt on the alert");
  }
}
