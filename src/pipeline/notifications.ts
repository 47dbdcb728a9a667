/**
 * Notifications in a pipeline process: the rules file (NOTIFICATIONS_FILE; none means no
 * notifications) read once, the producer the alerts stage calls after storing an alert, and the
 * notify worker that delivers. Both share the runtime's connections.
 */
import type { Env } from "../config/env.ts";
import type { Logger } from "../log.ts";
import { loadNotifications } from "../notify/load.ts";
import { smtpSettings } from "../notify/mail.ts";
import { createNotifier } from "../notify/notifier.ts";
import { planLabels, startNotifyWorker } from "../notify/worker.ts";
import { createAlertStore } from "../store/alerts.ts";
import type { AlertHooks, PipelineRuntime } from "./runtime.ts";

async function config(env: Env) {
  const smtp = smtpSettings(env);
  return {
    smtp,
    ...(await loadNotifications(env.NOTIFICATIONS_FILE, process.env, { mailConfigured: !!smtp })),
  };
}

/** The alerts stage's `notify` hook, or none when no rule is configured. */
export async function notificationHooks(
  runtime: PipelineRuntime,
  env: Env,
  logger: Logger,
): Promise<{ hooks: AlertHooks; close(): Promise<void> }> {
  const { rules } = await config(env);
  if (rules.length === 0) {
    logger.info({ file: env.NOTIFICATIONS_FILE }, "no notification rules: alerts are stored, not sent");
    return { hooks: {}, close: async () => undefined };
  }
  const notifier = createNotifier({ connection: runtime.bullmq, prefix: env.QUEUE_PREFIX, rules });
  return {
    hooks: {
      notify: async (alert) => {
        await notifier.notify(alert);
      },
    },
    close: () => notifier.close(),
  };
}

export async function startNotifications(runtime: PipelineRuntime, env: Env, logger: Logger) {
  const { smtp, dashboard_url } = await config(env);
  const alerts = createAlertStore(runtime.client, { prefix: env.INDEX_PREFIX });
  await alerts.ensureReady();
  return startNotifyWorker({
    connection: runtime.bullmq,
    prefix: env.QUEUE_PREFIX,
    record: (id, record) => alerts.recordNotification(id, record),
    secrets: process.env,
    smtp,
    logger,
    dashboardUrl: dashboard_url,
    labels: await planLabels(env.PLAN_FILE, logger),
  });
}
