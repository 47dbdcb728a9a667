/**
 * Story clustering: different articles about the same event (two outlets reporting the same
 * festival opening, a report and the follow-up on its penalty) grouped within a time window.
 *
 * Articles are compared by the cosine of TF-IDF vectors over syllable unigrams and bigrams without
 * diacritics (stopwords dropped; smoothed IDF from the batch itself); capitalised syllables inside a
 * sentence (names of people, places, bodies) count double, because two reports of one event share
 * names more than wording. Pairs published within `windowHours` of each other and at least
 * `minSimilarity` alike join one story (single link); members of a near-duplicate family are always
 * in the same story.
 *
 * Online (the running pipeline, `pickStory`): each new article is compared with the articles
 * already indexed that the engine finds similar within the window, and joins the story of the most
 * similar one at or above `minSimilarity`, else starts its own. This approximates single link: an
 * article that bridges two existing stories joins the better one and never merges them, and the
 * IDF comes from the article and its candidates rather than a whole batch.
 * `assignStoriesOnline` replays that procedure over a batch in publication order, for evaluation.
 */
import { foldDiacritics } from "../text/normalize.ts";
import { STOP_SYLLABLES } from "../text/stopwords.ts";
import { type ArticleInput, type Field, type PreparedDocument, prepareDocument } from "./document.ts";
import { fnv1a32 } from "./hash.ts";

export interface StorySettings {
  windowHours: number;
  minSimilarity: number;
}

export const DEFAULT_STORY_SETTINGS: StorySettings = { windowHours: 72, minSimilarity: 0.3 };

export interface StoryArticle extends ArticleInput {
  id: string;
  /** Near-duplicate family id, when known: a family is never split across stories. */
  family?: string | null;
  /** The article's hashed term counts when already known (a story card, storyCard.ts), in place of its text. */
  counts?: HashedCounts;
}

export interface Story {
  /** The id of the earliest member. */
  id: string;
  members: string[];
}

const FOLDED_STOPS: ReadonlySet<string> = new Set([...STOP_SYLLABLES].map((s) => foldDiacritics(s)));

const FIELD_WEIGHTS: Readonly<Record<Field, number>> = { title: 2, lead: 1, body: 1 };

export function termCounts(input: ArticleInput): Map<string, number> {
  return preparedTermCounts(prepareDocument(input));
}

/** `termCounts` of a document already prepared for analysis: nothing is tokenised again. */
export function preparedTermCounts(doc: PreparedDocument): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { field, text, tokens } of doc.fields) {
    const fieldWeight = FIELD_WEIGHTS[field];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.number || FOLDED_STOPS.has(t.folded)) continue;
      const name = !t.sentenceStart && /^\p{Lu}/u.test(text.slice(t.start, t.end));
      const weight = fieldWeight * (name ? 2 : 1);
      if (t.folded.length > 1) counts.set(t.folded, (counts.get(t.folded) ?? 0) + weight);
      const next = tokens[i + 1];
      if (next && !next.sentenceStart && !next.number && !FOLDED_STOPS.has(next.folded)) {
        const bigram = `${t.folded} ${next.folded}`;
        counts.set(bigram, (counts.get(bigram) ?? 0) + weight);
      }
    }
  }
  return counts;
}

/**
 * Term counts keyed by each term's hash (fnv1a32, as the story-term index keys), hashes ascending:
 * what story vectors are built from and story cards store. Typed arrays rather than maps: twenty
 * candidates of a thousand terms each are compared per article, and maps of that size were most of
 * the pipeline's garbage. Colliding terms add up (one in about a hundred articles has one).
 */
export interface HashedCounts {
  keys: Uint32Array;
  counts: Float32Array;
}

export function hashCounts(counts: ReadonlyMap<string, number>): HashedCounts {
  const hashes = new Uint32Array(counts.size);
  const values = new Float32Array(counts.size);
  let i = 0;
  for (const [term, count] of counts) {
    hashes[i] = fnv1a32(term);
    values[i++] = count;
  }
  const order = Array.from(hashes.keys()).sort((a, b) => hashes[a]! - hashes[b]!);
  const keys = new Uint32Array(order.length);
  const summed = new Float32Array(order.length);
  let n = 0;
  for (const k of order) {
    if (n > 0 && keys[n - 1] === hashes[k]) summed[n - 1]! += values[k]!;
    else {
      keys[n] = hashes[k]!;
      summed[n++] = values[k]!;
    }
  }
  return { keys: keys.subarray(0, n), counts: summed.subarray(0, n) };
}

/** A unit-length TF-IDF vector over term hashes, hashes ascending. */
export interface Vector {
  keys: Uint32Array;
  weights: Float64Array;
}

/**
 * Hashed term counts of recently seen articles, by id and a hash of their text: the same
 * candidates come back for article after article of a story window (when they come with texts),
 * and counting their terms again was most of the cost of placing an article in its story. Bounded
 * (least recently used go first); an edited text hashes differently and is counted afresh.
 */
const COUNTS_MEMO_SIZE = 2_000;
const countsMemo = new Map<string, HashedCounts>();

export function countsOf(article: StoryArticle): HashedCounts {
  if (article.counts) return article.counts;
  if (!article.id) return hashCounts(termCounts(article));
  const text = `${article.title ?? ""}\u0000${article.lead ?? ""}\u0000${article.body ?? ""}`;
  const key = `${article.id}:${fnv1a32(text).toString(36)}:${text.length}`;
  let counts = countsMemo.get(key);
  if (counts) countsMemo.delete(key);
  else counts = hashCounts(termCounts(article));
  countsMemo.set(key, counts);
  if (countsMemo.size > COUNTS_MEMO_SIZE) countsMemo.delete(countsMemo.keys().next().value!);
  return counts;
}

/** TF-IDF vectors (unit length) of the articles, the IDF taken from the articles themselves. */
export function storyVectors(articles: readonly StoryArticle[]): Vector[] {
  return vectorsOf(articles.map(countsOf));
}

export function vectorsOf(all: readonly HashedCounts[]): Vector[] {
  // Document frequencies: every article's hashes together, sorted, counted in runs.
  let total = 0;
  for (const c of all) total += c.keys.length;
  const pooled = new Uint32Array(total);
  let at = 0;
  for (const c of all) {
    pooled.set(c.keys, at);
    at += c.keys.length;
  }
  pooled.sort();
  const terms: number[] = [];
  const df: number[] = [];
  for (let i = 0; i < pooled.length; i++) {
    if (i > 0 && pooled[i] === pooled[i - 1]) df[df.length - 1]!++;
    else {
      terms.push(pooled[i]!);
      df.push(1);
    }
  }
  const n = all.length;
  return all.map(({ keys, counts }) => {
    const weights = new Float64Array(keys.length);
    let norm = 0;
    // Both sorted: one walk finds every term's document frequency.
    let j = 0;
    for (let i = 0; i < keys.length; i++) {
      while (terms[j]! < keys[i]!) j++;
      // Smoothed IDF (never zero): a small batch still weighs shared names.
      const w = (1 + Math.log(counts[i]!)) * (1 + Math.log((n + 1) / (df[j]! + 1)));
      weights[i] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
    return { keys, weights };
  });
}

function timeOf(article: Pick<ArticleInput, "published_at">): number | null {
  const ms = article.published_at ? Date.parse(article.published_at) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
}

export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (let i = 0, j = 0; i < a.keys.length && j < b.keys.length; ) {
    const x = a.keys[i]!;
    const y = b.keys[j]!;
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

export function clusterStories(
  articles: readonly StoryArticle[],
  settings: StorySettings = DEFAULT_STORY_SETTINGS,
): Story[] {
  const n = articles.length;
  const vs = storyVectors(articles);
  const times = articles.map(timeOf);
  const parent = articles.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (i: number, j: number) => {
    const a = find(i);
    const b = find(j);
    if (a !== b) parent[a] = b;
  };
  const byFamily = new Map<string, number>();
  articles.forEach((a, i) => {
    if (!a.family) return;
    const first = byFamily.get(a.family);
    if (first === undefined) byFamily.set(a.family, i);
    else union(first, i);
  });
  const window = settings.windowHours * 3_600_000;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const ti = times[i];
      const tj = times[j];
      // Without dates the window cannot be checked: such articles only join by family.
      if (ti === null || tj === null || ti === undefined || tj === undefined || Math.abs(ti - tj) > window)
        continue;
      if (cosine(vs[i]!, vs[j]!) >= settings.minSimilarity) union(i, j);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  }
  const stories: Story[] = [];
  for (const group of groups.values()) {
    group.sort(
      (a, b) =>
        (times[a] ?? Number.POSITIVE_INFINITY) - (times[b] ?? Number.POSITIVE_INFINITY) ||
        articles[a]!.id.localeCompare(articles[b]!.id),
    );
    stories.push({ id: articles[group[0]!]!.id, members: group.map((i) => articles[i]!.id) });
  }
  stories.sort((a, b) => a.id.localeCompare(b.id));
  return stories;
}

/** An article already placed in a story: what the store returns as a candidate. */
export interface StoryCandidate extends StoryArticle {
  story_id: string;
}

export interface StoryPick {
  story_id: string;
  /** The candidate whose story is joined. */
  via: string;
  similarity: number;
  /** Joined because the candidate is of the article's near-duplicate family. */
  family: boolean;
}

/**
 * The story a new article joins, or null when it starts its own. A member of a known family joins
 * its family's story; otherwise the story of the most similar candidate published within the
 * window, when at least `minSimilarity` alike (ties: the earlier candidate). Candidates are
 * vectorised with the article, the IDF taken from these few. Pure.
 */
export function pickStory(
  article: StoryArticle,
  candidates: readonly StoryCandidate[],
  settings: StorySettings = DEFAULT_STORY_SETTINGS,
): StoryPick | null {
  const others = candidates.filter((c) => c.id !== article.id);
  if (article.family) {
    const kin = others.find((c) => c.family === article.family);
    if (kin) return { story_id: kin.story_id, via: kin.id, similarity: 1, family: true };
  }
  const t = timeOf(article);
  // Without a date the window cannot be checked: such an article only joins by family.
  if (t === null) return null;
  const window = settings.windowHours * 3_600_000;
  const inWindow = others.filter((c) => {
    const tc = timeOf(c);
    return tc !== null && Math.abs(tc - t) <= window;
  });
  if (!inWindow.length) return null;
  const [own, ...vs] = storyVectors([article, ...inWindow]);
  if (!own || own.keys.length === 0) return null;
  let best: StoryPick | null = null;
  let bestTime = Number.POSITIVE_INFINITY;
  inWindow.forEach((c, i) => {
    const similarity = cosine(own, vs[i]!);
    if (similarity < settings.minSimilarity) return;
    const tc = timeOf(c) ?? Number.POSITIVE_INFINITY;
    if (!best || similarity > best.similarity || (similarity === best.similarity && tc < bestTime)) {
      best = { story_id: c.story_id, via: c.id, similarity, family: false };
      bestTime = tc;
    }
  });
  return best;
}

/**
 * The online procedure over a batch, for evaluation: articles taken in publication order (undated
 * ones last), each given `pickStory` over the `candidates` earlier articles most similar to it
 * (standing in for the engine's more-like-this lookup; ranked by the batch's TF-IDF cosine), the
 * first member of a family deciding the family's story. Stories are named by their first article.
 */
export function assignStoriesOnline(
  articles: readonly StoryArticle[],
  settings: StorySettings = DEFAULT_STORY_SETTINGS,
  options: { candidates: number } = { candidates: 20 },
): Story[] {
  const vs = storyVectors(articles);
  const order = articles
    .map((_, i) => i)
    .sort(
      (a, b) =>
        (timeOf(articles[a]!) ?? Number.POSITIVE_INFINITY) -
          (timeOf(articles[b]!) ?? Number.POSITIVE_INFINITY) ||
        articles[a]!.id.localeCompare(articles[b]!.id),
    );
  const storyOf = new Map<number, string>();
  const familyStory = new Map<string, string>();
  const placed: number[] = [];
  for (const i of order) {
    const article = articles[i]!;
    const ranked = placed
      .map((j) => ({ j, score: cosine(vs[i]!, vs[j]!) }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, options.candidates)
      .map(({ j }) => ({ ...articles[j]!, story_id: storyOf.get(j)! }));
    const known = article.family ? familyStory.get(article.family) : undefined;
    const story = known ?? pickStory(article, ranked, settings)?.story_id ?? article.id;
    if (article.family && !known) familyStory.set(article.family, story);
    storyOf.set(i, story);
    placed.push(i);
  }
  const groups = new Map<string, string[]>();
  for (const i of order) {
    const story = storyOf.get(i)!;
    const group = groups.get(story);
    if (group) group.push(articles[i]!.id);
    else groups.set(story, [articles[i]!.id]);
  }
  return [...groups.entries()]
    .map(([id, members]) => ({ id, members }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
