// A BullMQ job goes through the real Redis and comes back with its result.
import { Queue, QueueEvents, Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { services, uniqueName } from "../../helpers/isolation.ts";

const prefix = uniqueName("queue");
const connection = () => new Redis(services().redisUrl, { maxRetriesPerRequest: null });

describe("BullMQ on the real Redis", () => {
  const opened: Array<{ close(): Promise<unknown> }> = [];
  afterAll(async () => {
    for (const closable of opened.reverse()) await closable.close();
    const redis = connection();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it("runs a job and returns its result", async () => {
    const queue = new Queue("roundtrip", { connection: connection(), prefix });
    const events = new QueueEvents("roundtrip", { connection: connection(), prefix });
    const worker = new Worker(
      "roundtrip",
      async (job) => ({ echoed: job.data.title.toUpperCase(), attempt: job.attemptsMade }),
      { connection: connection(), prefix },
    );
    opened.push(queue, events, worker);
    await events.waitUntilReady();
    const job = await queue.add("echo", { title: "Kon Tum" });
    const result = await job.waitUntilFinished(events, 30_000);
    expect(result).toEqual({ echoed: "KON TUM", attempt: 0 });
    expect(await queue.getJobCounts("completed")).toEqual({ completed: 1 });
  });
});
