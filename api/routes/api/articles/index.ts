/**
 * GET /api/articles/search            search (text, filters, sort, offset or cursor, facets, highlights)
 * GET /api/articles/search.csv|.xlsx  every matching article, streamed, no row cap
 * GET /api/articles/:id               one article (404 outside an agency user's scope)
 */
import type { FastifyPluginAsync } from "fastify";
import { articleVisible } from "../../../../src/auth/scope.ts";
import { ARTICLE_COLUMNS } from "../../../../src/export/tables.ts";
import { InvalidCursorError } from "../../../../src/store/searchArticles.ts";
import type { AppOptions } from "../../../context.ts";
import { badRequest, notFound } from "../../../errors.ts";
import { type ExportFormat, sendTable } from "../../../export.ts";
import { splitCommaLists, toExportRequest, toSearchRequest } from "../../../query.ts";
import {
  ArticleParams,
  ArticleResponse,
  ExportQuery,
  SearchQuery,
  SearchResponseSchema,
} from "../../../schemas/articles.ts";
import { protectedRoute } from "../../../schemas/common.ts";

const articles: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  app.get<{ Querystring: SearchQuery }>(
    "/api/articles/search",
    {
      config: { permission: "articles.search" },
      preValidation: splitCommaLists,
      schema: {
        ...protectedRoute("articles.search", "Search articles", ["articles"], { 200: SearchResponseSchema }),
        querystring: SearchQuery,
      },
    },
    async (request) => {
      const searchRequest = toSearchRequest(request.query, request.principal!);
      try {
        return await deps.articles.search(searchRequest);
      } catch (error) {
        if (error instanceof InvalidCursorError)
          throw badRequest("after", "is not a cursor this API returned");
        throw error;
      }
    },
  );

  for (const format of ["csv", "xlsx"] as const satisfies ExportFormat[]) {
    app.get<{ Querystring: ExportQuery }>(
      `/api/articles/search.${format}`,
      {
        config: { permission: "articles.export" },
        preValidation: splitCommaLists,
        schema: {
          ...protectedRoute("articles.export", `Export every matching article as ${format.toUpperCase()}`, [
            "articles",
          ]),
          querystring: ExportQuery,
          produces: [
            format === "csv"
              ? "text/csv"
              : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          ],
        },
      },
      async (request, reply) => {
        const exportRequest = toExportRequest(request.query, request.principal!);
        return sendTable(request, reply, {
          format,
          name: "articles",
          sheetName: "Articles",
          columns: ARTICLE_COLUMNS,
          pages: deps.articles.scan(exportRequest),
        });
      },
    );
  }

  app.get<{ Params: ArticleParams }>(
    "/api/articles/:id",
    {
      config: { permission: "articles.read" },
      schema: {
        ...protectedRoute("articles.read", "One article", ["articles"], { 200: ArticleResponse }),
        params: ArticleParams,
      },
    },
    async (request) => {
      const article = await deps.articles.get(request.params.id);
      // Out of scope looks the same as absent: an agency user learns nothing about other articles.
      if (!article || !articleVisible(request.principal!, article)) {
        throw notFound(`no article ${request.params.id}`);
      }
      return { article };
    },
  );
};
export default articles;
