/**
 * OpenAPI: the document is generated from the routes' TypeBox schemas (JSON at /docs/json) and
 * browsable with swagger-ui at /docs. Each route's description lists the roles allowed.
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { shared } from "./shared.ts";

export const docsPlugin = shared("presswatch-docs", async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Presswatch API",
        version: "1",
        description:
          "Media monitoring for a provincial communication plan: search, coverage counts, exports, sources, " +
          "users and audit. Dates without a time are days in Asia/Ho_Chi_Minh. Errors are " +
          '`{ "error": "<code>", "message": "...", "fields"?: [{ "field", "message" }] }`.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: "http",
            scheme: "bearer",
            description: "a session token from POST /api/auth/login, or an API key (pw_…)",
          },
          apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
        },
      },
      tags: [
        { name: "auth", description: "login and the current caller" },
        { name: "articles", description: "search, read and export articles" },
        { name: "coverage", description: "counts by period, theme, outlet and agency" },
        { name: "sources", description: "crawl health per source" },
        { name: "admin", description: "users, API keys and the audit log" },
        { name: "operations", description: "health and metrics" },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
});
