/**
 * Which series an article counts in: per theme, per agency and per outlet kind, the negative
 * articles and the flagged ones (misinformation score at or above a threshold). A key reads
 * `theme:tourism:negative`.
 */
import type { ArticleDoc } from "../model/article.ts";

export type SpikeDimension = "theme" | "agency" | "outlet_kind";
export type SpikeMeasure = "negative" | "flagged";

export interface SpikeScope {
  dimension: SpikeDimension;
  value: string;
  measure: SpikeMeasure;
}

/** Misinformation score from which an article counts as flagged. */
export const FLAGGED_SCORE = 0.5;

export function spikeKey(scope: SpikeScope): string {
  return `${scope.dimension}:${scope.value}:${scope.measure}`;
}

export function parseSpikeKey(key: string): SpikeScope | null {
  const match = /^(theme|agency|outlet_kind):([^:]+):(negative|flagged)$/.exec(key);
  if (!match) return null;
  return { dimension: match[1] as SpikeDimension, value: match[2]!, measure: match[3] as SpikeMeasure };
}

export type CountedArticle = Pick<
  ArticleDoc,
  "themes" | "agencies" | "outlet_kind" | "tone" | "misinformation"
>;

/** The scopes an article counts in (none when it is neither negative nor flagged). */
export function spikeScopes(article: CountedArticle, flaggedScore = FLAGGED_SCORE): SpikeScope[] {
  const measures: SpikeMeasure[] = [];
  if (article.tone.label === "negative") measures.push("negative");
  if ((article.misinformation?.score ?? 0) >= flaggedScore) measures.push("flagged");
  const values: Array<[SpikeDimension, string]> = [
    ...[...new Set(article.themes.map((theme) => theme.id))].map((id): [SpikeDimension, string] => [
      "theme",
      id,
    ]),
    ...[...new Set(article.agencies)].map((id): [SpikeDimension, string] => ["agency", id]),
    ["outlet_kind", article.outlet_kind],
  ];
  return measures.flatMap((measure) => values.map(([dimension, value]) => ({ dimension, value, measure })));
}
