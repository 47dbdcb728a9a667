/** What the API adds to Fastify's request and route config. */
import type { Action } from "../src/auth/permissions.ts";
import type { Principal } from "../src/auth/roles.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The authenticated caller, or null (public route, or credentials missing or refused). */
    principal: Principal | null;
    /** Why credentials were refused, for the 401 message. */
    authProblem: string | null;
    /** Set by a route so the audit entry names what was written (user id, key id…). */
    auditTarget: string | null;
    auditDetail: string | null;
    /** The caller presented METRICS_TOKEN (only looked at on routes that accept it). */
    metricsTokenOk: boolean;
  }
  interface FastifyContextConfig {
    /** Every route under /api and /metrics must name one; "public" needs no credentials. */
    permission?: Action | "public";
    /** Audit action name: set on every route that writes. */
    audit?: string;
    /** The route also accepts METRICS_TOKEN. */
    metricsToken?: boolean;
  }
}
