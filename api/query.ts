/**
 * From validated query parameters to the store's requests: dates read in Viet Nam, cross-field
 * rules the schema cannot say (from <= to, offset + size within the window, after XOR offset),
 * and the agency scope of the caller. Every refusal names its field.
 */
import type { preValidationHookHandler } from "fastify";
import type { Principal } from "../src/auth/roles.ts";
import { scopeFilters } from "../src/auth/scope.ts";
import type { CoverageRequest, SearchFilters, SearchRequest } from "../src/store/types.ts";
import { addPeriods, periodStart } from "../src/time/periods.ts";
import { parseQueryDate, startInstant, vietnamDate, vietnamToday } from "./dates.ts";
import { badRequest, forbidden } from "./errors.ts";
import {
  type ExportQuery,
  LIST_PARAMETERS,
  MAX_OFFSET_WINDOW,
  type SearchQuery,
} from "./schemas/articles.ts";
import { type CoverageQuery, MAX_PERIODS } from "./schemas/coverage.ts";

/** `theme=a,b&theme=c` → ["a", "b", "c"] before validation. */
export const splitCommaLists: preValidationHookHandler = async (request) => {
  const query = request.query as Record<string, unknown>;
  for (const name of LIST_PARAMETERS) {
    const value = query[name];
    if (value === undefined) continue;
    const items = (Array.isArray(value) ? value : [value]).flatMap((item) =>
      typeof item === "string" ? item.split(",") : [item],
    );
    query[name] = items
      .map((item) => (typeof item === "string" ? item.trim() : item))
      .filter((item) => item !== "");
  }
};

function dateParam(field: "from" | "to", value: string | undefined) {
  if (value === undefined) return undefined;
  const parsed = parseQueryDate(value);
  if (!parsed.ok) throw badRequest(field, parsed.message);
  return parsed;
}

function filtersOf(query: ExportQuery | CoverageQuery, principal: Principal): SearchFilters {
  const from = dateParam("from", query.from);
  const to = dateParam("to", query.to);
  if (from && to && startInstant(from) > startInstant(to)) throw badRequest("to", "must not be before from");
  const filters: SearchFilters = {
    ...(query.theme?.length && { theme: query.theme }),
    ...(query.agency?.length && { agency: query.agency }),
    ...(query.outlet?.length && { outlet: query.outlet }),
    ...(query.outlet_kind?.length && { outlet_kind: query.outlet_kind }),
    ...(query.district?.length && { district: query.district }),
    ...(query.tone?.length && { tone: query.tone }),
    ...(from && { from: from.value }),
    ...(to && { to: to.value }),
    ...(query.has_misinformation !== undefined && { has_misinformation: query.has_misinformation }),
  };
  const scoped = scopeFilters(principal, filters);
  if (!scoped.ok) throw forbidden(scoped.message);
  return scoped.value;
}

export function toSearchRequest(query: SearchQuery, principal: Principal): SearchRequest {
  const size = query.size ?? 20;
  if (query.after !== undefined && query.offset !== undefined) {
    throw badRequest("offset", "cannot be combined with after");
  }
  if (query.offset !== undefined && query.offset + size > MAX_OFFSET_WINDOW) {
    throw badRequest(
      "offset",
      `plus size must be <= ${MAX_OFFSET_WINDOW}; use the after cursor for deep pages`,
    );
  }
  return {
    ...(query.q?.trim() && { q: query.q }),
    filters: filtersOf(query, principal),
    sort: query.sort ?? "relevance",
    size,
    ...(query.offset !== undefined && { from: query.offset }),
    ...(query.after !== undefined && { after: query.after }),
    facets: query.facets ?? false,
    highlight: query.highlight ?? true,
  };
}

/** Rows per store page while exporting: larger pages mean fewer round trips, more memory per page. */
export const EXPORT_PAGE_SIZE = 1000;

/** Exports read every page: the store's scan pages through the whole result. */
export function toExportRequest(query: ExportQuery, principal: Principal): SearchRequest {
  return {
    ...(query.q?.trim() && { q: query.q }),
    filters: filtersOf(query, principal),
    sort: query.sort ?? "relevance",
    size: EXPORT_PAGE_SIZE,
    facets: false,
    highlight: false,
  };
}

/** Periods from `from` to `to`, both period starts. */
function periodsBetween(from: string, to: string, period: CoverageRequest["period"]): number {
  let count = 0;
  for (let p = from; p <= to && count <= MAX_PERIODS[period]; p = addPeriods(p, period, 1)) count++;
  return count;
}

export function toCoverageRequest(
  query: CoverageQuery,
  principal: Principal,
  now = Date.now(),
): CoverageRequest {
  const period = query.period ?? "month";
  // Checks the dates and applies the agency scope; the period range travels outside the filters.
  const { from: _from, to: _to, ...filters } = filtersOf(query, principal);
  // Coverage works on whole days in Viet Nam: a date-time is taken as the day it falls on.
  const toParsed = dateParam("to", query.to);
  const fromParsed = dateParam("from", query.from);
  const to = toParsed ? vietnamDate(toParsed) : vietnamToday(now);
  const defaultSpan = { day: 30, week: 11, month: 11 }[period];
  const from = fromParsed
    ? vietnamDate(fromParsed)
    : addPeriods(periodStart(to, period), period, -defaultSpan);
  if (from > to) throw badRequest("to", "must not be before from");
  if (periodsBetween(periodStart(from, period), periodStart(to, period), period) > MAX_PERIODS[period]) {
    throw badRequest("from", `at most ${MAX_PERIODS[period]} ${period}s per request; narrow the range`);
  }
  return { period, from, to, filters, by: query.by?.length ? query.by : ["theme"] };
}
