/**
 * One extracted article through analysis: themes, agencies, places, tone (src/analyze), its
 * near-duplicate family (shared across workers), its story (different articles on the same event),
 * misinformation signals when configured, then into the bulk that indexes it. Safe to run twice: the family
 * assignment replays, the family's story is settled once (familyStories.ts), the index job id is
 * stable.
 *
 * Story: the indexed articles within the story window that share the article's story terms (the
 * story-term index in Redis, storyTermIndex.ts; or one `more_like_this` search, STORY_LOOKUP), then
 * `pickStory` (src/analyze/stories.ts) joins the most similar one's story at or above the
 * threshold, else the article's story is its family. The candidates of the term index are compared
 * on their story cards (term counts kept in Redis), not on texts read back from the engine; only
 * the texts of the story's members are read, for the misinformation signals. The article's own
 * terms and card are then recorded for the articles after it. Online single link is approximated by joining
 * the best match: two existing stories are never merged. Articles analysed at the same moment do
 * not see each other (neither is indexed yet); copies still agree through their family.
 */
import { type Analyzer, analyzeArticle } from "../analyze/analyze.ts";
import { fingerprintArticle, isReprint, outletRank } from "../analyze/dedupe.ts";
import { type PreparedDocument, prepareDocument } from "../analyze/document.ts";
import {
  DEFAULT_STORY_SETTINGS,
  type HashedCounts,
  hashCounts,
  pickStory,
  preparedTermCounts,
  type StorySettings,
} from "../analyze/stories.ts";
import type { ArticleDoc, ExtractedArticle } from "../model/article.ts";
import type { StoryArticle } from "../signals/contradiction.ts";
import type { StoryCandidateDoc, StoryCandidateQuery } from "../store/storyCandidates.ts";
import type { FamilyIndex } from "./familyIndex.ts";
import type { ArticleSignals } from "./loadSignals.ts";
import { toArticleDoc } from "./toArticleDoc.ts";

export interface AnalyzeJobDeps {
  analyzer: Analyzer;
  families: Pick<FamilyIndex, "assign">;
  /** Misinformation score and reasons, and the registered claims the article spreads. */
  signals?: (doc: ArticleDoc, story?: readonly StoryArticle[]) => ArticleSignals;
  /** Story assignment; without it an article's story is its near-duplicate family. */
  stories?: StoryDeps;
  /** `claims` travels with the document to the alerts stage (rumours); it is not indexed. */
  enqueueIndex: (doc: ArticleDoc, demote: string | null, claims: string[]) => Promise<void>;
}

/** What a story lookup is asked with: the article, and its term counts already taken. */
export interface StoryQuery extends StoryCandidateQuery {
  /** By term: the story-term index takes the heaviest. */
  counts: ReadonlyMap<string, number>;
  /** By hash: what the article is compared on, and its story card keeps. */
  hashed: HashedCounts;
}

/**
 * An indexed article of the window: with its text (the engine search) or with its term counts
 * keyed by hash (a story card, src/analyze/storyCard.ts). A lookup returns one kind or the other.
 */
export type StoryCandidateOf = Pick<StoryCandidateDoc, "id" | "story_id" | "cluster_id" | "published_at"> &
  Partial<StoryCandidateDoc> & { counts?: HashedCounts };

export interface StoryDeps {
  /** Indexed articles within the window of this one whose text is like it. */
  candidates: (article: StoryQuery, windowHours: number) => Promise<StoryCandidateOf[]>;
  /**
   * Makes the article findable by the articles after it, with its settled story and family (the
   * term index and the story card; nothing for the engine).
   */
  record?: (article: StoryQuery, placed: { story: string; family: string }) => Promise<void>;
  /** The texts of articles whose candidates came without them (cards), for the signals. */
  texts?: (ids: string[]) => Promise<StoryCandidateDoc[]>;
  /** The family's story: `proposed` when the family has none yet (see familyStories.ts). */
  settle: (family: string, proposed: string) => Promise<string>;
  settings?: StorySettings;
}

/** Fewer words than this and there is nothing to compare: no search. */
const MIN_STORY_WORDS = 3;

/** The article's story and the other articles of it that the lookup found (with their texts when `withTexts`). */
async function placeInStory(
  article: ExtractedArticle,
  prepared: PreparedDocument,
  family: string,
  stories: StoryDeps,
  withTexts: boolean,
): Promise<{ story: string; members: StoryArticle[] }> {
  const settings = stories.settings ?? DEFAULT_STORY_SETTINGS;
  const usable = article.published_at !== null && prepared.length >= MIN_STORY_WORDS;
  const counts = usable ? preparedTermCounts(prepared) : null;
  const query: StoryQuery | null = counts
    ? {
        id: article.id,
        title: article.title,
        lead: article.lead,
        body: article.body,
        published_at: article.published_at!,
        counts,
        hashed: hashCounts(counts),
      }
    : null;
  const candidates = query ? await stories.candidates(query, settings.windowHours) : [];
  // Without a query there are no candidates, and the pick needs no counts.
  const pick = pickStory(
    { ...article, family, ...(query && { counts: query.hashed }) },
    candidates.map((c) => ({ ...c, family: c.cluster_id })),
    settings,
  );
  const story = await stories.settle(family, pick?.story_id ?? family);
  if (query) await stories.record?.(query, { story, family });
  const members = candidates.filter((c) => c.story_id === story);
  if (!withTexts || !members.length) return { story, members: [] };
  const bare = members.filter((m) => typeof m.body !== "string").map((m) => m.id);
  const texts = bare.length && stories.texts ? await stories.texts(bare) : [];
  return {
    story,
    members: [...members.filter((m) => typeof m.body === "string"), ...texts] as StoryCandidateDoc[],
  };
}

export async function runAnalyzeJob(article: ExtractedArticle, deps: AnalyzeJobDeps) {
  const input = {
    title: article.title,
    lead: article.lead,
    body: article.body,
    url: article.url,
    published_at: article.published_at,
    outlet: article.outlet_id,
  };
  // Cleaned and tokenised once, for the analysis, the fingerprint and the story terms alike.
  const prepared = prepareDocument(input);
  const analysis = analyzeArticle(input, deps.analyzer, prepared);
  const outlet = deps.analyzer.outlets.byId.get(article.outlet_id);
  const family = await deps.families.assign({
    id: article.id,
    fingerprint: fingerprintArticle(input, prepared),
    published_at: article.published_at,
    reprint: isReprint(input),
    rank: outletRank(outlet?.kind),
  });
  const placed = deps.stories
    ? await placeInStory(article, prepared, family.family, deps.stories, !!deps.signals)
    : null;
  let doc = toArticleDoc(article, analysis, { outlet, family, ...(placed && { story: placed.story }) });
  let claims: string[] = [];
  if (deps.signals) {
    const { score, reasons, claims: asserted } = deps.signals(doc, placed?.members);
    doc = { ...doc, misinformation: { score, reasons } };
    claims = asserted;
  }
  await deps.enqueueIndex(doc, family.demoted, claims);
  return {
    id: doc.id,
    primary_theme: doc.primary_theme,
    family: family.family,
    original: family.isOriginal,
    story: doc.story_id,
  };
}
