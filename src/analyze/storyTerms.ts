/**
 * Story candidates without a search engine: each article is summarised by its few heaviest story
 * terms (the syllable unigrams and bigrams of `termCounts` in stories.ts: folded, stopwords out,
 * names and the title weighing double), which an index in Redis maps back to the articles that
 * carry them (src/pipeline/storyTermIndex.ts). A new article's candidates are the articles of the
 * window sharing its rarest terms, ranked by the weight they share; `pickStory` then decides on
 * their text as it did on the engine's `more_like_this` hits.
 *
 * Two reports of one event share names (places, people, bodies) more than wording, and names are
 * exactly the heavy terms here. The rarity of a term is its posting count within the window, read
 * from the index itself: no corpus statistics are shipped.
 */

import type { ArticleInput } from "./document.ts";
import { fnv1a32 } from "./hash.ts";
import { type StoryArticle, termCounts } from "./stories.ts";

export interface StoryTermSettings {
  /** Terms of an article written to the index (and the most a query can look up). */
  indexed: number;
  /** Of the query's terms, the rarest this many are looked up. */
  queried: number;
  /** A term carried by more articles of the window than this says nothing about the event. */
  maxPostings: number;
  /** Shared terms a candidate needs. */
  minShared: number;
  /** Candidates handed to `pickStory`, best first (the engine lookup returned 20). */
  candidates: number;
}

export const DEFAULT_STORY_TERM_SETTINGS: StoryTermSettings = {
  indexed: 48,
  queried: 24,
  maxPostings: 400,
  minShared: 2,
  candidates: 20,
};

export interface StoryTerm {
  /** A short, stable key for the term (its hash): what the index stores. */
  key: string;
  weight: number;
}

/** The article's heaviest story terms, heaviest first (ties: the term, for a stable choice). */
export function storyTerms(
  input: ArticleInput | StoryArticle,
  limit = DEFAULT_STORY_TERM_SETTINGS.indexed,
): StoryTerm[] {
  return storyTermsOf(termCounts(input), limit);
}

/** `storyTerms` from the article's term counts (by term, not hashed), when they are at hand. */
export function storyTermsOf(
  counts: ReadonlyMap<string, number>,
  limit = DEFAULT_STORY_TERM_SETTINGS.indexed,
): StoryTerm[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([term, weight]) => ({ key: fnv1a32(term).toString(36), weight }));
}

/**
 * The terms to look up, once their posting counts in the window are known: the rarest usable ones
 * (at least one posting, at most `maxPostings`), as many as `queried`. Pure.
 */
export function queryTerms(
  terms: readonly StoryTerm[],
  postingCounts: readonly number[],
  settings: StoryTermSettings = DEFAULT_STORY_TERM_SETTINGS,
): Array<StoryTerm & { postings: number }> {
  return terms
    .map((term, i) => ({ ...term, postings: postingCounts[i] ?? 0 }))
    .filter((term) => term.postings > 0 && term.postings <= settings.maxPostings)
    .sort((a, b) => a.postings - b.postings || b.weight - a.weight)
    .slice(0, settings.queried);
}

/**
 * Candidates from the postings of the looked-up terms: each article scores the query's weight of
 * every term it shares times the term's rarity (a smoothed IDF over the window); those sharing at
 * least `minShared` terms, best first, at most `candidates`. Pure.
 */
export function rankCandidates(
  self: string,
  looked: ReadonlyArray<StoryTerm & { postings: number }>,
  postings: ReadonlyArray<readonly string[]>,
  settings: StoryTermSettings = DEFAULT_STORY_TERM_SETTINGS,
): string[] {
  const scores = new Map<string, { score: number; shared: number }>();
  looked.forEach((term, i) => {
    const idf = Math.log(1 + settings.maxPostings / term.postings);
    for (const id of postings[i] ?? []) {
      if (id === self) continue;
      const entry = scores.get(id) ?? { score: 0, shared: 0 };
      entry.score += term.weight * idf;
      entry.shared += 1;
      scores.set(id, entry);
    }
  });
  return [...scores]
    .filter(([, entry]) => entry.shared >= settings.minShared)
    .sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))
    .slice(0, settings.candidates)
    .map(([id]) => id);
}
