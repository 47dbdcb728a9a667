/**
 * Who is calling, and may they. Two steps, so the rate limiter can key on the caller:
 *
 * 1. identify (app-level onRequest): reads `X-API-Key`, `Authorization: Bearer <token | API key>`
 *    or the `pw_session` cookie, and loads the user as stored now. It refuses nothing.
 * 2. authorize (route-level onRequest, after the rate limiter): 401 without a valid caller, 403
 *    when the permission table denies the route's action to the caller's role.
 *
 * Both run before the body is parsed or validated: a caller without the right gets 401/403, never
 * a 400 that would tell them about the endpoint's input.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { hashApiKey, looksLikeApiKey } from "../../src/auth/apiKeys.ts";
import { can, denialMessage, isAction } from "../../src/auth/permissions.ts";
import type { Principal } from "../../src/auth/roles.ts";
import { looksLikeToken, verifyToken } from "../../src/auth/tokens.ts";
import type { UserRecord } from "../../src/store/users.ts";
import type { AppOptions } from "../context.ts";
import { forbidden, unauthorized } from "../errors.ts";
import { shared } from "./shared.ts";

export const SESSION_COOKIE = "pw_session";

const NO_CREDENTIALS =
  "authentication required: send Authorization: Bearer <token or API key>, or X-API-Key: <API key>";

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || null;
  }
  return null;
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function principalOf(user: UserRecord, kind: Principal["kind"], keyId?: string): Principal {
  return {
    kind,
    userId: user.id,
    username: user.username,
    role: user.role,
    agency: user.agency,
    ...(keyId && { keyId }),
  };
}

export const authPlugin = shared<AppOptions>("presswatch-auth", async (app, { deps, config }) => {
  app.decorateRequest("principal", null);
  app.decorateRequest("authProblem", null);
  app.decorateRequest("metricsTokenOk", false);

  async function identify(request: FastifyRequest): Promise<void> {
    const routeConfig = request.routeOptions.config;
    if (!routeConfig.permission || routeConfig.permission === "public") return;

    const headerKey = request.headers["x-api-key"];
    const apiKey = typeof headerKey === "string" ? headerKey.trim() : null;
    const bearerValue = bearer(request);
    if (request.headers.authorization && !bearerValue) {
      request.authProblem = "the Authorization header must be 'Bearer <token or API key>'";
      return;
    }

    if (routeConfig.metricsToken && config.metricsToken && bearerValue) {
      if (sameSecret(bearerValue, config.metricsToken)) {
        request.metricsTokenOk = true;
        return;
      }
    }

    const key = apiKey ?? (bearerValue && looksLikeApiKey(bearerValue) ? bearerValue : null);
    if (key !== null) {
      if (!looksLikeApiKey(key)) {
        request.authProblem = "unknown API key";
        return;
      }
      const record = await deps.apiKeys.getByHash(hashApiKey(key));
      const user = record ? await deps.users.get(record.user_id) : null;
      if (!record || !user) request.authProblem = "unknown API key";
      else if (user.disabled) request.authProblem = "this account is disabled";
      else request.principal = principalOf(user, "api_key", record.id);
      return;
    }

    const token = bearerValue ?? readCookie(request.headers.cookie, SESSION_COOKIE);
    if (token === null) return;
    if (!looksLikeToken(token)) {
      request.authProblem = "the bearer value is neither a session token nor an API key";
      return;
    }
    const check = verifyToken(token, config.sessionSecret);
    if (!check.ok) {
      request.authProblem =
        check.reason === "expired" ? "the session has expired; sign in again" : "invalid token";
      return;
    }
    const user = await deps.users.get(check.claims.sub);
    if (!user) request.authProblem = "invalid token";
    else if (user.disabled) request.authProblem = "this account is disabled";
    else request.principal = principalOf(user, "session");
  }

  async function authorize(request: FastifyRequest): Promise<void> {
    const permission = request.routeOptions.config.permission;
    if (!permission || permission === "public") return;
    if (request.routeOptions.config.metricsToken && request.metricsTokenOk) return;
    const principal = request.principal;
    if (!principal) throw unauthorized(request.authProblem ?? NO_CREDENTIALS);
    if (!can(principal.role, permission)) throw forbidden(denialMessage(principal.role, permission));
  }

  app.addHook("onRequest", identify);

  // Runs for each route declared after this plugin, i.e. after the rate limiter's own onRoute hook,
  // so `authorize` lands after the limiter in the route's onRequest list.
  app.addHook("onRoute", (route) => {
    const permission = route.config?.permission;
    const guarded = route.url.startsWith("/api") || route.url.startsWith("/metrics");
    if (!permission) {
      if (guarded) throw new Error(`route ${route.method} ${route.url} declares no permission`);
      return;
    }
    if (permission !== "public" && !isAction(permission)) {
      throw new Error(`route ${route.method} ${route.url} names an unknown permission ${permission}`);
    }
    const hooks = route.onRequest
      ? Array.isArray(route.onRequest)
        ? route.onRequest
        : [route.onRequest]
      : [];
    route.onRequest = [...hooks, authorize];
  });
});
