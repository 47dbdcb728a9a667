/**
 * GET    /api/watchlists       saved queries (an agency user: their agency's)
 * POST   /api/watchlists       save a query; every new article is matched against it (audited)
 * PUT    /api/watchlists/:id   change its name, query or agency (audited)
 * POST   /api/watchlists/try   the stored articles a query would have matched, newest first; saves nothing
 * DELETE /api/watchlists/:id   remove one (audited)
 *
 * The alerts stage percolates each indexed article against these and raises a "watchlist" alert
 * routed to the watchlist's agency.
 */
import { randomBytes } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import type { Principal } from "../../../../src/auth/roles.ts";
import type { Plan } from "../../../../src/plan/schema.ts";
import { type Watchlist, type WatchlistSpec, watchlistSpecSchema } from "../../../../src/store/watchlists.ts";
import type { AppOptions } from "../../../context.ts";
import { badRequest, notFound } from "../../../errors.ts";
import { invalidEntry } from "../../../registry.ts";
import { protectedRoute } from "../../../schemas/common.ts";
import {
  CreateWatchlistBody,
  TryWatchlistBody,
  TryWatchlistResponse,
  UpdateWatchlistBody,
  WatchlistListResponse,
  WatchlistParams,
  WatchlistResponse,
} from "../../../schemas/watchlists.ts";
import { ownAgency } from "../alerts/index.ts";

/** The spec, or a 400 naming each bad field: the store's schema, then the plan's ids. */
function checkSpec(data: unknown, plan: Plan): WatchlistSpec {
  const parsed = watchlistSpecSchema.safeParse(data);
  if (!parsed.success) {
    throw invalidEntry(
      parsed.error.issues.map((issue) => ({
        path: ["spec", ...issue.path.map(String)].join("."),
        message: issue.message,
      })),
    );
  }
  const known: Array<[keyof WatchlistSpec, string, Set<string>]> = [
    ["themes", "theme", new Set(plan.themes.map((theme) => theme.id))],
    ["agencies", "agency", new Set(plan.agencies.map((agency) => agency.id))],
    ["outlets", "outlet", new Set(plan.outlets.map((outlet) => outlet.id))],
    ["districts", "district", new Set(plan.districts.map((district) => district.id))],
  ];
  const problems = known.flatMap(([field, what, ids]) =>
    ((parsed.data[field] as string[] | undefined) ?? []).flatMap((id, i) =>
      ids.has(id)
        ? []
        : [{ path: `spec.${field}.${i}`, message: `unknown ${what} "${id}" (not in the plan)` }],
    ),
  );
  if (problems.length > 0) throw invalidEntry(problems);
  return parsed.data;
}

/** Whose alerts: an agency user's own agency always; otherwise the one asked for (a plan agency). */
function agencyOf(principal: Principal, requested: string | null | undefined, plan: Plan): string | null {
  const agency = ownAgency(principal) ?? (requested?.trim() || null);
  if (agency && !plan.agencies.some((item) => item.id === agency)) {
    throw badRequest("agency", `is not an agency of the plan: ${agency}`);
  }
  return agency;
}

const watchlists: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  app.get(
    "/api/watchlists",
    {
      config: { permission: "watchlists.read" },
      schema: protectedRoute(
        "watchlists.read",
        "Saved queries matched against every new article",
        ["watchlists"],
        {
          200: WatchlistListResponse,
        },
      ),
    },
    async (request) => {
      const own = ownAgency(request.principal!);
      const all = await deps.watchlists.list();
      return { watchlists: own ? all.filter((watchlist) => watchlist.agency === own) : all };
    },
  );

  app.post<{ Body: CreateWatchlistBody }>(
    "/api/watchlists",
    {
      config: { permission: "watchlists.write", audit: "watchlists.create" },
      schema: {
        ...protectedRoute("watchlists.write", "Save a query", ["watchlists"], { 201: WatchlistResponse }),
        body: CreateWatchlistBody,
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const { plan } = await deps.planning.files();
      const spec = checkSpec(request.body.spec, plan);
      const agency = agencyOf(principal, request.body.agency, plan);
      const watchlist: Watchlist = {
        id: `wl-${randomBytes(6).toString("hex")}`,
        name: request.body.name.trim(),
        owner: principal.username,
        agency,
        spec,
        created_at: new Date().toISOString(),
      };
      request.auditTarget = watchlist.id;
      request.auditDetail = `name=${watchlist.name}`;
      await deps.watchlists.put(watchlist, { refresh: true });
      return reply.code(201).send({ watchlist });
    },
  );

  app.put<{ Params: WatchlistParams; Body: UpdateWatchlistBody }>(
    "/api/watchlists/:id",
    {
      config: { permission: "watchlists.write", audit: "watchlists.update" },
      schema: {
        ...protectedRoute(
          "watchlists.write",
          "Change a saved query, its name or its agency",
          ["watchlists"],
          {
            200: WatchlistResponse,
          },
        ),
        params: WatchlistParams,
        body: UpdateWatchlistBody,
      },
    },
    async (request) => {
      const { id } = request.params;
      request.auditTarget = id;
      const principal = request.principal!;
      const own = ownAgency(principal);
      const current = (await deps.watchlists.list()).find((watchlist) => watchlist.id === id);
      if (!current || (own && current.agency !== own)) throw notFound(`no watchlist ${id}`);
      const { plan } = await deps.planning.files();
      const watchlist: Watchlist = {
        ...current,
        name: request.body.name.trim(),
        spec: checkSpec(request.body.spec, plan),
        agency: agencyOf(principal, request.body.agency, plan),
      };
      request.auditDetail = `name=${watchlist.name} agency=${watchlist.agency ?? "-"}`;
      await deps.watchlists.put(watchlist, { refresh: true });
      return { watchlist };
    },
  );

  app.post<{ Body: TryWatchlistBody }>(
    "/api/watchlists/try",
    {
      config: { permission: "watchlists.read" },
      schema: {
        ...protectedRoute(
          "watchlists.read",
          "The stored articles a query would have matched, newest first (nothing is saved)",
          ["watchlists"],
          { 200: TryWatchlistResponse },
        ),
        body: TryWatchlistBody,
      },
    },
    async (request) => {
      const { plan } = await deps.planning.files();
      const spec = checkSpec(request.body.spec, plan);
      const { from, to } = request.body;
      if (from && to && from > to) throw badRequest("to", "is before from");
      return deps.watchlistTrial.matches(spec, {
        agency: ownAgency(request.principal!),
        from,
        to,
        size: request.body.size ?? 20,
      });
    },
  );

  app.delete<{ Params: WatchlistParams }>(
    "/api/watchlists/:id",
    {
      config: { permission: "watchlists.write", audit: "watchlists.delete" },
      schema: {
        ...protectedRoute("watchlists.write", "Remove a saved query", ["watchlists"], {
          204: { type: "null" },
        }),
        params: WatchlistParams,
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      request.auditTarget = id;
      const own = ownAgency(request.principal!);
      const current = (await deps.watchlists.list()).find((watchlist) => watchlist.id === id);
      // Another agency's watchlist looks the same as an absent one.
      if (!current || (own && current.agency !== own)) throw notFound(`no watchlist ${id}`);
      await deps.watchlists.remove(id);
      return reply.code(204).send();
    },
  );
};
export default watchlists;
