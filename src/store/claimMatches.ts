/**
 * The stored articles that repeat (or refute) one registered false claim, grouped by story. The
 * stored misinformation reasons are sentences, and a claim entered today was not there when older
 * articles were analysed, so the claim is matched again here: the index preselects articles
 * containing one of its key terms, then the analyzer's own matcher (src/signals/claimMatch.ts)
 * decides, with the same rules and stance as the pipeline.
 */
import type { QueryContainer } from "@opensearch-project/opensearch/api/_types/_common.query_dsl.js";
import type { ArticleDoc } from "../model/article.ts";
import { compileClaims, matchClaims } from "../signals/claimMatch.ts";
import type { Claim } from "../signals/claims.ts";
import type { StanceKind } from "../signals/stance.ts";
import { prepareText } from "../signals/text.ts";
import type { SearchClient } from "./client.ts";

export interface ClaimArticle {
  id: string;
  title: string;
  outlet: string;
  url: string;
  published_at: string | null;
  stance: StanceKind;
  score: number;
}

export interface ClaimStory {
  story_id: string;
  first_at: string | null;
  articles: ClaimArticle[];
}

const FIELDS = ["title", "lead", "body", "body.folded"];
/** Candidates read per request: the newest articles carrying a key term. */
const CANDIDATES = 500;

export function createClaimMatcher(client: SearchClient, options: { alias: string }) {
  return {
    async stories(claim: Claim, scope: { agency: string | null }): Promise<ClaimStory[]> {
      const alternatives = claim.key_terms.flat();
      const should: QueryContainer[] = alternatives.flatMap((term) =>
        FIELDS.map((field) => ({ match_phrase: { [field]: term } })),
      );
      const filter: QueryContainer[] = scope.agency ? [{ term: { agencies: scope.agency } }] : [];
      const response = await client.search({
        index: options.alias,
        body: {
          size: CANDIDATES,
          sort: [{ published_at: { order: "desc", missing: "_last" } }],
          _source: [
            "id",
            "title",
            "lead",
            "body",
            "outlet",
            "url",
            "canonical_url",
            "published_at",
            "story_id",
          ],
          query: { bool: { should, minimum_should_match: 1, filter } },
        },
      });
      const index = compileClaims([claim]);
      const byStory = new Map<string, ClaimArticle[]>();
      for (const hit of response.body.hits.hits) {
        const doc = hit._source as Pick<
          ArticleDoc,
          "id" | "title" | "lead" | "body" | "outlet" | "url" | "canonical_url" | "published_at" | "story_id"
        >;
        const text = prepareText([doc.title, doc.lead ?? "", doc.body].join("\n"));
        const match = matchClaims(index, text, { url: doc.canonical_url ?? doc.url })[0];
        if (!match) continue;
        const list = byStory.get(doc.story_id) ?? [];
        list.push({
          id: doc.id,
          title: doc.title,
          outlet: doc.outlet,
          url: doc.url,
          published_at: doc.published_at,
          stance: match.stance,
          score: match.score,
        });
        byStory.set(doc.story_id, list);
      }
      const stories = [...byStory].map(([story_id, articles]) => {
        articles.sort((a, b) => (a.published_at ?? "").localeCompare(b.published_at ?? ""));
        return { story_id, first_at: articles[0]?.published_at ?? null, articles };
      });
      // The latest story first: the one a coordinator is answering now.
      return stories.sort((a, b) => (b.first_at ?? "").localeCompare(a.first_at ?? ""));
    },
  };
}

export type ClaimMatcher = ReturnType<typeof createClaimMatcher>;
