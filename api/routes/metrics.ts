/**
 * GET /metrics in Prometheus text format. Protected: an admin's credentials, or (for a scraper)
 * `Authorization: Bearer <METRICS_TOKEN>` when that variable is set. Metrics reveal traffic and
 * route names, not data, but there is no reason to publish them.
 */
import type { FastifyPluginAsync } from "fastify";
import type { AppOptions } from "../context.ts";
import { protectedRoute } from "../schemas/common.ts";

const metrics: FastifyPluginAsync<AppOptions> = async (app) => {
  const { response: _json, ...docs } = protectedRoute("metrics.read", "Prometheus metrics", ["operations"]);
  app.get(
    "/metrics",
    {
      config: { permission: "metrics.read", metricsToken: true, rateLimit: false },
      schema: {
        ...docs,
        description: `${docs.description} Or \`Authorization: Bearer <METRICS_TOKEN>\`.`,
      },
    },
    async (_request, reply) => {
      const text = await app.metrics.metrics();
      return reply.header("content-type", app.metrics.contentType).send(text);
    },
  );
};
export default metrics;
