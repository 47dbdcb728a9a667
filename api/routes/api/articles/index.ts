/**
 * GET /api/articles/search            search (text, filters, sort, offset or cursor, facets, highlights)
 * GET /api/articles/search.csv|.xlsx  every matching article, streamed, no row cap
 * GET /api/articles/:id               one article (404 outside an agency user's scope), with its correction
 * GET /api/articles/:id/snapshot      the archived page, sanitised, script-free, under a CSP that allows no load
 * PUT /api/articles/:id/correction    a coordinator corrects themes, tone, agency or relevance (audited);
 *                                     the indexed article changes at once, so coverage counts it
 */
import type { FastifyPluginAsync } from "fastify";
import { articleVisible } from "../../../../src/auth/scope.ts";
import { SNAPSHOT_CSP, snapshotDocument } from "../../../../src/evidence/safeSnapshot.ts";
import { ARTICLE_COLUMNS } from "../../../../src/export/tables.ts";
import { decodeBody } from "../../../../src/fetch/charset.ts";
import type { CorrectionFields } from "../../../../src/model/correction.ts";
import { CorrectionConflictError } from "../../../../src/store/corrections.ts";
import { InvalidCursorError } from "../../../../src/store/searchArticles.ts";
import type { AppOptions } from "../../../context.ts";
import { badRequest, HttpError, notFound } from "../../../errors.ts";
import { type ExportFormat, sendTable } from "../../../export.ts";
import { splitCommaLists, toExportRequest, toSearchRequest } from "../../../query.ts";
import {
  ArticleParams,
  ArticleResponse,
  CorrectionBody,
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
      return { article, correction: await deps.corrections.get(article.id) };
    },
  );

  app.get<{ Params: ArticleParams }>(
    "/api/articles/:id/snapshot",
    {
      config: { permission: "articles.snapshot" },
      schema: {
        ...protectedRoute("articles.snapshot", "The archived page of an article, made safe to open", [
          "articles",
        ]),
        params: ArticleParams,
        produces: ["text/html"],
      },
    },
    async (request, reply) => {
      const article = await deps.articles.get(request.params.id);
      if (!article || !articleVisible(request.principal!, article))
        throw notFound(`no article ${request.params.id}`);
      const stored = article.snapshot ? await deps.snapshots.get(article.snapshot) : null;
      if (!stored) throw notFound(`no archived page for article ${article.id}`);
      const html = decodeBody(stored.bytes, stored.content_type ?? undefined).text;
      return reply
        .type("text/html; charset=utf-8")
        .header("content-security-policy", SNAPSHOT_CSP)
        .header("x-content-type-options", "nosniff")
        .header("referrer-policy", "no-referrer")
        .header("cache-control", "private, no-store")
        .header("x-snapshot-sha256", stored.hash)
        .send(
          snapshotDocument(html, {
            url: stored.url ?? article.url,
            fetchedAt: stored.fetched_at ?? article.fetched_at,
            hash: stored.hash,
            intact: stored.intact,
          }),
        );
    },
  );

  app.put<{ Params: ArticleParams; Body: CorrectionBody }>(
    "/api/articles/:id/correction",
    {
      config: { permission: "articles.correct", audit: "articles.correct" },
      schema: {
        ...protectedRoute("articles.correct", "Correct the analysis of an article", ["articles"], {
          200: ArticleResponse,
        }),
        params: ArticleParams,
        body: CorrectionBody,
      },
    },
    async (request) => {
      const { id } = request.params;
      const { note, ...given } = request.body;
      request.auditTarget = id;
      const fields: CorrectionFields = Object.fromEntries(
        Object.entries(given).filter(([, value]) => value !== undefined),
      );
      if (Object.keys(fields).length === 0)
        throw badRequest("body", "must correct at least one of themes, tone, agency, relevant");
      const { plan } = await deps.planning.load();
      for (const theme of fields.themes ?? [])
        if (!plan.themes.some((t) => t.id === theme))
          throw badRequest("themes", `is not a theme of the plan: ${theme}`);
      if (fields.themes && new Set(fields.themes).size !== fields.themes.length)
        throw badRequest("themes", "lists a theme twice");
      if (fields.agency && !plan.agencies.some((a) => a.id === fields.agency))
        throw badRequest("agency", `is not an agency of the plan: ${fields.agency}`);
      request.auditDetail = JSON.stringify({ ...fields, ...(note ? { note } : {}) });
      const principal = request.principal!;
      let result: Awaited<ReturnType<typeof deps.corrections.correct>>;
      try {
        result = await deps.corrections.correct(deps.articles, id, {
          fields,
          note: note?.trim() || null,
          by: principal.username,
        });
      } catch (error) {
        if (error instanceof CorrectionConflictError) throw new HttpError(409, error.message);
        throw error;
      }
      if (!result) throw notFound(`no article ${id}`);
      return result;
    },
  );
};
export default articles;
