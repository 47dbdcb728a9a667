/**
 * Every write is audited: a route that writes names its action in `config.audit`, and this hook
 * records who tried it, on what, when and how it ended, whatever the outcome (success, refused by
 * authentication or permission, rejected input, error). The entry is written before the response
 * leaves, so a client that saw the response can find the entry. A failure to write it is logged as
 * an error; it cannot undo the write that already happened.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AuditActor, AuditOutcome } from "../../src/store/audit.ts";
import type { AppOptions } from "../context.ts";
import { shared } from "./shared.ts";

export function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return "success";
  if (status === 401 || status === 403) return "denied";
  if (status < 500) return "rejected";
  return "error";
}

function actorOf(request: FastifyRequest): AuditActor {
  const principal = request.principal;
  if (!principal) return { kind: "anonymous", id: null, username: null, role: null };
  return {
    kind: principal.kind,
    id: principal.userId,
    username: principal.username,
    role: principal.role,
    key_id: principal.keyId ?? null,
  };
}

export const auditPlugin = shared<AppOptions>("presswatch-audit", async (app, { deps }) => {
  app.decorateRequest("auditTarget", null);
  app.decorateRequest("auditDetail", null);

  app.addHook("onSend", async (request: FastifyRequest, reply: FastifyReply, payload) => {
    const action = request.routeOptions.config.audit;
    // A flood stopped by the rate limiter is logged, not audited one entry per request.
    if (!action || reply.statusCode === 429) return payload;
    try {
      await deps.audit.record({
        actor: actorOf(request),
        action,
        target: request.auditTarget,
        outcome: outcomeOf(reply.statusCode),
        status: reply.statusCode,
        request_id: request.id,
        ip: request.ip,
        detail: request.auditDetail,
      });
    } catch (error) {
      request.log.error(
        { err: error, action, target: request.auditTarget },
        "could not write the audit entry",
      );
    }
    return payload;
  });
});
