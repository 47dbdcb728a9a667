/** GET /api/sources: each source's crawl health, as the crawler last reported it. */
import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync } from "fastify";
import type { AppOptions } from "../../../context.ts";
import { protectedRoute } from "../../../schemas/common.ts";

const Text = Type.Union([Type.String(), Type.Null()]);

const SourcesResponse = Type.Object({
  sources: Type.Array(
    Type.Object({
      id: Type.String(),
      outlet_id: Text,
      outlet_name: Text,
      kind: Text,
      url: Text,
      enabled: Type.Boolean(),
      state: Type.String({ description: "new, ok, failing or silent" }),
      runs: Type.Integer(),
      last_run_at: Text,
      last_success_at: Text,
      last_error: Type.Union([
        Type.Object({
          kind: Type.String(),
          message: Type.String(),
          at: Type.String(),
          stage: Type.String(),
          url: Type.Optional(Type.String()),
        }),
        Type.Null(),
      ]),
      consecutive_failures: Type.Integer(),
      empty_runs: Type.Integer(),
      items_last_run: Type.Integer(),
      new_items_last_run: Type.Integer(),
      silent_for_ms: Type.Union([Type.Integer(), Type.Null()], {
        description: "while silent: milliseconds since the last new item",
      }),
      publish_interval_ms: Type.Union([Type.Number(), Type.Null()], {
        description: "the source's usual time between new items, learned",
      }),
    }),
  ),
});

const sources: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  app.get(
    "/api/sources",
    {
      config: { permission: "sources.read" },
      schema: protectedRoute(
        "sources.read",
        "Crawl health of each source, silent and failing ones first",
        ["sources"],
        {
          200: SourcesResponse,
        },
      ),
    },
    async () => ({ sources: await deps.sources.list() }),
  );
};
export default sources;
