/** GET /api/audit: the audit log, newest first, filtered by action, actor, outcome and time. */
import type { FastifyPluginAsync } from "fastify";
import { decodeAuditCursor } from "../../../../src/store/audit.ts";
import type { AppOptions } from "../../../context.ts";
import { parseQueryDate } from "../../../dates.ts";
import { badRequest } from "../../../errors.ts";
import { AuditQuery, AuditResponse } from "../../../schemas/auth.ts";
import { protectedRoute } from "../../../schemas/common.ts";

/** Audit times are instants: a date-only bound is that whole day in Viet Nam. */
function bound(field: "from" | "to", value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = parseQueryDate(value);
  if (!parsed.ok) throw badRequest(field, parsed.message);
  if (!parsed.dateOnly) return parsed.value;
  return field === "from" ? `${parsed.value}T00:00:00.000+07:00` : `${parsed.value}T23:59:59.999+07:00`;
}

const audit: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  app.get<{ Querystring: AuditQuery }>(
    "/api/audit",
    {
      config: { permission: "audit.read" },
      schema: {
        ...protectedRoute("audit.read", "The audit log of writes", ["admin"], { 200: AuditResponse }),
        querystring: AuditQuery,
      },
    },
    async (request) => {
      const query = request.query;
      if (query.after && !decodeAuditCursor(query.after))
        throw badRequest("after", "is not a cursor this API returned");
      const from = bound("from", query.from);
      const to = bound("to", query.to);
      return deps.audit.list({
        size: query.size ?? 50,
        ...(query.after && { after: query.after }),
        ...(query.action && { action: query.action }),
        ...(query.actor && { actor: query.actor }),
        ...(query.outcome && { outcome: query.outcome }),
        ...(from && { from }),
        ...(to && { to }),
      });
    },
  );
};
export default audit;
