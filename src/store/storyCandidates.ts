/**
 * Candidates for a new article's story: indexed articles published within the story window of it
 * whose text is like its own (`more_like_this` over the folded title, lead and body, from the
 * article's title, lead and opening of its body). One search; the decision is `pickStory`
 * (src/analyze/stories.ts), which compares the candidates with the article itself.
 */

import type { ArticleDoc } from "../model/article.ts";
import type { SearchClient } from "./client.ts";

export type StoryCandidateDoc = Pick<
  ArticleDoc,
  | "id"
  | "story_id"
  | "cluster_id"
  | "title"
  | "lead"
  | "body"
  | "outlet"
  | "outlet_kind"
  | "url"
  | "canonical_url"
  | "published_at"
>;

export interface StoryCandidateQuery {
  id: string;
  title: string;
  lead: string;
  body: string;
  published_at: string;
}

export interface StoryCandidateOptions {
  windowHours: number;
  size: number;
}

const SOURCE: Array<keyof StoryCandidateDoc> = [
  "id",
  "story_id",
  "cluster_id",
  "title",
  "lead",
  "body",
  "outlet",
  "outlet_kind",
  "url",
  "canonical_url",
  "published_at",
];

/** Enough of the body to carry the names of the event; the whole body only slows the query. */
const LIKE_BODY_CHARS = 1_500;

export async function storyCandidates(
  client: SearchClient,
  alias: string,
  article: StoryCandidateQuery,
  options: StoryCandidateOptions,
): Promise<StoryCandidateDoc[]> {
  const at = Date.parse(article.published_at);
  if (Number.isNaN(at)) return [];
  const window = options.windowHours * 3_600_000;
  const like = [article.title, article.lead, article.body.slice(0, LIKE_BODY_CHARS)]
    .filter((part) => part.trim().length > 0)
    .join("\n");
  if (!like) return [];
  const response = await client.search({
    index: alias,
    body: {
      size: options.size,
      _source: SOURCE,
      query: {
        bool: {
          must: [
            {
              more_like_this: {
                fields: ["title.folded", "lead.folded", "body.folded"],
                like,
                // One article is the whole "document": every term counts once is enough, and a
                // young index has few documents to take frequencies from.
                min_term_freq: 1,
                min_doc_freq: 1,
                max_query_terms: 40,
                minimum_should_match: "20%",
              },
            },
          ],
          filter: [
            {
              range: {
                published_at: {
                  gte: new Date(at - window).toISOString(),
                  lte: new Date(at + window).toISOString(),
                },
              },
            },
          ],
          must_not: [{ ids: { values: [article.id] } }],
        },
      },
    },
  });
  return (response.body.hits.hits as Array<{ _source: StoryCandidateDoc }>).map((hit) => hit._source);
}

/**
 * The story fields of articles by id (those the engine does not have are left out), as a search
 * would see them: an `ids` query reads what the last refresh made visible, as `storyCandidates`
 * does, and asks the engine for no refresh of its own. A search rather than a multi-get, because
 * the alias reads several monthly indices and a multi-get must name one.
 */
export async function storyDocsByIds(
  client: SearchClient,
  alias: string,
  ids: readonly string[],
): Promise<StoryCandidateDoc[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const response = await client.search({
    index: alias,
    body: { size: unique.length, _source: [...SOURCE], query: { ids: { values: unique } } },
  });
  return (response.body.hits.hits as Array<{ _source: StoryCandidateDoc }>).map((hit) => hit._source);
}
