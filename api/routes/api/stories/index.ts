/**
 * GET /api/stories/:id   one story: its articles in time order (originals and reprints), outlets,
 *                        tone mix, matched claims and, for a crisis story, the rumour's spread
 *                        against the correction's. An agency user sees only their agency's articles
 *                        of it (404 when none).
 */
import { Type } from "@sinclair/typebox";
import type { FastifyPluginAsync } from "fastify";
import { articleVisible } from "../../../../src/auth/scope.ts";
import { summarizeStory } from "../../../../src/stories/summary.ts";
import type { AppOptions } from "../../../context.ts";
import { notFound } from "../../../errors.ts";
import { protectedRoute } from "../../../schemas/common.ts";

/** A story's articles read at most (the demo's largest story has a few dozen). */
const STORY_ARTICLES = 500;

const StoryParams = Type.Object(
  { id: Type.String({ pattern: "^[A-Za-z0-9_:.-]{1,200}$" }) },
  { additionalProperties: false },
);

const StoryResponse = Type.Object({
  story: Type.Object({ id: Type.String() }, { additionalProperties: true }),
});

const stories: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  app.get<{ Params: { id: string } }>(
    "/api/stories/:id",
    {
      config: { permission: "articles.read" },
      schema: {
        ...protectedRoute("articles.read", "One story, its spread and its correction", ["articles"], {
          200: StoryResponse,
        }),
        params: StoryParams,
      },
    },
    async (request) => {
      const docs = (await deps.articles.inStories([request.params.id], STORY_ARTICLES)).filter((doc) =>
        articleVisible(request.principal!, doc),
      );
      const story = summarizeStory(request.params.id, docs);
      if (!story) throw notFound(`no story ${request.params.id}`);
      return { story };
    },
  );
};
export default stories;
