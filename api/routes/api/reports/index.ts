/**
 * GET /api/reports/year.xlsx|.pdf|.csv?year=&scope=   the year-end report in Vietnamese, the same
 *     file `presswatch report` writes, for the plan or one contract, outlet or agency (an agency
 *     user: their agency's). The numbers are those of GET /api/contracts/compliance for the same
 *     year and scope: both evaluate the same merged contracts at request time.
 */
import type { FastifyPluginAsync } from "fastify";
import { REPORT_CONTENT_TYPES, REPORT_FORMATS } from "../../../../src/reports/file.ts";
import { requestScope } from "../../../compliance.ts";
import type { AppOptions } from "../../../context.ts";
import { badRequest } from "../../../errors.ts";
import { protectedRoute } from "../../../schemas/common.ts";
import { ReportQuery } from "../../../schemas/reports.ts";

const reports: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  for (const format of REPORT_FORMATS) {
    app.get<{ Querystring: ReportQuery }>(
      `/api/reports/year.${format}`,
      {
        config: { permission: "reports.export" },
        schema: {
          ...protectedRoute("reports.export", `The year-end report as ${format.toUpperCase()}`, ["reports"]),
          querystring: ReportQuery,
          produces: [REPORT_CONTENT_TYPES[format]],
        },
      },
      async (request, reply) => {
        const sources = await deps.planning.load();
        const year = request.query.year ?? sources.plan.year;
        // The report's title, themes and obligations are the plan's: another year needs its plan.
        if (year !== sources.plan.year) {
          throw badRequest("year", `the plan in force is for ${sources.plan.year}, not ${year}`);
        }
        const scope = requestScope(request.principal!, request.query.scope, sources);
        const started = performance.now();
        const { bytes, name } = await deps.reports.year(year, scope, format, Date.now());
        request.log.info(
          { report: name, bytes: bytes.length, ms: Math.round(performance.now() - started) },
          "report built",
        );
        return reply
          .header("content-type", REPORT_CONTENT_TYPES[format])
          .header("content-disposition", `attachment; filename="${name}"`)
          .header("cache-control", "no-store")
          .send(bytes);
      },
    );
  }
};
export default reports;
