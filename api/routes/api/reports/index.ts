/**
 * GET /api/reports/year.xlsx|.pdf|.csv?year=&scope=   the year-end report in Vietnamese, the same
 *     file `presswatch report` writes, for the plan or one contract, outlet or agency (an agency
 *     user: their agency's). The numbers are those of GET /api/contracts/compliance for the same
 *     year and scope: both evaluate the same merged contracts at request time.
 * GET /api/reports/week.pdf|.xlsx?day=YYYY-MM-DD   the weekly press-briefing pack (plan III.5đ) of
 *     the week (Monday to Sunday, Vietnam time) holding `day` (today by default): coverage by
 *     theme and outlet, negative items, open cases, obligations at risk (an agency user: theirs).
 */

import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync } from "fastify";
import { scopeFilters } from "../../../../src/auth/scope.ts";
import { REPORT_CONTENT_TYPES, REPORT_FORMATS } from "../../../../src/reports/file.ts";
import { weeklyHtml, weeklyXlsx } from "../../../../src/reports/weekly.ts";
import { gatherWeeklyPack } from "../../../../src/reports/weeklyGather.ts";
import { requestScope } from "../../../compliance.ts";
import type { AppOptions } from "../../../context.ts";
import { badRequest, forbidden } from "../../../errors.ts";
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

  for (const format of ["pdf", "xlsx"] as const) {
    app.get<{ Querystring: { day?: string } }>(
      `/api/reports/week.${format}`,
      {
        config: { permission: "reports.export" },
        schema: {
          ...protectedRoute("reports.export", `The weekly press-briefing pack as ${format.toUpperCase()}`, [
            "reports",
          ]),
          querystring: Type.Object(
            { day: Type.Optional(Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" })) },
            { additionalProperties: false },
          ),
          produces: [REPORT_CONTENT_TYPES[format]],
        },
      },
      async (request, reply) => {
        const principal = request.principal!;
        const scoped = scopeFilters(principal, {} as { agency?: string[] });
        if (!scoped.ok) throw forbidden(scoped.message);
        const sources = await deps.planning.load();
        const now = new Date();
        const day = request.query.day ?? new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
        if (Number(day.slice(0, 4)) !== sources.plan.year)
          throw badRequest("day", `the plan in force is for ${sources.plan.year}, not ${day.slice(0, 4)}`);
        const scope = requestScope(principal, undefined, sources);
        const [cases, evaluation] = await Promise.all([
          deps.cases.list({ size: 200, ...(scoped.value.agency ? { agency: scoped.value.agency[0]! } : {}) }),
          deps.compliance.evaluate(sources.plan.year, scope, now.getTime()),
        ]);
        const pack = await gatherWeeklyPack({
          plan: sources.plan,
          day,
          store: deps.articles,
          filters: scoped.value,
          cases,
          evaluation,
          now,
        });
        const bytes = format === "pdf" ? await deps.reports.pdf(weeklyHtml(pack)) : await weeklyXlsx(pack);
        return reply
          .header("content-type", REPORT_CONTENT_TYPES[format])
          .header("content-disposition", `attachment; filename="ban-tin-tuan-${pack.from}.${format}"`)
          .header("cache-control", "no-store")
          .send(bytes);
      },
    );
  }
};
export default reports;
