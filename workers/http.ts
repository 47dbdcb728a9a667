/**
 * A worker process's own small HTTP server (WORKER_HTTP_PORT): `GET /metrics` in Prometheus text
 * format and `GET /health` as JSON, 200 when Redis and OpenSearch answer and every role of the
 * process runs, 503 otherwise (what a container health check or a load balancer reads).
 *
 * It serves counts and states, no article data, so it takes no credentials; it listens on
 * WORKER_HTTP_HOST (loopback by default) and only a deployment's private network should reach it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import type { Logger } from "../src/log.ts";

export interface Check {
  ok: boolean;
  status: string;
  latency_ms?: number;
}

export interface HealthSources {
  redis(): Promise<Check>;
  opensearch(): Promise<Check>;
  /** Each role of the process and whether it is running. */
  roles(): Record<string, boolean>;
}

export interface HealthBody {
  status: "ok" | "unavailable";
  checks: { redis: Check; opensearch: Check; roles: Record<string, boolean> };
}

export async function health(sources: HealthSources): Promise<HealthBody> {
  const [redis, opensearch] = await Promise.all([timed(sources.redis), timed(sources.opensearch)]);
  const roles = sources.roles();
  const ok = redis.ok && opensearch.ok && Object.values(roles).every(Boolean);
  return { status: ok ? "ok" : "unavailable", checks: { redis, opensearch, roles } };
}

async function timed(check: () => Promise<Check>): Promise<Check> {
  const started = Date.now();
  try {
    return { ...(await check()), latency_ms: Date.now() - started };
  } catch (error) {
    return {
      ok: false,
      status: error instanceof Error ? error.message : String(error),
      latency_ms: Date.now() - started,
    };
  }
}

export interface WorkerHttp {
  /** The port it listens on (useful when asked for port 0 in tests). */
  port: number;
  stop(): Promise<void>;
}

/**
 * Listens on host:port. A port already taken (two worker processes on one machine with the same
 * setting) is logged and leaves the process without its server rather than stopping its work.
 */
export async function serveWorkerHttp(
  options: { host: string; port: number; registry: Registry; health: HealthSources },
  logger: Logger,
): Promise<WorkerHttp | null> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    const reply = async () => {
      if (request.method !== "GET") {
        response.writeHead(405, { allow: "GET" }).end();
      } else if (path === "/metrics") {
        const text = await options.registry.metrics();
        response.writeHead(200, { "content-type": options.registry.contentType }).end(text);
      } else if (path === "/health") {
        const body = await health(options.health);
        if (body.status !== "ok") logger.warn({ health: body.checks }, "health check failed");
        response
          .writeHead(body.status === "ok" ? 200 : 503, { "content-type": "application/json" })
          .end(JSON.stringify(body));
      } else {
        response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      }
    };
    reply().catch((error: unknown) => {
      logger.error({ err: error, path }, "worker http request failed");
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      logger.error(
        { err: error, host: options.host, port: options.port },
        `worker /metrics and /health not served: ${error.code === "EADDRINUSE" ? `port ${options.port} is taken (set WORKER_HTTP_PORT)` : error.message}`,
      );
      resolve(false);
    });
    server.listen(options.port, options.host, () => resolve(true));
  });
  if (!listening) return null;
  const port = (server.address() as AddressInfo).port;
  logger.info({ host: options.host, port }, "worker /metrics and /health listening");
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
