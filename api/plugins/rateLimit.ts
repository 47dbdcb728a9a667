/**
 * Rate limits (@fastify/rate-limit), counted in Redis so every API process shares them:
 * - each authenticated caller (a user's session, or one API key) gets RATE_LIMIT_MAX requests per
 *   RATE_LIMIT_WINDOW; unauthenticated requests count per client address;
 * - login is stricter: LOGIN_RATE_LIMIT_MAX attempts per LOGIN_RATE_LIMIT_WINDOW per address
 *   (set on the route, see routes/api/auth);
 * - /health and /metrics are not limited (load balancers and scrapers poll them).
 * If Redis cannot be reached the limiter lets requests through rather than failing them (the Redis
 * client logs its connection errors, and /health turns 503).
 */
import rateLimit from "@fastify/rate-limit";
import type { FastifyRequest } from "fastify";
import type { AppOptions } from "../context.ts";
import { HttpError } from "../errors.ts";
import { shared } from "./shared.ts";

export function callerKey(request: FastifyRequest): string {
  const principal = request.principal;
  if (!principal) return `ip:${request.ip}`;
  return principal.keyId ? `key:${principal.keyId}` : `user:${principal.userId}`;
}

export const rateLimitPlugin = shared<AppOptions>("presswatch-rate-limit", async (app, { deps, config }) => {
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.timeWindow,
    redis: deps.redis,
    nameSpace: config.rateLimit.nameSpace,
    skipOnError: true,
    keyGenerator: callerKey,
    errorResponseBuilder: (_request, context) =>
      new HttpError(
        429,
        `rate limit exceeded: ${context.max} requests per window; retry in ${context.after}`,
      ),
    onExceeded: (request, key) => request.log.warn({ key }, "rate limit exceeded"),
  });
});
