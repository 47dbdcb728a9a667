/**
 * POST /api/auth/login: username and password → a bearer token (and the same token in an
 *   HttpOnly, SameSite=Strict cookie for the dashboard). Wrong username and wrong password get the
 *   same 401 in the same time. Stricter rate limit, per client address.
 * POST /api/auth/logout: clears the cookie (tokens are stateless and simply expire).
 * GET  /api/auth/me: the caller, how they authenticated, and what they may do.
 */
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { decoyHash, verifyPassword } from "../../../../src/auth/passwords.ts";
import { ACTIONS, can } from "../../../../src/auth/permissions.ts";
import { USERNAME } from "../../../../src/auth/roles.ts";
import { signToken } from "../../../../src/auth/tokens.ts";
import type { AppOptions } from "../../../context.ts";
import { unauthorized } from "../../../errors.ts";
import { SESSION_COOKIE } from "../../../plugins/auth.ts";
import { LoginBody, LoginResponse, MeResponse } from "../../../schemas/auth.ts";
import { protectedRoute, publicErrors } from "../../../schemas/common.ts";

const WRONG = "wrong username or password";

function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    "Path=/api",
    `Max-Age=${maxAgeSeconds}`,
    "HttpOnly",
    "SameSite=Strict",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

const auth: FastifyPluginAsync<AppOptions> = async (app, { deps, config }) => {
  app.post<{ Body: LoginBody }>(
    "/api/auth/login",
    {
      config: {
        permission: "public",
        audit: "auth.login",
        rateLimit: {
          max: config.rateLimit.loginMax,
          timeWindow: config.rateLimit.loginTimeWindow,
          keyGenerator: (request) => `login:${request.ip}`,
        },
      },
      schema: {
        tags: ["auth"],
        summary: "Sign in with username and password",
        body: LoginBody,
        response: { 200: LoginResponse, ...publicErrors },
      },
    },
    async (request, reply: FastifyReply) => {
      const username = request.body.username.trim().toLowerCase();
      request.auditTarget = username.slice(0, 64);
      const user = USERNAME.test(username) ? await deps.users.get(username) : null;
      // Verify against a decoy when there is no such user: same answer, same time.
      const matches = await verifyPassword(request.body.password, user?.password_hash ?? (await decoyHash()));
      if (!user || !matches) throw unauthorized(WRONG);
      if (user.disabled) throw unauthorized("this account is disabled");
      const { token, claims } = signToken(user.id, config.sessionSecret, config.sessionTtlSeconds);
      request.principal = {
        kind: "session",
        userId: user.id,
        username: user.username,
        role: user.role,
        agency: user.agency,
      };
      reply.header("set-cookie", sessionCookie(token, config.sessionTtlSeconds, config.secureCookies));
      reply.header("cache-control", "no-store");
      return {
        token,
        token_type: "Bearer" as const,
        expires_at: new Date(claims.exp * 1000).toISOString(),
        user: { id: user.id, username: user.username, role: user.role, agency: user.agency },
      };
    },
  );

  app.post(
    "/api/auth/logout",
    {
      config: { permission: "public" },
      schema: { tags: ["auth"], summary: "Clear the session cookie", response: { 204: { type: "null" } } },
    },
    async (_request, reply) => {
      reply.header("set-cookie", sessionCookie("", 0, config.secureCookies));
      return reply.code(204).send();
    },
  );

  app.get(
    "/api/auth/me",
    {
      config: { permission: "account.read" },
      schema: protectedRoute("account.read", "The caller and what they may do", ["auth"], {
        200: MeResponse,
      }),
    },
    async (request) => {
      const principal = request.principal!;
      return {
        user: {
          id: principal.userId,
          username: principal.username,
          role: principal.role,
          agency: principal.agency,
        },
        auth: principal.kind,
        ...(principal.keyId && { key_id: principal.keyId }),
        permissions: ACTIONS.filter((action) => can(principal.role, action)),
      };
    },
  );
};
export default auth;
