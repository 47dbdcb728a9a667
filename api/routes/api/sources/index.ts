/**
 * GET  /api/sources                 each source's crawl health, as the crawler last reported it
 * GET  /api/sources/outlets         the outlets entered in the dashboard, as entered (files are edited on disk)
 * POST /api/sources/outlets         enter an outlet (the shape of a config/sources file; audited)
 * PUT  /api/sources/outlets/:id     replace it on the version read (audited): 409 when it changed since
 * PUT  /api/sources/paused          pause or resume one source, file or dashboard (audited)
 * POST /api/sources/test            discovery and extraction of one source now, nothing stored
 */
import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync } from "fastify";
import type { AppOptions } from "../../../context.ts";
import { protectedRoute } from "../../../schemas/common.ts";
import { registerSourceEdits } from "./edit.ts";

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
      paused: Type.Boolean({ description: "paused by an operator: not polled until resumed" }),
      origin: Type.Union([Type.Literal("file"), Type.Literal("api")], {
        description: "a file under config/sources, or an outlet entered in the dashboard",
      }),
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

  registerSourceEdits(app, deps);
};
export default sources;
