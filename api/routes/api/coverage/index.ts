/**
 * GET /api/coverage                 counts by period × the `by` dimensions, with unique stories,
 *                                   share of voice and change against the previous period
 * GET /api/coverage.csv|.xlsx       the same rows as a download
 */
import type { FastifyPluginAsync } from "fastify";
import { coverageColumns, onePage } from "../../../../src/export/tables.ts";
import type { AppOptions } from "../../../context.ts";
import { type ExportFormat, sendTable } from "../../../export.ts";
import { splitCommaLists, toCoverageRequest } from "../../../query.ts";
import { protectedRoute } from "../../../schemas/common.ts";
import { CoverageQuery, CoverageResponseSchema } from "../../../schemas/coverage.ts";

const coverage: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  app.get<{ Querystring: CoverageQuery }>(
    "/api/coverage",
    {
      config: { permission: "coverage.read" },
      preValidation: splitCommaLists,
      schema: {
        ...protectedRoute("coverage.read", "Coverage counts", ["coverage"], { 200: CoverageResponseSchema }),
        querystring: CoverageQuery,
      },
    },
    async (request) => {
      const coverageRequest = toCoverageRequest(request.query, request.principal!);
      const result = await deps.articles.coverage(coverageRequest);
      return { ...result, from: coverageRequest.from, to: coverageRequest.to };
    },
  );

  for (const format of ["csv", "xlsx"] as const satisfies ExportFormat[]) {
    app.get<{ Querystring: CoverageQuery }>(
      `/api/coverage.${format}`,
      {
        config: { permission: "coverage.export" },
        preValidation: splitCommaLists,
        schema: {
          ...protectedRoute("coverage.export", `Coverage counts as ${format.toUpperCase()}`, ["coverage"]),
          querystring: CoverageQuery,
        },
      },
      async (request, reply) => {
        const coverageRequest = toCoverageRequest(request.query, request.principal!);
        const result = await deps.articles.coverage(coverageRequest);
        return sendTable(request, reply, {
          format,
          name: `coverage-${coverageRequest.period}`,
          sheetName: "Coverage",
          columns: coverageColumns(coverageRequest.by),
          pages: onePage(result.rows),
        });
      },
    );
  }
};
export default coverage;
