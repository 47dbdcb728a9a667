/**
 * A story (the articles of one event, `story_id`) as a coordinator reads it: its articles in time
 * order, originals and reprints, the outlets that carried it, the tone mix, the registered false
 * claims its articles repeat or refute, and, for a crisis story (one that repeats a claim), the
 * rumour's spread against the correction's (src/cases/spread.ts), the correction counted from the
 * first article that refutes it. Pure.
 */
import { compareSpread, type SpreadArticle, type SpreadComparison } from "../cases/spread.ts";
import type { ArticleDoc, Tone } from "../model/article.ts";
import { claimStances } from "../signals/signals.ts";

export interface StoryArticle {
  id: string;
  title: string;
  outlet: string;
  outlet_kind: ArticleDoc["outlet_kind"];
  url: string;
  at: string;
  is_original: boolean;
  tone: Tone;
  snapshot: string | null;
  /** The claims it repeats (`asserts`) or refutes. */
  claims: Array<{ claim_id: string; stance: "asserts" | "refutes" }>;
}

export interface StorySummary {
  id: string;
  headline: string;
  first_at: string;
  last_at: string;
  articles: StoryArticle[];
  originals: number;
  reprints: number;
  outlets: Array<{ outlet: string; articles: number; first_at: string }>;
  tone: Record<Tone, number>;
  themes: Array<{ theme: string; articles: number }>;
  claims: Array<{ claim_id: string; asserts: number; refutes: number }>;
  /** Only for a story that repeats a registered claim. */
  spread: SpreadComparison | null;
}

const timeOf = (doc: Pick<ArticleDoc, "published_at" | "fetched_at">) => doc.published_at ?? doc.fetched_at;

export function summarizeStory(id: string, docs: readonly ArticleDoc[]): StorySummary | null {
  if (docs.length === 0) return null;
  const sorted = [...docs].sort((a, b) => timeOf(a).localeCompare(timeOf(b)) || a.id.localeCompare(b.id));
  const articles: StoryArticle[] = sorted.map((doc) => ({
    id: doc.id,
    title: doc.title,
    outlet: doc.outlet,
    outlet_kind: doc.outlet_kind,
    url: doc.url,
    at: timeOf(doc),
    is_original: doc.is_original,
    tone: doc.tone.label,
    snapshot: doc.snapshot ?? null,
    claims: claimStances(doc.misinformation?.reasons ?? []),
  }));
  const outlets = new Map<string, { outlet: string; articles: number; first_at: string }>();
  for (const article of articles) {
    const entry = outlets.get(article.outlet) ?? {
      outlet: article.outlet,
      articles: 0,
      first_at: article.at,
    };
    entry.articles++;
    outlets.set(article.outlet, entry);
  }
  const tone: Record<Tone, number> = { negative: 0, neutral: 0, positive: 0 };
  for (const article of articles) tone[article.tone]++;
  const themes = new Map<string, number>();
  for (const doc of sorted) themes.set(doc.primary_theme, (themes.get(doc.primary_theme) ?? 0) + 1);
  const claims = new Map<string, { claim_id: string; asserts: number; refutes: number }>();
  for (const article of articles)
    for (const { claim_id, stance } of article.claims) {
      const entry = claims.get(claim_id) ?? { claim_id, asserts: 0, refutes: 0 };
      entry[stance === "asserts" ? "asserts" : "refutes"]++;
      claims.set(claim_id, entry);
    }
  // As on a case: a piece that both quotes the rumour and refutes it is a correction.
  const spreadArticles = articles.flatMap((article): SpreadArticle[] =>
    article.claims.length === 0
      ? []
      : [
          {
            id: article.id,
            outlet: article.outlet,
            at: article.at,
            stance: article.claims.some((c) => c.stance === "refutes") ? "refutes" : "asserts",
          },
        ],
  );
  const crisis = spreadArticles.some((article) => article.stance === "asserts");
  const firstCorrection = spreadArticles.find((article) => article.stance === "refutes")?.at ?? null;
  return {
    id,
    headline: (sorted.find((doc) => doc.is_original) ?? sorted[0]!).title,
    first_at: articles[0]!.at,
    last_at: articles.at(-1)!.at,
    articles,
    originals: articles.filter((a) => a.is_original).length,
    reprints: articles.filter((a) => !a.is_original).length,
    outlets: [...outlets.values()].sort((a, b) => a.first_at.localeCompare(b.first_at)),
    tone,
    themes: [...themes.entries()]
      .map(([theme, n]) => ({ theme, articles: n }))
      .sort((a, b) => b.articles - a.articles),
    claims: [...claims.values()],
    spread: crisis ? compareSpread(spreadArticles, firstCorrection) : null,
  };
}
