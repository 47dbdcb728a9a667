/**
 * Turning filters and user text into engine queries. User text only ever reaches the engine through
 * `simple_query_string`, which cannot fail on syntax and exposes no field or script access.
 */
import { normalizeVietnamese } from "../text/normalize.ts";
import type { SearchFilters } from "./types.ts";

export const TEXT_FIELDS = [
  "title^3",
  "title.folded^2",
  "lead^2",
  "lead.folded^1.5",
  "body",
  "body.folded^0.7",
];
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date range on `published_at`; date-only bounds are whole days in the plan's time zone. */
export function dateRange(from: string | undefined, to: string | undefined, timeZone: string) {
  if (!from && !to) return undefined;
  const range: Record<string, string> = { time_zone: timeZone };
  if (from) range.gte = DATE_ONLY.test(from) ? `${from}||/d` : from;
  if (to) range.lte = DATE_ONLY.test(to) ? `${to}||/d` : to;
  return { range: { published_at: range } };
}

export function filterClauses(filters: SearchFilters, timeZone: string): object[] {
  const clauses: object[] = [];
  const terms = (field: string, values: string[] | undefined) => {
    if (values?.length) clauses.push({ terms: { [field]: values } });
  };
  terms("themes.id", filters.theme);
  terms("agencies", filters.agency);
  terms("outlet", filters.outlet);
  terms("outlet_kind", filters.outlet_kind);
  terms("districts", filters.district);
  terms("tone.label", filters.tone);
  const range = dateRange(filters.from, filters.to, timeZone);
  if (range) clauses.push(range);
  if (filters.has_misinformation !== undefined) {
    const flagged = { range: { "misinformation.score": { gte: 0.5 } } };
    clauses.push(filters.has_misinformation ? flagged : { bool: { must_not: [flagged] } });
  }
  return clauses;
}

/** The full query: text (if any) scored, filters unscored. */
export function buildQuery(q: string | undefined, filters: SearchFilters, timeZone: string): object {
  const text = q ? normalizeVietnamese(q).trim() : "";
  const must = text
    ? [
        {
          simple_query_string: {
            query: text,
            fields: TEXT_FIELDS,
            default_operator: "and",
            flags: "AND|OR|NOT|PHRASE|PREFIX|WHITESPACE|ESCAPE|PRECEDENCE",
          },
        },
      ]
    : [{ match_all: {} }];
  // Multi-syllable names score higher when their syllables appear together.
  const should = text
    ? [
        { match: { "title.shingles": { query: text, boost: 2 } } },
        { match: { "lead.shingles": { query: text } } },
      ]
    : [];
  return { bool: { must, should, filter: filterClauses(filters, timeZone) } };
}
