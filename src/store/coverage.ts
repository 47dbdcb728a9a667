/**
 * Coverage counts: articles per period (day, week, month in the plan's time zone) broken down by
 * theme, outlet, agency or outlet kind; raw counts and unique stories (syndicated copies of one
 * near-duplicate family count once), share of voice and the change against the previous period.
 */
import { addPeriods, periodStart } from "../time/periods.ts";
import type { SearchClient } from "./client.ts";
import { filterClauses } from "./query.ts";
import type { CoverageRequest, CoverageResponse, CoverageRow } from "./types.ts";

const DIMENSION_FIELD = {
  theme: "themes.id",
  outlet: "outlet",
  agency: "agencies",
  outlet_kind: "outlet_kind",
} as const;

type Dimension = keyof typeof DIMENSION_FIELD;

// A story is counted once, where its near-duplicate family's original appeared (`is_original`):
// syndicated copies add to the raw count only. This is exact and additive (cells sum to totals),
// where a distinct count of families per cell would be an estimate and, at a million articles,
// thirty times slower (measured: bench/store.ts).
const UNIQUE = { filter: { term: { is_original: true } } };

type Bucket = {
  key: string | number;
  key_as_string?: string;
  doc_count: number;
  unique?: { doc_count: number };
} & Record<string, unknown>;

/**
 * Unique counts are read for the cells (the innermost buckets) and for each period's total only:
 * computing them in the buckets between made a year's theme × outlet × agency coverage a quarter
 * slower at a million articles, for numbers nobody read.
 */
function nestedAggs(by: Dimension[], periodLevel = true): Record<string, unknown> {
  const [first, ...rest] = by;
  if (!first) return { unique: UNIQUE };
  return {
    ...(periodLevel && { unique: UNIQUE }),
    [first]: {
      terms: { field: DIMENSION_FIELD[first], size: 1000, order: { _key: "asc" } },
      aggs: nestedAggs(rest, false),
    },
  };
}

function flatten(
  bucket: Bucket,
  by: Dimension[],
  prefix: Partial<Record<Dimension, string>>,
  out: Array<Partial<Record<Dimension, string>> & { raw: number; unique: number }>,
) {
  const [first, ...rest] = by;
  if (!first) {
    out.push({ ...prefix, raw: bucket.doc_count, unique: bucket.unique?.doc_count ?? 0 });
    return;
  }
  const inner = (bucket[first] as { buckets: Bucket[] } | undefined)?.buckets ?? [];
  for (const child of inner) flatten(child, rest, { ...prefix, [first]: String(child.key) }, out);
}

export async function coverage(
  client: SearchClient,
  alias: string,
  request: CoverageRequest,
  timeZone: string,
): Promise<CoverageResponse> {
  // One extra period before `from`, so the first period's change is known.
  const firstPeriod = periodStart(request.from, request.period);
  const queryFrom = addPeriods(firstPeriod, request.period, -1);
  const lastPeriod = periodStart(request.to, request.period);
  const interval = { day: "day", week: "week", month: "month" }[request.period];
  const filters = { ...request.filters, from: queryFrom, to: request.to };
  const response = await client.search({
    index: alias,
    body: {
      size: 0,
      query: { bool: { filter: filterClauses(filters, timeZone) } },
      aggs: {
        periods: {
          date_histogram: {
            field: "published_at",
            calendar_interval: interval,
            time_zone: timeZone,
            format: "yyyy-MM-dd",
            min_doc_count: 0,
            extended_bounds: { min: queryFrom, max: lastPeriod },
          },
          aggs: nestedAggs(request.by),
        },
      },
    } as never,
  });
  const periods = (response.body.aggregations as { periods: { buckets: Bucket[] } }).periods.buckets;

  const rows: CoverageRow[] = [];
  const totals: CoverageResponse["totals"] = [];
  let previous = new Map<string, number>();
  for (const bucket of periods) {
    const period = String(bucket.key_as_string);
    const cells: Array<Partial<Record<Dimension, string>> & { raw: number; unique: number }> = [];
    flatten(bucket, request.by, {}, cells);
    const current = new Map<string, number>();
    const inRange = period >= firstPeriod;
    for (const cell of cells) {
      const key = request.by.map((d) => cell[d]).join("\u0000");
      current.set(key, cell.raw);
      if (!inRange) continue;
      const row: CoverageRow = {
        period,
        raw: cell.raw,
        unique_stories: cell.unique,
        share_of_voice: bucket.doc_count ? cell.raw / bucket.doc_count : 0,
        change: cell.raw - (previous.get(key) ?? 0),
      };
      for (const dimension of request.by) row[dimension] = cell[dimension];
      rows.push(row);
    }
    if (inRange)
      totals.push({ period, raw: bucket.doc_count, unique_stories: bucket.unique?.doc_count ?? 0 });
    previous = current;
  }
  return { period: request.period, rows, totals };
}
