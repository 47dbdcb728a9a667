/**
 * The API process: builds the Fastify instance with the server's limits and timeouts, registers
 * the app plugin, listens, and closes gracefully on SIGINT/SIGTERM (stop accepting, finish what is
 * in flight, then close Redis and OpenSearch clients).
 */
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { Env } from "../src/config/env.ts";
import { createLogger, type Logger } from "../src/log.ts";
import { app } from "./app.ts";
import { ensureAdmin } from "./bootstrap.ts";
import { type AppOptions, appConfig, createDeps } from "./context.ts";
import { type DashboardOptions, dashboardPlugin } from "./plugins/dashboard.ts";

export interface ServerSettings {
  logger: Logger;
  trustProxy: boolean;
  /** Serve the built dashboard too (the API process does; tests of the API alone need not). */
  dashboard?: DashboardOptions;
}

export function serverOptions(settings: ServerSettings): FastifyServerOptions {
  return {
    loggerInstance: settings.logger,
    trustProxy: settings.trustProxy,
    genReqId: () => randomUUID(),
    // Time to receive a request (headers and body), and idle time on a socket. Responses (long
    // exports) are not limited: a streaming socket is never idle.
    requestTimeout: 30_000,
    connectionTimeout: 120_000,
    keepAliveTimeout: 72_000,
    bodyLimit: 64 * 1024,
    exposeHeadRoutes: false,
    return503OnClosing: true,
    ajv: {
      customOptions: {
        allErrors: true,
        removeAdditional: false,
        coerceTypes: "array",
        useDefaults: true,
      },
    },
  };
}

/** A ready instance with the app registered: what the process listens with and tests inject into. */
export async function buildServer(options: AppOptions, settings: ServerSettings): Promise<FastifyInstance> {
  const instance = Fastify(serverOptions(settings));
  await instance.register(app, options);
  if (settings.dashboard) await instance.register(dashboardPlugin, settings.dashboard);
  await instance.ready();
  return instance;
}

/** Starts the API; resolves once listening, with a function that shuts it down. */
export async function startServer(env: Env): Promise<{ server: FastifyInstance; close(): Promise<void> }> {
  const logger = createLogger(env.LOG_LEVEL, { component: "api" });
  if (!env.SESSION_SECRET) logger.warn("SESSION_SECRET is not set: sessions end when this process stops");
  const resources = await createDeps(env, logger);
  await resources.ready();
  await ensureAdmin(resources.deps, env, logger);
  const server = await buildServer(
    { deps: resources.deps, config: appConfig(env) },
    {
      logger,
      trustProxy: env.TRUST_PROXY,
      dashboard: { planFile: env.PLAN_FILE },
    },
  );
  await server.listen({ host: env.HOST, port: env.PORT });

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      await server.close();
      await resources.close();
    })();
    return closing;
  };
  return { server, close };
}

/** Runs until SIGINT or SIGTERM; a second signal, or 15 s without finishing, forces the exit. */
export async function runServer(env: Env): Promise<number> {
  const { server, close } = await startServer(env);
  return new Promise<number>((resolve) => {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) {
        server.log.warn({ signal }, "second signal: exiting now");
        resolve(1);
        return;
      }
      signalled = true;
      server.log.info({ signal }, "closing: finishing requests in flight");
      const force = setTimeout(() => {
        server.log.error("close took longer than 15 s: exiting");
        resolve(1);
      }, 15_000);
      force.unref();
      close().then(
        () => {
          clearTimeout(force);
          resolve(0);
        },
        (error: unknown) => {
          server.log.error({ err: error }, "error while closing");
          resolve(1);
        },
      );
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}
