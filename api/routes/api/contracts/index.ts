/**
 * GET /api/contracts/compliance?year=&scope=   the plan's and the contracts' obligations of a year,
 *                                             month by month, with the articles that counted
 *                                             (an agency user: the obligations of their agency);
 *                                             the contracts are the files' and the API's (edit.ts)
 */
import type { FastifyPluginAsync } from "fastify";
import { type Evidence, formatScope, monthMatrix } from "../../../../src/contracts/index.ts";
import { requestScope } from "../../../compliance.ts";
import type { AppOptions } from "../../../context.ts";
import { protectedRoute } from "../../../schemas/common.ts";
import { ComplianceQuery, ComplianceResponseSchema } from "../../../schemas/contracts.ts";

function evidenceOf(items: Evidence[]) {
  const seen = new Set<string>();
  return items
    .filter((item) => !seen.has(item.article_id) && seen.add(item.article_id))
    .map(({ article_id, outlet, title, url, snapshot, published_at, day }) => ({
      article_id,
      outlet,
      title,
      url,
      snapshot,
      published_at,
      day,
    }));
}

const contracts: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  app.get<{ Querystring: ComplianceQuery }>(
    "/api/contracts/compliance",
    {
      config: { permission: "contracts.read" },
      schema: {
        ...protectedRoute("contracts.read", "Compliance with the obligations, by month", ["contracts"], {
          200: ComplianceResponseSchema,
        }),
        querystring: ComplianceQuery,
      },
    },
    async (request) => {
      const sources = await deps.planning.load();
      const year = request.query.year ?? sources.plan.year;
      const scope = requestScope(request.principal!, request.query.scope, sources);
      const evaluation = await deps.compliance.evaluate(year, scope, Date.now());
      return {
        year: evaluation.year,
        now: evaluation.now,
        scope: formatScope(scope),
        lines: monthMatrix(evaluation).map((line) => ({
          obligation: {
            id: line.obligation.id,
            title: line.obligation.title,
            kind: line.obligation.kind,
            ...(line.obligation.section && { section: line.obligation.section }),
            owner: line.obligation.owner,
          },
          outlet: line.outlet,
          unit: line.unit,
          months: line.months.map((cell) =>
            cell
              ? {
                  status: cell.status,
                  counted: cell.counted,
                  required: cell.required,
                  evidence: evidenceOf(cell.rows.flatMap((row) => row.evidence)),
                }
              : null,
          ),
        })),
      };
    },
  );
};
export default contracts;
