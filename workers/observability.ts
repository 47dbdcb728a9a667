/**
 * What an operator sees of a worker process: the queue metrics of its roles on the process's
 * registry (src/queue/jobMetrics.ts) and, when asked, the /metrics and /health server (http.ts).
 * Called by the composition root (roles.ts) once the roles have started.
 */
import { Queue } from "bullmq";
import type { Registry } from "prom-client";
import type { Env } from "../src/config/env.ts";
import type { Logger } from "../src/log.ts";
import { createRedis, redisTarget } from "../src/queue/connection.ts";
import { QUEUES, type QueueKey } from "../src/queue/contract.ts";
import { JobMetrics } from "../src/queue/jobMetrics.ts";
import { createSearchClient, searchHealth } from "../src/store/client.ts";
import { serveWorkerHttp, type WorkerHttp } from "./http.ts";
import type { RolePart } from "./roles.ts";

/** The queue each role consumes; the scheduler only produces (discover jobs). */
const QUEUE_OF: Record<string, QueueKey | undefined> = {
  discover: "discover",
  fetch: "fetch",
  render: "render",
  analyze: "analyze",
  index: "index",
  alerts: "alerts",
  notify: "notify",
  obligations: "obligations",
};

export interface Observability {
  http: WorkerHttp | null;
  stopHttp(): Promise<void>;
  close(): Promise<void>;
}

export async function observe(
  parts: Array<{ role: string; part: RolePart }>,
  options: { env: Env; logger: Logger; registry: Registry; http?: { host: string; port: number } },
): Promise<Observability> {
  const { env, logger, registry } = options;
  const metrics = new JobMetrics(registry);
  // Its own connection, failing fast: a scrape or a health check must not hang on a lost Redis.
  const redis = createRedis(redisTarget(env), "commands", "presswatch-observability", logger);
  const queues: Queue[] = [];
  const stopped = new Set<string>();
  for (const { role, part } of parts) {
    if (part.worker) metrics.observe(part.worker, role);
    const key = QUEUE_OF[role];
    if (key) {
      const queue = new Queue(QUEUES[key].name, { connection: redis, prefix: env.QUEUE_PREFIX });
      metrics.watch(queue);
      queues.push(queue);
    }
    if (part.worker) part.worker.on("closed", () => stopped.add(role));
  }

  let http: WorkerHttp | null = null;
  let search: ReturnType<typeof createSearchClient> | null = null;
  if (options.http) {
    search = createSearchClient({
      url: env.OPENSEARCH_URL,
      username: env.OPENSEARCH_USERNAME,
      password: env.OPENSEARCH_PASSWORD,
      requestTimeoutMs: 5_000,
    });
    const client = search;
    http = await serveWorkerHttp(
      {
        ...options.http,
        registry,
        health: {
          redis: async () => ({ ok: (await redis.ping()) === "PONG", status: redis.status }),
          opensearch: async () => {
            const { ok, status } = await searchHealth(client);
            return { ok, status };
          },
          roles: () =>
            Object.fromEntries(
              parts.map(({ role, part }) => [
                role,
                !stopped.has(role) && (part.worker ? part.worker.isRunning() : true),
              ]),
            ),
        },
      },
      logger,
    );
  }
  return {
    http,
    stopHttp: async () => {
      await http?.stop();
    },
    close: async () => {
      await Promise.allSettled(queues.map((queue) => queue.close()));
      await search?.close();
      redis.disconnect();
    },
  };
}
