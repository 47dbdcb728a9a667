/**
 * GET  /api/cases               cases, most recently updated first (an agency user: their agency's)
 * POST /api/cases               open a case from alerts; the plan suggests the agency (audited)
 * GET  /api/cases/:id           one case with its timeline (404 outside an agency user's scope)
 * POST /api/cases/:id/actions   one workflow action on the version the caller saw (audited):
 *                               409 when the case changed since, 400 for a move the workflow refuses
 */
import { randomBytes } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import type { Principal } from "../../../../src/auth/roles.ts";
import { suggestAgency } from "../../../../src/cases/agency.ts";
import { caseSpread } from "../../../../src/cases/spread.ts";
import {
  CaseValidationError,
  createCase,
  InvalidTransitionError,
  VersionConflictError,
} from "../../../../src/cases/workflow.ts";
import type { Alert } from "../../../../src/model/alert.ts";
import type { CaseAction, CaseActor, CaseRecord } from "../../../../src/model/case.ts";
import { CaseExistsError, CaseNotFoundError } from "../../../../src/store/cases.ts";
import type { AppOptions } from "../../../context.ts";
import { badRequest, forbidden, HttpError, notFound } from "../../../errors.ts";
import {
  CaseActionBody,
  CaseListQuery,
  CaseListResponse,
  CaseParams,
  CaseResponse,
  CreateCaseBody,
} from "../../../schemas/cases.ts";
import { protectedRoute } from "../../../schemas/common.ts";
import { ownAgency } from "../alerts/index.ts";

export function caseVisible(principal: Principal, record: Pick<CaseRecord, "agency">): boolean {
  const agency = ownAgency(principal);
  return agency === null || record.agency === agency;
}

function actorOf(principal: Principal): CaseActor {
  return {
    id: principal.userId,
    username: principal.username,
    role: principal.role,
    agency: principal.agency,
  };
}

/** "case-20240612-3f9a1c": the day it was opened (UTC) and a random part. */
function newCaseId(now: Date): string {
  return `case-${now.toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(4).toString("hex")}`;
}

function describeAction(action: CaseAction): string {
  switch (action.type) {
    case "transition":
      return `transition to=${action.to}`;
    case "assign":
      return `assign agency=${action.agency}`;
    case "set_response":
      return `set_response url=${action.url}`;
    case "link_alert":
      return `link_alert alert=${action.alert_id}`;
    case "link_article":
      return `link_article article=${action.article_id}`;
    case "note":
      return "note";
  }
}

const unique = (values: readonly string[]) => [...new Set(values)];

/** Enough for a provincial rumour and its correction; a case is not a search. */
const SPREAD_ARTICLES = 1000;

/** The rumour against the correction in the stories of the case's articles. */
async function spreadOf(deps: AppOptions["deps"], record: CaseRecord) {
  const linked = await deps.articles.getMany(record.article_ids.slice(0, SPREAD_ARTICLES));
  const stories = unique(linked.map((doc) => doc.story_id).filter(Boolean));
  const docs = stories.length ? await deps.articles.inStories(stories, SPREAD_ARTICLES) : linked;
  return caseSpread(docs, record.claim_ids, record.response_at);
}

const cases: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  app.get<{ Querystring: CaseListQuery }>(
    "/api/cases",
    {
      config: { permission: "cases.read" },
      schema: {
        ...protectedRoute("cases.read", "Cases, most recently updated first", ["cases"], {
          200: CaseListResponse,
        }),
        querystring: CaseListQuery,
      },
    },
    async (request) => {
      const { status, agency: requested, alert_id, limit } = request.query;
      const own = ownAgency(request.principal!);
      if (own && requested && requested !== own) {
        throw forbidden(`role agency is restricted to agency ${own}`);
      }
      const agency = own ?? requested;
      const list = await deps.cases.list({
        size: limit ?? 200,
        ...(status && { status }),
        ...(agency && { agency }),
        ...(alert_id && { alert_id }),
      });
      return { cases: list };
    },
  );

  app.post<{ Body: CreateCaseBody }>(
    "/api/cases",
    {
      config: { permission: "cases.create", audit: "cases.create" },
      schema: {
        ...protectedRoute("cases.create", "Open a case from alerts", ["cases"], { 201: CaseResponse }),
        body: CreateCaseBody,
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const body = request.body;
      const alertIds = unique(body.alert_ids);
      request.auditDetail = `alerts=${alertIds.join(",")}`;
      const alerts: Alert[] = [];
      for (const id of alertIds) {
        const alert = await deps.alerts.get(id);
        if (!alert) throw badRequest("alert_ids", `no alert ${id}`);
        alerts.push(alert);
      }
      const { plan } = await deps.planning.load();
      const agency = body.agency?.trim() || null;
      if (agency && !plan.agencies.some((item) => item.id === agency)) {
        throw badRequest("agency", `is not an agency of the plan: ${agency}`);
      }
      const themes = unique(alerts.flatMap((alert) => alert.themes));
      const now = new Date();
      const record = createCase(
        {
          id: newCaseId(now),
          title: body.title,
          alert_ids: alertIds,
          article_ids: unique([
            ...(body.article_ids ?? []),
            ...alerts.flatMap((a) => a.evidence.article_ids),
          ]),
          claim_ids: unique(alerts.flatMap((alert) => alert.evidence.claim_ids ?? [])),
          themes,
          suggested_agency: suggestAgency(plan, {
            themes,
            agencies: unique(alerts.flatMap((alert) => alert.agencies)),
          }),
          agency,
        },
        actorOf(principal),
        now,
      );
      request.auditTarget = record.id;
      try {
        await deps.cases.create(record);
      } catch (error) {
        if (error instanceof CaseValidationError) throw badRequest("title", error.message);
        if (error instanceof CaseExistsError) throw new HttpError(409, error.message);
        throw error;
      }
      return reply.code(201).send({ case: record });
    },
  );

  app.get<{ Params: CaseParams }>(
    "/api/cases/:id",
    {
      config: { permission: "cases.read" },
      schema: {
        ...protectedRoute("cases.read", "One case with its timeline", ["cases"], { 200: CaseResponse }),
        params: CaseParams,
      },
    },
    async (request) => {
      const record = await deps.cases.get(request.params.id);
      if (!record || !caseVisible(request.principal!, record)) throw notFound(`no case ${request.params.id}`);
      return { case: record, spread: await spreadOf(deps, record) };
    },
  );

  app.post<{ Params: CaseParams; Body: CaseActionBody }>(
    "/api/cases/:id/actions",
    {
      config: { permission: "cases.write", audit: "cases.action" },
      schema: {
        ...protectedRoute("cases.write", "Apply one workflow action to a case", ["cases"], {
          200: CaseResponse,
        }),
        params: CaseParams,
        body: CaseActionBody,
      },
    },
    async (request) => {
      const principal = request.principal!;
      const { id } = request.params;
      const { version, action } = request.body as { version: number; action: CaseAction };
      request.auditTarget = id;
      request.auditDetail = `version=${version} ${describeAction(action)}`;
      const current = await deps.cases.get(id);
      if (!current || !caseVisible(principal, current)) throw notFound(`no case ${id}`);
      if (action.type === "assign") {
        if (principal.role === "agency") throw forbidden("role agency may not reassign a case");
        const { plan } = await deps.planning.load();
        if (!plan.agencies.some((item) => item.id === action.agency)) {
          throw badRequest("action.agency", `is not an agency of the plan: ${action.agency}`);
        }
      }
      try {
        return { case: await deps.cases.apply(id, action, actorOf(principal), version) };
      } catch (error) {
        if (error instanceof CaseNotFoundError) throw notFound(`no case ${id}`);
        if (error instanceof VersionConflictError) throw new HttpError(409, error.message);
        if (error instanceof InvalidTransitionError) {
          throw new HttpError(
            400,
            error.message,
            [{ field: "action.to", message: error.message }],
            "invalid_transition",
          );
        }
        if (error instanceof CaseValidationError) {
          throw new HttpError(400, error.message, [{ field: "action", message: error.message }]);
        }
        throw error;
      }
    },
  );
};
export default cases;
