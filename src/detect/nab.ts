/**
 * The detector measured on NAB (the Numenta Anomaly Benchmark, github.com/numenta/NAB): its real,
 * labelled series, laid out by `tools/data/nab.sh` (never committed), run through the shipped
 * streaming detector, written as NAB result files and scored by NAB's method.
 *
 * NAB's series are readings (CPU, latency, temperature, taxi passengers, cost per click), not
 * article counts, so each is converted to the detector's input:
 * - bucket: the file's own step (the median gap between rows; 5 minutes for most), unless a size
 *   is given; rows sharing a bucket are averaged, a missing reading is skipped rather than read as
 *   zero (backtest.ts, `gaps: "skip"`, `sameBucket: "mean"`);
 * - scale: every value is multiplied so that the median of the file's probationary part (its first
 *   15%, which NAB leaves to the detector to learn) is `COUNT_SCALE`. The detector never assumes
 *   less noise than a count's (a Poisson floor on the variance); a reading is not a count, and at a
 *   median of 1000 that floor is below the readings' own noise, so what is measured is the
 *   detector's rules, not counting noise the readings do not have. (At the former 20 the floor
 *   hides most jumps: `--scale 20` prints that figure.)
 * - time: NAB's timestamps are local to the series, so the hour-of-day profile uses offset 0.
 * The detector stays as shipped: streaming, the same state, the same settings apart from the
 * bucket size, the time offset, the warm-up (NAB's probationary period, which NAB gives every
 * detector) and the direction: NAB labels falls too (a machine stopping), so the NAB run lets
 * falls alert (`direction: "both"`; on articles only rises do).
 *
 * A result row's anomaly_score is 1 when that row raised an alert, else 0: NAB's score at threshold
 * 1 is then the score of the alerts as they would have been raised.
 */
import { type BacktestRow, backtest, type CountRow, parseCountsCsv } from "./backtest.ts";
import { DEFAULT_DETECTOR_SETTINGS, type DetectorSettings } from "./settings.ts";

export const NAB_GROUPS = ["realKnownCause", "realTraffic", "realAdExchange", "realAWSCloudwatch"] as const;
export const NAB_DETECTOR = "presswatch";
/** The probationary median of a series becomes this many "articles". */
export const COUNT_SCALE = 1000;

export interface NabSeriesResult {
  group: string;
  file: string;
  bucketMinutes: number;
  rows: number;
  alerts: number;
  days: number;
}

export interface NabGroupScore {
  group: string;
  series: number;
  windows: number;
  alerts: number;
  days: number;
  /** NAB normalised scores of the alerts (threshold 1), per profile. */
  standard: number | null;
  lowFp: number | null;
  lowFn: number | null;
}

/** The median gap between consecutive rows, in whole minutes (at least 1). */
export function medianStepMinutes(rows: readonly CountRow[]): number {
  const gaps = rows
    .slice(1)
    .map((row, i) => row.at - rows[i]!.at)
    .filter((gap) => gap > 0)
    .sort((a, b) => a - b);
  if (gaps.length === 0) return DEFAULT_DETECTOR_SETTINGS.bucketMinutes;
  return Math.max(1, Math.round(gaps[gaps.length >> 1]! / 60_000));
}

/** Scales a series so its probationary median is `COUNT_SCALE` (a flat-zero start: by its mean). */
export function toCounts(rows: readonly CountRow[], scale = COUNT_SCALE): CountRow[] {
  const probation = rows
    .slice(0, Math.max(1, Math.floor(0.15 * rows.length)))
    .map((row) => row.value)
    .sort((a, b) => a - b);
  let reference = probation[probation.length >> 1] ?? 0;
  if (reference <= 0) reference = probation.reduce((sum, value) => sum + value, 0) / probation.length;
  if (reference <= 0) reference = 1;
  const factor = scale / reference;
  return rows.map((row) => ({ ...row, value: row.value * factor }));
}

/**
 * NAB's files: rows in file order (a few go back in time or repeat a timestamp; the replay puts
 * them in the open bucket), so no ordering check here.
 */
export function parseNabCsv(text: string): CountRow[] {
  const lines = text.trim().split(/\r?\n/);
  const rows: CountRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [timestamp, value] = lines[i]!.split(",");
    const at = Date.parse(`${timestamp!.replace(" ", "T")}Z`);
    if (Number.isNaN(at) || !Number.isFinite(Number(value))) throw new Error(`line ${i + 1}: not a NAB row`);
    rows.push({ line: i + 1, timestamp: timestamp!, at, value: Number(value) });
  }
  return rows;
}

/** NAB's probationary period of a series of `rows` rows. */
export function probationRows(rows: number): number {
  return Math.min(Math.floor(0.15 * rows), 750);
}

/** Runs one series; returns the scored rows and the bucket used. */
export function runNabSeries(
  rows: readonly CountRow[],
  bucketMinutes: number | null,
  base: DetectorSettings = DEFAULT_DETECTOR_SETTINGS,
  scale = COUNT_SCALE,
): { scored: BacktestRow[]; settings: DetectorSettings } {
  const settings: DetectorSettings = {
    ...base,
    bucketMinutes: bucketMinutes ?? medianStepMinutes(rows),
    utcOffsetMinutes: 0,
    // NAB's probationary period (its first 15%, at most 750 rows), which NAB gives every detector
    // to learn in and does not score.
    warmupBuckets: probationRows(rows.length),
  };
  const scored = backtest(toCounts(rows, scale), settings, { gaps: "skip", sameBucket: "mean" });
  return { scored, settings };
}

/** NAB's result file: the original timestamps and values, the alert as anomaly_score. */
export function nabResultCsv(original: readonly CountRow[], scored: readonly BacktestRow[]): string {
  const lines = ["timestamp,value,anomaly_score"];
  original.forEach((row, i) => {
    lines.push(`${row.timestamp},${row.value},${scored[i]!.evaluation.alert ? 1 : 0}`);
  });
  return `${lines.join("\n")}\n`;
}

/** How many days a series covers. */
export function spanDays(rows: readonly CountRow[]): number {
  return rows.length < 2 ? 0 : (rows.at(-1)!.at - rows[0]!.at) / 86_400_000;
}

export { parseCountsCsv };
