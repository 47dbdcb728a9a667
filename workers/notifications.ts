/**
 * Notifications in a pipeline process: the rules file (NOTIFICATIONS_FILE; none means no
 * notifications) read once, the producer the alerts stage calls after storing an alert, and what
 * the notify worker that delivers needs (roles.ts starts it). Both share the runtime's connections.
 */
import { type Env, secretsFromEnvironment } from "../src/config/env.ts";
import type { Logger } from "../src/log.ts";
import { loadNotifications } from "../src/notify/load.ts";
import { smtpSettings } from "../src/notify/mail.ts";
import { createNotifier } from "../src/notify/notifier.ts";
import { type NotifyJobOptions, planLabels } from "../src/notify/worker.ts";
import { createAlertStore } from "../src/store/alerts.ts";
import type { AlertHooks, PipelineRuntime } from "./pipelineRuntime.ts";

async function config(env: Env) {
  const smtp = smtpSettings(env);
  return {
    smtp,
    ...(await loadNotifications(env.NOTIFICATIONS_FILE, secretsFromEnvironment(), {
      mailConfigured: !!smtp,
    })),
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

/** What the notify role's job needs: where attempts are recorded, the secrets, SMTP, labels. */
export async function notifyJobOptions(
  runtime: PipelineRuntime,
  env: Env,
  logger: Logger,
): Promise<NotifyJobOptions> {
  const { smtp, dashboard_url } = await config(env);
  const alerts = createAlertStore(runtime.client, { prefix: env.INDEX_PREFIX });
  await alerts.ensureReady();
  return {
    record: (id, record) => alerts.recordNotification(id, record),
    secrets: secretsFromEnvironment(),
    smtp,
    logger,
    dashboardUrl: dashboard_url,
    labels: await planLabels(env.PLAN_FILE, logger),
  };
}
