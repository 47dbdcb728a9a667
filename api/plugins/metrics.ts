/**
 * Prometheus metrics: prom-client's default process metrics and one request-duration histogram,
 * labelled by route template (never the raw URL, which would explode the series count). Each app
 * instance has its own registry, so tests can build several apps in one process.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { shared } from "./shared.ts";

declare module "fastify" {
  interface FastifyInstance {
    metrics: Registry;
  }
}

export const metricsPlugin = shared("presswatch-metrics", async (app) => {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "presswatch-api" });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration by method, route template and status code",
    labelNames: ["method", "route", "status_code"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  app.decorate("metrics", registry);
  app.addHook("onResponse", async (request: FastifyRequest, reply: FastifyReply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
});
