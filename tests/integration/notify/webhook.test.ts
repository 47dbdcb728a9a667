/**
 * Webhook delivery end to end on the real Redis and OpenSearch, with a local receiver: retried with
 * backoff and delivered once, failures visible on the alert while they last, a receiver that is
 * down recorded as failed, and a worker stopped mid-retry handing over to the next one.
 * Backoff is shortened through the notifier's options; the defaults are untouched.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { spikeAlert } from "../../../src/detect/alerts.ts";
import { createNotifier } from "../../../src/notify/notifier.ts";
import type { NotificationRecord } from "../../../src/notify/outcome.ts";
import { type Rule, ruleSchema } from "../../../src/notify/rules.ts";
import { startNotifyWorker } from "../../../workers/roles.ts";
import { deadUrl, notifyServices, sleep, startReceiver, waitFor } from "./harness.ts";

const SECRET = "a-test-secret-of-some-length";
const stack = notifyServices("notify-hook");
const closers: Array<() => Promise<unknown>> = [];
/** Workers share the queue: each test stops its own, or they would take the next test's jobs. */
const workers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  await stack.alerts.ensureReady();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((stop) => stop()));
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await stack.cleanup();
});

let bucket = Date.parse("2024-06-06T02:00:00Z");
/** A new alert per test (another bucket), stored as the alerts worker stores it. */
async function storedAlert() {
  bucket += 15 * 60_000;
  const alert = spikeAlert(
    { dimension: "theme", value: "tourism", measure: "negative" },
    { bucket, count: 6, expected: 1, sd: 0.5, z: 6, score: 5, alert: true, ids: ["a1"] },
    new Date(bucket),
  );
  expect(await stack.alerts.put(alert, { refresh: true })).toEqual({ created: true });
  return alert;
}

const hookRule = (url: string): Rule =>
  ruleSchema.parse({
    id: "du-lich",
    match: { themes: ["tourism"] },
    channels: [
      { type: "webhook", url, secret_env: "TEST_HOOK_SECRET", allow_private: true, timeout_ms: 2_000 },
    ],
  });

function notifier(rules: Rule[], retry: { attempts: number; backoffMs: number }) {
  const created = createNotifier({ connection: stack.connection, prefix: stack.prefix, rules, retry });
  closers.push(() => created.close());
  return created;
}

function worker() {
  const started = startNotifyWorker({
    connection: stack.connection,
    prefix: stack.prefix,
    // No refresh: reading an alert by id sees the latest write anyway.
    record: (id, record) => stack.alerts.recordNotification(id, record),
    secrets: { TEST_HOOK_SECRET: SECRET },
    smtp: null,
    logger: stack.logger,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await started.stop();
  };
  workers.push(stop);
  return { stop };
}

async function recordOf(alertId: string): Promise<NotificationRecord | undefined> {
  const stored = (await stack.alerts.get(alertId)) as { notifications?: NotificationRecord[] } | null;
  return stored?.notifications?.[0];
}

describe("webhook notifications", () => {
  it("retries a receiver answering 503 with growing delays, shows the failure meanwhile, delivers once", async () => {
    const receiver = await startReceiver(SECRET, [503, 503, 200]);
    closers.push(receiver.close);
    const alert = await storedAlert();
    const notify = notifier([hookRule(receiver.url)], { attempts: 6, backoffMs: 300 });
    const ids = await notify.notify(alert);
    // The alerts worker running twice for the same alert plans the same delivery: one job.
    expect(await notify.notify(alert)).toEqual(ids);
    expect(ids).toHaveLength(1);
    worker();

    const failing = await waitFor("the first failure on the alert", async () => {
      const record = await recordOf(alert.id);
      return record?.state === "pending" && record;
    });
    expect(failing).toMatchObject({ rule: "du-lich", channel: "webhook", target: receiver.url, attempts: 1 });
    expect(failing.last_error).toMatch(/HTTP 503/);
    expect(failing.delivered_at).toBeNull();

    const delivered = await waitFor("delivery", async () => {
      const record = await recordOf(alert.id);
      return record?.state === "delivered" && record;
    });
    expect(delivered).toMatchObject({ attempts: 3, last_error: null, id: ids[0] });
    expect(Date.parse(delivered.delivered_at!)).toBeGreaterThanOrEqual(receiver.received[2]!.at - 1000);

    // Nothing more arrives later: delivered exactly once.
    await sleep(1_500);
    expect(receiver.received.map((r) => r.answered)).toEqual([503, 503, 200]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(new Set(receiver.received.map((r) => r.delivery))).toEqual(new Set(ids));
    expect(receiver.received[2]!.body).toMatchObject({ event: "alert.raised", alert: { id: alert.id } });
    // Exponential: about 300 ms, then about 600 ms (jitter takes off at most a fifth).
    const [first, second, third] = receiver.received.map((r) => r.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(230);
    expect(third - second).toBeGreaterThanOrEqual(470);
    expect(third - second).toBeGreaterThan(second - first);
    expect(await notify.queue.getJobState(ids[0]!)).toBe("completed");
  });

  it("records a receiver that is down as failed with its error, and keeps the alert", async () => {
    const alert = await storedAlert();
    const url = await deadUrl();
    const notify = notifier([hookRule(url)], { attempts: 3, backoffMs: 100 });
    const [id] = await notify.notify(alert);
    worker();
    const failed = await waitFor("the final failure", async () => {
      const record = await recordOf(alert.id);
      return record?.state === "failed" && record;
    });
    expect(failed).toMatchObject({ attempts: 3, target: url, delivered_at: null });
    expect(failed.last_error).toMatch(/ECONNREFUSED/);
    // The outcome is recorded just before BullMQ moves the job.
    await waitFor("the job to fail", async () => (await notify.queue.getJobState(id!)) === "failed");
    const stored = await stack.alerts.get(alert.id);
    expect(stored).toMatchObject({ id: alert.id, title: alert.title, state: "open" });
  });

  it("does not retry a 401: the request itself is wrong", async () => {
    const receiver = await startReceiver(SECRET, [401]);
    closers.push(receiver.close);
    const alert = await storedAlert();
    const notify = notifier([hookRule(receiver.url)], { attempts: 5, backoffMs: 100 });
    await notify.notify(alert);
    worker();
    const failed = await waitFor("the failure", async () => {
      const record = await recordOf(alert.id);
      return record?.state === "failed" && record;
    });
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/HTTP 401/);
    await sleep(500);
    expect(receiver.received).toHaveLength(1);
  });

  it("delivers after the worker is stopped while a retry waits and another one starts", async () => {
    const receiver = await startReceiver(SECRET, [503, 200]);
    closers.push(receiver.close);
    const alert = await storedAlert();
    const notify = notifier([hookRule(receiver.url)], { attempts: 5, backoffMs: 1_500 });
    const [id] = await notify.notify(alert);
    const first = worker();
    await waitFor("the first failure", async () => (await recordOf(alert.id))?.state === "pending");
    await waitFor("the retry to wait", async () => (await notify.queue.getJobState(id!)) === "delayed");
    await first.stop();
    expect(await notify.queue.getJobState(id!)).toBe("delayed");

    // Past the retry's time with no worker: nothing is sent, the job still waits in Redis.
    await sleep(2_000);
    expect(receiver.received).toHaveLength(1);
    worker();
    const delivered = await waitFor("delivery by the second worker", async () => {
      const record = await recordOf(alert.id);
      return record?.state === "delivered" && record;
    });
    expect(delivered.attempts).toBe(2);
    expect(receiver.received.map((r) => r.answered)).toEqual([503, 200]);
    expect(receiver.received.every((r) => r.verified && r.delivery === id)).toBe(true);
  });
});
