/**
 * GET  /api/alerts                   alerts, newest first (an agency user: their agency's)
 * GET  /api/alerts/stream            server-sent events, one `alert` event per new alert
 * GET  /api/alerts/:id               one alert, with the case opened from it (404 outside scope)
 * POST /api/alerts/:id/acknowledge   acknowledge an open alert (audited)
 * GET  /api/alerts/budget            the alert budget: spacing and daily cap, default and per scope
 * PUT  /api/alerts/budget            set it (coordinators and admins; audited); workers read it within a minute
 */
import { PassThrough } from "node:stream";
import type { FastifyPluginAsync } from "fastify";
import type { Principal } from "../../../../src/auth/roles.ts";
import { BudgetError, DEFAULT_BUDGET, parseBudget } from "../../../../src/detect/budget.ts";
import type { Alert } from "../../../../src/model/alert.ts";
import { AlertNotFoundError } from "../../../../src/store/alerts.ts";
import type { AppDeps, AppOptions } from "../../../context.ts";
import { parseQueryDate, startInstant } from "../../../dates.ts";
import { badRequest, forbidden, notFound } from "../../../errors.ts";
import {
  AlertBudgetSchema,
  AlertListQuery,
  AlertListResponse,
  AlertParams,
  AlertResponse,
} from "../../../schemas/alerts.ts";
import { protectedRoute } from "../../../schemas/common.ts";

/** The agency an agency user is confined to; null for the other roles. */
export function ownAgency(principal: Principal): string | null {
  if (principal.role !== "agency") return null;
  if (!principal.agency) throw forbidden("this agency account has no agency; ask an administrator");
  return principal.agency;
}

export function alertVisible(principal: Principal, alert: Pick<Alert, "agencies">): boolean {
  const agency = ownAgency(principal);
  return agency === null || alert.agencies.includes(agency);
}

/** The alert as the API shows it: with the id of the case opened from it that the caller may see. */
async function withCase(deps: AppDeps, principal: Principal, alert: Alert) {
  const agency = ownAgency(principal);
  const [found] = await deps.cases.list({ alert_id: alert.id, size: 1, ...(agency && { agency }) });
  return { ...alert, case_id: found?.id ?? null };
}

/** A `from`/`to` parameter as an instant: a date means its first (or last) moment in Viet Nam. */
function instantParam(field: "from" | "to", text: string): string {
  const parsed = parseQueryDate(text);
  if (!parsed.ok) throw badRequest(field, parsed.message);
  const start = startInstant(parsed);
  return new Date(field === "to" && parsed.dateOnly ? start + 86_400_000 - 1 : start).toISOString();
}

export const STREAM_EVENT = "alert";

const alerts: FastifyPluginAsync<AppOptions> = async (app, { deps, config }) => {
  const pollMs = config.alertStreamPollMs ?? 3000;
  const streams = new Set<() => void>();
  // Open streams would keep the server from closing.
  app.addHook("preClose", async () => {
    for (const stop of streams) stop();
  });

  app.get<{ Querystring: AlertListQuery }>(
    "/api/alerts",
    {
      config: { permission: "alerts.read" },
      schema: {
        ...protectedRoute("alerts.read", "Alerts, newest first", ["alerts"], { 200: AlertListResponse }),
        querystring: AlertListQuery,
      },
    },
    async (request) => {
      const { kind, state, theme, from, to, limit } = request.query;
      const agency = ownAgency(request.principal!);
      const range = {
        ...(from && { from: instantParam("from", from) }),
        ...(to && { to: instantParam("to", to) }),
      };
      if (range.from && range.to && range.from > range.to) throw badRequest("to", "must not be before from");
      const list = await deps.alerts.list({
        size: limit ?? 100,
        ...(kind && { kind }),
        ...(state && { state }),
        ...(theme && { theme }),
        ...(agency && { agency }),
        ...range,
      });
      return { alerts: list };
    },
  );

  app.get(
    "/api/alerts/stream",
    {
      config: { permission: "alerts.read" },
      schema: {
        ...protectedRoute(
          "alerts.read",
          `New alerts as server-sent events (event "${STREAM_EVENT}", data: the alert as JSON)`,
          ["alerts"],
        ),
        produces: ["text/event-stream"],
      },
    },
    async (request, reply) => {
      const agency = ownAgency(request.principal!);
      const query = { size: 50, ...(agency && { agency }) };
      let seen = new Set((await deps.alerts.list(query)).map((alert) => alert.id));
      const stream = new PassThrough();
      let timer: NodeJS.Timeout | undefined;
      let closed = false;
      const stop = () => {
        if (closed) return;
        closed = true;
        clearTimeout(timer);
        streams.delete(stop);
        stream.end();
      };
      streams.add(stop);
      reply.raw.on("close", stop);

      const poll = async () => {
        try {
          const latest = await deps.alerts.list(query);
          if (closed) return;
          const fresh = latest.filter((alert) => !seen.has(alert.id)).reverse();
          for (const alert of fresh) {
            stream.write(`event: ${STREAM_EVENT}\nid: ${alert.id}\ndata: ${JSON.stringify(alert)}\n\n`);
          }
          if (fresh.length === 0) stream.write(": keep-alive\n\n");
          seen = new Set(latest.map((alert) => alert.id));
        } catch (error) {
          request.log.warn({ err: error }, "alert stream: could not read new alerts");
        }
        if (!closed) timer = setTimeout(poll, pollMs);
      };
      stream.write("retry: 5000\n\n");
      timer = setTimeout(poll, pollMs);
      return reply
        .type("text/event-stream; charset=utf-8")
        .header("cache-control", "no-store")
        .header("x-accel-buffering", "no")
        .send(stream);
    },
  );

  app.get(
    "/api/alerts/budget",
    {
      config: { permission: "alerts.read" },
      schema: protectedRoute("alerts.read", "The alert budget per scope", ["alerts"], {
        200: AlertBudgetSchema,
      }),
    },
    async () => (deps.alertBudget ? deps.alertBudget.get() : DEFAULT_BUDGET),
  );

  app.put<{ Body: unknown }>(
    "/api/alerts/budget",
    {
      config: { permission: "alerts.budget", audit: "alerts.budget" },
      schema: {
        ...protectedRoute(
          "alerts.budget",
          "Set the alert budget: a minimum spacing (minutes) and a daily cap, by default and per scope " +
            "(theme, theme:tourism, theme:tourism:negative; the most specific wins)",
          ["alerts"],
          { 200: AlertBudgetSchema },
        ),
        body: AlertBudgetSchema,
      },
    },
    async (request) => {
      if (!deps.alertBudget) throw badRequest("budget", "this server keeps no alert budget");
      let budget: ReturnType<typeof parseBudget>;
      try {
        budget = parseBudget(request.body);
      } catch (error) {
        if (error instanceof BudgetError) throw badRequest("budget", error.message);
        throw error;
      }
      await deps.alertBudget.set(budget);
      request.auditTarget = "alert-budget";
      request.auditDetail = JSON.stringify(budget);
      return budget;
    },
  );

  app.get<{ Params: AlertParams }>(
    "/api/alerts/:id",
    {
      config: { permission: "alerts.read" },
      schema: {
        ...protectedRoute("alerts.read", "One alert", ["alerts"], { 200: AlertResponse }),
        params: AlertParams,
      },
    },
    async (request) => {
      const principal = request.principal!;
      const alert = await deps.alerts.get(request.params.id);
      // Out of scope looks the same as absent.
      if (!alert || !alertVisible(principal, alert)) throw notFound(`no alert ${request.params.id}`);
      return { alert: await withCase(deps, principal, alert) };
    },
  );

  app.post<{ Params: AlertParams }>(
    "/api/alerts/:id/acknowledge",
    {
      config: { permission: "alerts.acknowledge", audit: "alerts.acknowledge" },
      schema: {
        ...protectedRoute(
          "alerts.acknowledge",
          "Acknowledge an alert (an alert not open is left as it is)",
          ["alerts"],
          { 200: AlertResponse },
        ),
        params: AlertParams,
      },
    },
    async (request) => {
      const principal = request.principal!;
      const { id } = request.params;
      request.auditTarget = id;
      const current = await deps.alerts.get(id);
      if (!current || !alertVisible(principal, current)) throw notFound(`no alert ${id}`);
      try {
        const alert = await deps.alerts.acknowledge(id, principal.username);
        request.auditDetail = current.state === "open" ? "acknowledged" : `already ${current.state}`;
        return { alert: await withCase(deps, principal, alert) };
      } catch (error) {
        if (error instanceof AlertNotFoundError) throw notFound(`no alert ${id}`);
        throw error;
      }
    },
  );
};
export default alerts;
