/**
 * Backtesting the detector on historical counts: `timestamp,value` rows (a header line is
 * optional; timestamps ISO 8601 with a zone, or a date-time read as UTC), one row per bucket.
 * Each row is scored with the bucket it falls in; buckets missing between rows count as 0, as
 * they would in the stream. During the first day the score is printed but does not accumulate,
 * and nothing alerts (the baseline is learning). Pure: `parseCountsCsv` takes the text, `backtest` the rows.
 */
import { isCalendarDate } from "../plan/schema.ts";
import {
  assess,
  bucketMs,
  bucketStart,
  closeBucket,
  createDetectorState,
  type Evaluation,
  spendAlert,
} from "./detector.ts";
import { DEFAULT_DETECTOR_SETTINGS, type DetectorSettings } from "./settings.ts";

export interface CountRow {
  line: number;
  timestamp: string;
  at: number;
  value: number;
}

export class CountsCsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "CountsCsvError";
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

function parseTimestamp(text: string, line: number): number {
  if (!ISO.test(text)) throw new CountsCsvError(line, `"${text}" is not an ISO 8601 timestamp`);
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text) || text.length === 10 ? text : `${text}Z`;
  const at = Date.parse(zoned.replace(" ", "T"));
  if (Number.isNaN(at) || !isCalendarDate(text.slice(0, 10)))
    throw new CountsCsvError(line, `"${text}" is not a real date and time`);
  return at;
}

/** Rows of a `timestamp,value` file, in order; throws `CountsCsvError` naming the bad line. */
export function parseCountsCsv(text: string): CountRow[] {
  const rows: CountRow[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    const cells = trimmed.split(",").map((cell) => cell.trim());
    if (rows.length === 0 && /^timestamp$/i.test(cells[0] ?? "")) return; // header
    if (cells.length !== 2)
      throw new CountsCsvError(line, `expected "timestamp,value", got ${cells.length} columns`);
    const [timestamp, valueText] = cells as [string, string];
    const value = Number(valueText);
    if (!/^\d+(?:\.\d+)?$/.test(valueText) || !Number.isFinite(value))
      throw new CountsCsvError(line, `value "${valueText}" is not a count`);
    const at = parseTimestamp(timestamp, line);
    const previous = rows.at(-1);
    if (previous && at <= previous.at)
      throw new CountsCsvError(line, `timestamps must increase (${timestamp} after ${previous.timestamp})`);
    rows.push({ line, timestamp, at, value });
  });
  return rows;
}

export interface BacktestRow extends CountRow {
  evaluation: Evaluation;
}

export interface ReplayOptions {
  /**
   * Buckets with no row between two rows: `zero` closes them with a count of 0, as the stream does
   * (a count file: no row, no article); `skip` leaves them out (a series of readings, where a
   * missing row is a missing reading, not a zero).
   */
  gaps: "zero" | "skip";
  /**
   * Rows in the bucket of the row before: `error` refuses them (a count file has one row per
   * bucket); `mean` scores the bucket with the mean of its rows (readings). A row older than the
   * open bucket counts into the open bucket, as a late article does in the stream.
   */
  sameBucket: "error" | "mean";
}

export const COUNT_FILE: Readonly<ReplayOptions> = Object.freeze({ gaps: "zero", sameBucket: "error" });

/**
 * Scores every row with the given settings (the shipped defaults unless told otherwise), as the
 * stream would: each row is assessed in its open bucket (an alert needs no wait for the bucket's
 * end), and the bucket is folded into the baseline when the next one opens.
 */
export function backtest(
  rows: readonly CountRow[],
  settings: DetectorSettings = DEFAULT_DETECTOR_SETTINGS,
  options: ReplayOptions = COUNT_FILE,
): BacktestRow[] {
  const size = bucketMs(settings);
  let state = createDetectorState();
  let open: { bucket: number; sum: number; rows: number; alerted: boolean } | null = null;
  const out: BacktestRow[] = [];
  for (const row of rows) {
    let bucket = bucketStart(row.at, settings);
    if (open && bucket <= open.bucket) {
      if (options.sameBucket === "error")
        throw new CountsCsvError(
          row.line,
          `${row.timestamp} falls in the same ${settings.bucketMinutes}-minute bucket as the row before`,
        );
      bucket = open.bucket;
      open.sum += row.value;
      open.rows += 1;
    } else {
      if (open) {
        state = closeBucket(state, open.bucket, open.sum / open.rows, settings, open.alerted).state;
        if (options.gaps === "zero") {
          const gapStart = Math.max(open.bucket + size, bucket - settings.maxGapBuckets * size);
          for (let empty = gapStart; empty < bucket; empty += size)
            state = closeBucket(state, empty, 0, settings).state;
        }
      }
      open = { bucket, sum: row.value, rows: 1, alerted: false };
    }
    const evaluation = assess(state, bucket, open.sum / open.rows, settings, open.alerted);
    if (evaluation.alert) {
      open.alerted = true;
      state = spendAlert(state, bucket, settings);
    }
    out.push({ ...row, evaluation });
  }
  return out;
}

/** Alerts raised per day of the rows' span (first to last timestamp, at least one bucket). */
export function alertsPerDay(rows: readonly BacktestRow[], settings: DetectorSettings): number {
  if (rows.length === 0) return 0;
  const span = Math.max(rows.at(-1)!.at - rows[0]!.at, bucketMs(settings));
  return rows.filter((row) => row.evaluation.alert).length / (span / 86_400_000);
}

/** `timestamp,value,score,alert` lines, the header first. */
export function formatBacktest(rows: readonly BacktestRow[]): string[] {
  return [
    "timestamp,value,score,alert",
    ...rows.map(
      (row) =>
        `${row.timestamp},${row.value},${row.evaluation.score.toFixed(3)},${row.evaluation.alert ? 1 : 0}`,
    ),
  ];
}
