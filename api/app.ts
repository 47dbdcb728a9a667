/**
 * The application as a Fastify plugin: external plugins first (OpenAPI, rate limits), then the
 * app's own (errors, metrics, auth, audit), then the routes, whose folders are their URLs.
 * `server.ts` owns the process; tests register this plugin on an instance of their own.
 */
import "./types.ts";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppOptions } from "./context.ts";
import { auditPlugin } from "./plugins/audit.ts";
import { authPlugin } from "./plugins/auth.ts";
import { docsPlugin } from "./plugins/docs.ts";
import { errorsPlugin } from "./plugins/errors.ts";
import { metricsPlugin } from "./plugins/metrics.ts";
import { rateLimitPlugin } from "./plugins/rateLimit.ts";
import { shared } from "./plugins/shared.ts";
import alertRoutes from "./routes/api/alerts/index.ts";
import articleRoutes from "./routes/api/articles/index.ts";
import auditRoutes from "./routes/api/audit/index.ts";
import authRoutes from "./routes/api/auth/index.ts";
import caseRoutes from "./routes/api/cases/index.ts";
import claimRoutes from "./routes/api/claims/index.ts";
import contractEditRoutes from "./routes/api/contracts/edit.ts";
import contractRoutes from "./routes/api/contracts/index.ts";
import coverageRoutes from "./routes/api/coverage/index.ts";
import keyRoutes from "./routes/api/keys/index.ts";
import queueRoutes from "./routes/api/queues/index.ts";
import reportRoutes from "./routes/api/reports/index.ts";
import sourceRoutes from "./routes/api/sources/index.ts";
import storyRoutes from "./routes/api/stories/index.ts";
import userRoutes from "./routes/api/users/index.ts";
import watchlistRoutes from "./routes/api/watchlists/index.ts";
import healthRoutes from "./routes/health.ts";
import metricsRoutes from "./routes/metrics.ts";

export type { AppOptions } from "./context.ts";

export const app = shared<AppOptions>("presswatch-app", async (fastify, options) => {
  // External plugins. The rate limiter must come before auth: its per-route hook has to run
  // before the authorization hook that auth appends (see plugins/auth.ts).
  await fastify.register(docsPlugin);
  await fastify.register(rateLimitPlugin, options);

  // The application's plugins.
  await fastify.register(errorsPlugin);
  await fastify.register(metricsPlugin);
  await fastify.register(authPlugin, options);
  await fastify.register(auditPlugin, options);
  fastify.addHook("onSend", async (request: FastifyRequest, reply: FastifyReply, payload) => {
    reply.header("x-request-id", request.id);
    reply.header("x-content-type-options", "nosniff");
    if (request.url.startsWith("/api") && !reply.hasHeader("cache-control"))
      reply.header("cache-control", "no-store");
    return payload;
  });

  // Routes.
  await fastify.register(healthRoutes, options);
  await fastify.register(metricsRoutes, options);
  await fastify.register(authRoutes, options);
  await fastify.register(articleRoutes, options);
  await fastify.register(coverageRoutes, options);
  await fastify.register(sourceRoutes, options);
  await fastify.register(storyRoutes, options);
  await fastify.register(userRoutes, options);
  await fastify.register(keyRoutes, options);
  await fastify.register(auditRoutes, options);
  await fastify.register(queueRoutes, options);
  await fastify.register(alertRoutes, options);
  await fastify.register(caseRoutes, options);
  await fastify.register(contractRoutes, options);
  await fastify.register(contractEditRoutes, options);
  await fastify.register(claimRoutes, options);
  await fastify.register(reportRoutes, options);
  await fastify.register(watchlistRoutes, options);
});

export default app;
