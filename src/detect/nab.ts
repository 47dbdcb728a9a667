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
 *   15%, which NAB leaves to the detector to learn) is `COUNT_SCALE`, so a reading's noise is
 *   compared with count-like variance (mean + phi·mean²) as an article count's would be;
 * - time: NAB's timestamps are local to the series, so the hour-of-day profile uses offset 0.
 * The detector stays as shipped: one-sided (a rise is news; a fall is not an alert), streaming, the
 * same state, the same settings apart from the bucket size and the time offset.
 *
 * A result row's anomaly_score is 1 when that row raised an alert, else 0: NAB's score at threshold
 * 1 is then the score of the alerts as they would have been raised.
 */
import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { type BacktestRow, backtest, type CountRow, parseCountsCsv } from "./backtest.ts";
import { DEFAULT_DETECTOR_SETTINGS, type DetectorSettings } from "./settings.ts";

export const NAB_GROUPS = ["realKnownCause", "realTraffic", "realAdExchange", "realAWSCloudwatch"] as const;
export const NAB_DETECTOR = "presswatch";
/** The probationary median of a series becomes this many "articles". */
export const COUNT_SCALE = 20;

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

export interface NabRunOptions {
  /** Bucket minutes for every file; null: each file's own step. */
  bucketMinutes: number | null;
  settings?: DetectorSettings;
  /** The probationary median's count (COUNT_SCALE unless told). */
  scale?: number;
  /** The scorer (`nabscore.cjs`, laid out next to the data by tools/data/nab.sh). */
  scorer?: string;
}

/** Runs every series of the four groups, writes the result files and scores them. */
export async function runNab(
  root: string,
  options: NabRunOptions,
): Promise<{ series: NabSeriesResult[]; groups: NabGroupScore[]; overall: NabGroupScore }> {
  const resultsDir = join(root, "results");
  const windows = JSON.parse(await readFile(join(root, "labels", "combined_windows.json"), "utf8")) as Record<
    string,
    unknown[]
  >;
  const series: NabSeriesResult[] = [];
  for (const group of NAB_GROUPS) {
    const files = (await readdir(join(root, "data", group))).filter((f) => f.endsWith(".csv")).sort();
    await mkdir(join(resultsDir, NAB_DETECTOR, group), { recursive: true });
    for (const file of files) {
      const rows = parseNabCsv(await readFile(join(root, "data", group, file), "utf8"));
      const { scored, settings } = runNabSeries(rows, options.bucketMinutes, options.settings, options.scale);
      await writeFile(
        join(resultsDir, NAB_DETECTOR, group, `${NAB_DETECTOR}_${file}`),
        nabResultCsv(rows, scored),
      );
      const alerts = scored.filter((row) => row.evaluation.alert).length;
      series.push({
        group,
        file,
        bucketMinutes: settings.bucketMinutes,
        rows: rows.length,
        alerts,
        days: spanDays(rows),
      });
    }
  }
  const scorer = options.scorer ?? join(root, "nabscore.cjs");
  const score = async (prefix: string, label: string, members: NabSeriesResult[]): Promise<NabGroupScore> => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [scorer, resultsDir, NAB_DETECTOR, prefix],
      {
        env: { ...process.env, NAB_ROOT: root },
      },
    );
    const json = JSON.parse(stdout.slice(stdout.indexOf("{"))) as Record<
      string,
      { atPubNormalized: number | null }
    >;
    return {
      group: label,
      series: members.length,
      windows: Object.entries(windows)
        .filter(([name]) => name.startsWith(prefix))
        .reduce((sum, [, list]) => sum + list.length, 0),
      alerts: members.reduce((sum, s) => sum + s.alerts, 0),
      days: members.reduce((sum, s) => sum + s.days, 0),
      standard: json.standard?.atPubNormalized ?? null,
      lowFp: json.reward_low_FP_rate?.atPubNormalized ?? null,
      lowFn: json.reward_low_FN_rate?.atPubNormalized ?? null,
    };
  };
  const groups: NabGroupScore[] = [];
  for (const group of NAB_GROUPS)
    groups.push(
      await score(
        `${group}/`,
        group,
        series.filter((s) => s.group === group),
      ),
    );
  const overall = await score("", "overall", series);
  return { series, groups, overall };
}

function spanDays(rows: readonly CountRow[]): number {
  return rows.length < 2 ? 0 : (rows.at(-1)!.at - rows[0]!.at) / 86_400_000;
}

export { parseCountsCsv };
