/**
 * What happened, for the reader of an alert: the story behind it from its evidence articles (the
 * first headline, the outlets, the first and latest article times, themes, agencies and tone). The
 * alerts stage adds it to every alert it raises (`evidence.story`), so the list, the e-mail and the
 * webhook say which story without anyone opening the alert. Pure; the texts themselves are
 * rendered in the reader's language where they are shown (web/i18n, src/notify/text.ts).
 */

import type { Alert, AlertStory } from "../model/alert.ts";
import type { ArticleDoc } from "../model/article.ts";

export type DescribedArticle = Pick<
  ArticleDoc,
  "id" | "title" | "outlet" | "published_at" | "fetched_at" | "themes" | "agencies" | "tone"
>;

/** Evidence articles read to describe an alert: the first ones are the story's earliest. */
export const DESCRIBE_ARTICLES = 20;

function when(article: DescribedArticle): string {
  return article.published_at ?? article.fetched_at;
}

export function describeStory(articles: readonly DescribedArticle[]): AlertStory {
  const ordered = [...articles].sort((a, b) => when(a).localeCompare(when(b)) || a.id.localeCompare(b.id));
  const tone = { negative: 0, neutral: 0, positive: 0 };
  for (const article of ordered) tone[article.tone.label] += 1;
  const label = (["negative", "positive", "neutral"] as const).reduce((best, next) =>
    tone[next] > tone[best] ? next : best,
  );
  const headline = ordered[0]?.title ?? null;
  const normal = (title: string) => title.trim().toLowerCase();
  const others = [...new Map(ordered.map((a) => [normal(a.title), a.title])).values()]
    .filter((title) => headline === null || normal(title) !== normal(headline))
    .slice(0, 3);
  const unique = <T>(values: T[]) => [...new Set(values)];
  return {
    headline,
    other_headlines: others,
    outlets: unique(ordered.map((a) => a.outlet)),
    first_at: ordered[0] ? when(ordered[0]) : null,
    latest_at: ordered.at(-1) ? when(ordered.at(-1)!) : null,
    themes: unique(ordered.flatMap((a) => a.themes.map((theme) => theme.id))),
    agencies: unique(ordered.flatMap((a) => a.agencies)),
    tone: { label: ordered.length ? label : "neutral", ...tone },
    articles: ordered.length,
  };
}

/** The alert with its story (articles it could not read are left out). */
export function describeAlert(alert: Alert, articles: readonly (DescribedArticle | null)[]): Alert {
  const found = articles.filter((a): a is DescribedArticle => a !== null);
  if (found.length === 0) return alert;
  return { ...alert, evidence: { ...alert.evidence, story: describeStory(found) } };
}
