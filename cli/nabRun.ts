/**
 * The NAB run of `presswatch detect backtest --nab DIR`: reads NAB's development groups from a
 * laid-out copy (tools/data/nab.sh), runs the shipped detector on each series (src/detect/nab.ts,
 * pure), writes NAB result files and scores them with NAB's scorer. The shell's I/O lives here,
 * outside the core.
 */
import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  NAB_DETECTOR,
  NAB_GROUPS,
  type NabGroupScore,
  type NabSeriesResult,
  nabResultCsv,
  parseNabCsv,
  runNabSeries,
  spanDays,
} from "../src/detect/nab.ts";
import type { DetectorSettings } from "../src/detect/settings.ts";

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
