/**
 * The administrators' queue page: every queue's counts and the failed jobs of every queue (error,
 * attempts, what the job was about), and retrying one failed job or all of them. Retrying is a
 * write: audited as `queues.retry`.
 */
import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync } from "fastify";
import { isQueueKey, QUEUE_KEYS } from "../../../../src/queue/failedJobs.ts";
import type { AppOptions } from "../../../context.ts";
import { badRequest, notFound } from "../../../errors.ts";
import { protectedRoute } from "../../../schemas/common.ts";

const QueueName = Type.Union(
  QUEUE_KEYS.map((key) => Type.Literal(key)),
  { description: "a queue of the contract (src/queue/contract.ts)" },
);

const QueuesResponse = Type.Object({
  queues: Type.Array(
    Type.Object({
      queue: Type.String(),
      waiting: Type.Integer(),
      active: Type.Integer(),
      delayed: Type.Integer(),
      failed: Type.Integer(),
      completed: Type.Integer(),
    }),
  ),
  failed: Type.Array(
    Type.Object({
      queue: Type.String(),
      id: Type.String(),
      attempts: Type.Integer(),
      max_attempts: Type.Integer(),
      error: Type.String(),
      stack: Type.Union([Type.String(), Type.Null()]),
      summary: Type.String({ description: "what the job was about: its address, source, outlet or alert" }),
      added_at: Type.String(),
      failed_at: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

const QueuesQuery = Type.Object({
  queue: Type.Optional(QueueName),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: "failed jobs per queue" })),
});
const RetryBody = Type.Object({ queue: Type.Optional(QueueName) }, { additionalProperties: false });
const RetryResponse = Type.Object({ retried: Type.Integer() });

const queues: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  const store = () => {
    if (!deps.queues) throw notFound("the queues are not available in this process");
    return deps.queues;
  };

  app.get<{ Querystring: { queue?: string; limit?: number } }>(
    "/api/queues",
    {
      config: { permission: "queues.read" },
      schema: {
        ...protectedRoute(
          "queues.read",
          "Every queue's counts and its failed jobs, newest first",
          ["admin"],
          {
            200: QueuesResponse,
          },
        ),
        querystring: QueuesQuery,
      },
    },
    async (request) => {
      const { queue, limit } = request.query;
      const key = queue && isQueueKey(queue) ? queue : undefined;
      const [counts, failed] = await Promise.all([store().counts(), store().list(key, limit ?? 200)]);
      return { queues: counts, failed };
    },
  );

  app.post<{ Body: { queue?: string } }>(
    "/api/queues/retry",
    {
      config: { permission: "queues.retry", audit: "queues.retry" },
      schema: {
        ...protectedRoute("queues.retry", "Retry every failed job (of one queue, or of all)", ["admin"], {
          200: RetryResponse,
        }),
        body: RetryBody,
      },
    },
    async (request) => {
      const queue = request.body?.queue;
      const key = queue && isQueueKey(queue) ? queue : undefined;
      request.auditTarget = key ?? "all";
      const retried = await store().retryAll(key);
      request.auditDetail = `${retried} jobs`;
      return { retried };
    },
  );

  app.post<{ Params: { queue: string; id: string } }>(
    "/api/queues/:queue/jobs/:id/retry",
    {
      config: { permission: "queues.retry", audit: "queues.retry" },
      schema: {
        ...protectedRoute("queues.retry", "Retry one failed job", ["admin"], { 200: RetryResponse }),
        params: Type.Object({ queue: Type.String(), id: Type.String({ minLength: 1, maxLength: 200 }) }),
      },
    },
    async (request) => {
      const { queue, id } = request.params;
      if (!isQueueKey(queue)) throw badRequest("queue", `must be one of ${QUEUE_KEYS.join(", ")}`);
      request.auditTarget = `${queue}/${id}`;
      if (!(await store().retry(queue, id))) throw notFound(`no failed job ${id} in the ${queue} queue`);
      return { retried: 1 };
    },
  );
};
export default queues;
