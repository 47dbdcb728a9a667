/**
 * The producer side: `notify(alert)` puts one job per delivery on the notify queue and returns at
 * once; the notify worker (src/notify/worker.ts, started by workers/roles.ts) sends. Enqueueing is idempotent (job id = delivery
 * id), so the alerts worker may call it again for the same alert — after a crash, on a retried
 * job — without a second e-mail or webhook.
 */
import { Queue } from "bullmq";
import type { Alert } from "../model/alert.ts";
import type { RedisClient } from "../queue/connection.ts";
import { DEFAULT_NOTIFY_RETRY, notifyJobOptions, QUEUES, type RetryPolicy } from "../queue/contract.ts";
import { planDeliveries } from "./deliveries.ts";
import type { Rule } from "./rules.ts";

export interface NotifierOptions {
  /** A BullMQ-ready connection (`maxRetriesPerRequest: null`); the caller owns and closes it. */
  connection: RedisClient;
  /** QUEUE_PREFIX, as for every other queue. */
  prefix: string;
  rules: readonly Rule[];
  /** Shorter in tests; the defaults ride out a receiver down for a day. */
  retry?: RetryPolicy;
}

export interface Notifier {
  /** The delivery ids planned for the alert (already queued ones included). */
  notify(alert: Alert): Promise<string[]>;
  readonly queue: Queue;
  close(): Promise<void>;
}

export function createNotifier(options: NotifierOptions): Notifier {
  const queue = new Queue(QUEUES.notify.name, { connection: options.connection, prefix: options.prefix });
  const jobOptions = notifyJobOptions(options.retry ?? DEFAULT_NOTIFY_RETRY);
  return {
    queue,
    async notify(alert) {
      const deliveries = planDeliveries(alert, options.rules);
      if (deliveries.length === 0) return [];
      await queue.addBulk(
        deliveries.map((delivery) => ({
          name: delivery.channel.type,
          data: QUEUES.notify.schema.parse({
            delivery_id: delivery.id,
            rule: delivery.rule,
            channel: delivery.channel,
            alert: delivery.alert,
          }),
          opts: { ...jobOptions, jobId: delivery.id },
        })),
      );
      return deliveries.map((delivery) => delivery.id);
    },
    close: () => queue.close(),
  };
}
