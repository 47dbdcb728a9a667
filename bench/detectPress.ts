/**
 * The spike detector on simulated press streams: a regression and safety yardstick, not a quality
 * figure (the streams are synthetic; NAB's real series are the quality figure). Per volume, over
 * fixed seeds (2000 and up):
 *
 * - false alarms per key-week: one day to learn, then a calm week (negative binomial counts with
 *   the hour-of-day and weekday rhythm of tests/fixtures/detect/simulate.ts) that must stay quiet;
 *   and the week after (days 9 to 15), the steady state: a longer warm-up silences part of the
 *   first week by itself, so a setting is judged on both;
 * - the rumour burst (+3, +7, +12, +16, +13, +9, +6, +4, +2, +1 articles per bucket) on the seventh
 *   day between 09:00 and 19:00: caught when an alert comes within its ten buckets, and the delay.
 *
 * 0.3 articles a bucket is a quiet key, 6 a busy one: a slow rise on a busy key is what a detector
 * of records and jumps alone misses.
 *
 *   npx tsx bench/detectPress.ts [--seeds 50] [--settings '{"cusumH":8}'] [--detector /other/checkout]
 *
 * `--detector` runs another checkout's detector and defaults (e.g. main's, from `git archive main
 * src tests/fixtures`), so a change can be compared with what it replaces on the same streams.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type * as Detector from "../src/detect/detector.ts";
import type { DetectorSettings } from "../src/detect/settings.ts";
import type * as Simulate from "../tests/fixtures/detect/simulate.ts";
import { percentile, printTable } from "./table.ts";

export const PRESS_SCALES = [0.3, 1.6, 6] as const;
export const PRESS_BURST = [3, 7, 12, 16, 13, 9, 6, 4, 2, 1] as const;
const START = Date.parse("2024-09-02T00:00:00+07:00");

export interface PressRow {
  scale: number;
  falseAlarmsPerKeyWeek: number;
  /** The same in the second calm week (days 9 to 15), whatever the warm-up. */
  secondWeekFalseAlarms: number;
  caught: number;
  seeds: number;
  delayP50: number | null;
}

interface Modules {
  detector: Pick<typeof Detector, "closeBucket" | "createDetectorState">;
  simulate: Pick<typeof Simulate, "BUCKET_MS" | "calmSeries" | "withBurst">;
}

/** The press table for one detector setting (`settings` complete: defaults plus overrides). */
export function pressTable(modules: Modules, settings: DetectorSettings, seeds = 50): PressRow[] {
  const { closeBucket, createDetectorState } = modules.detector;
  const { BUCKET_MS, calmSeries, withBurst } = modules.simulate;
  const alertsOf = (series: Array<{ at: number; value: number }>) => {
    let state = createDetectorState();
    const alerts: number[] = [];
    series.forEach((row, i) => {
      const result = closeBucket(state, row.at, row.value, settings);
      state = result.state;
      if (result.evaluation.alert) alerts.push(i);
    });
    return alerts;
  };
  return PRESS_SCALES.map((scale) => {
    let falseAlarms = 0;
    let secondWeek = 0;
    const delays: number[] = [];
    for (let seed = 2000; seed < 2000 + seeds; seed++) {
      // The first eight days are the same draws whatever the length, so the first week's figure is
      // the one measured on eight-day series before.
      const calm = calmSeries({ start: START, buckets: 15 * 96, scale, dispersion: 0.2, seed });
      const quiet = alertsOf(calm);
      falseAlarms += quiet.filter((i) => i >= 96 && i < 8 * 96).length;
      secondWeek += quiet.filter((i) => i >= 8 * 96).length;
      const at = 6 * 96 + 36 + (seed % 40);
      const series = withBurst(calm.slice(0, 7 * 96), START + at * BUCKET_MS, PRESS_BURST);
      const first = alertsOf(series).find((i) => i >= at);
      if (first !== undefined && first - at < PRESS_BURST.length) delays.push(first - at + 1);
    }
    return {
      scale,
      falseAlarmsPerKeyWeek: falseAlarms / seeds,
      secondWeekFalseAlarms: secondWeek / seeds,
      caught: delays.length,
      seeds,
      delayP50: delays.length ? percentile(delays, 50) : null,
    };
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      seeds: { type: "string", default: "50" },
      settings: { type: "string", default: "{}" },
      detector: { type: "string", default: resolve(import.meta.dirname, "..") },
    },
  });
  const root = resolve(values.detector!);
  const at = (path: string) => pathToFileURL(resolve(root, path)).href;
  const detector = (await import(at("src/detect/detector.ts"))) as Modules["detector"];
  const simulate = (await import(at("tests/fixtures/detect/simulate.ts"))) as Modules["simulate"];
  const { DEFAULT_DETECTOR_SETTINGS } = (await import(at("src/detect/settings.ts"))) as {
    DEFAULT_DETECTOR_SETTINGS: DetectorSettings;
  };
  const overrides = JSON.parse(values.settings!) as Partial<DetectorSettings>;
  const rows = pressTable(
    { detector, simulate },
    { ...DEFAULT_DETECTOR_SETTINGS, ...overrides },
    Number(values.seeds),
  );
  console.log(
    `\nsimulated press streams, ${values.seeds} seeds, detector ${root}, settings ${values.settings} (synthetic: a yardstick, not a quality figure)`,
  );
  printTable(
    [
      "articles/bucket",
      "false alarms per key-week (days 2-8)",
      "(days 9-15)",
      "burst caught",
      "delay p50 (buckets)",
    ],
    rows.map((row) => [
      row.scale,
      row.falseAlarmsPerKeyWeek.toFixed(2),
      row.secondWeekFalseAlarms.toFixed(2),
      `${row.caught}/${row.seeds}`,
      row.delayP50 ?? "-",
    ]),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
