/** GET /health: no credentials; 200 when Redis and OpenSearch answer, 503 otherwise. */
import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync } from "fastify";
import type { AppOptions } from "../context.ts";

const Check = Type.Object({
  ok: Type.Boolean(),
  status: Type.String(),
  version: Type.Optional(Type.String()),
  latency_ms: Type.Integer(),
});
const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal("ok"), Type.Literal("unavailable")]),
  checks: Type.Object({ redis: Check, opensearch: Check }),
});

const health: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  app.get(
    "/health",
    {
      config: { permission: "public", rateLimit: false },
      schema: {
        tags: ["operations"],
        summary: "Reachability of Redis and OpenSearch (no credentials needed)",
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (request, reply) => {
      const [redis, opensearch] = await Promise.all([deps.checks.redis(), deps.checks.search()]);
      const ok = redis.ok && opensearch.ok;
      if (!ok) request.log.warn({ redis, opensearch }, "health check failed");
      // Details (addresses, error texts) go to the log only: this route is public.
      const { detail: _r, ...redisView } = redis;
      const { detail: _o, ...searchView } = opensearch;
      return reply.code(ok ? 200 : 503).send({
        status: ok ? "ok" : "unavailable",
        checks: { redis: redisView, opensearch: searchView },
      });
    },
  );
};
export default health;
