/**
 * `presswatch detect backtest FILE.csv [--bucket 5m]`: runs the spike detector with the shipped
 * default settings over `timestamp,value` rows (one per bucket, 15 minutes unless `--bucket`;
 * header optional; ISO timestamps) and prints `timestamp,value,score,alert` per row, so operators
 * can try the detector on their own history. A summary (rows, alerts, alerts per day) goes to
 * stderr so stdout stays a CSV.
 *
 * `presswatch detect backtest --nab DIR [--bucket 5m]`: the same detector on NAB's four development
 * groups laid out by `tools/data/nab.sh` (src/detect/nab.ts): writes NAB result files under
 * DIR/results, scores them with NAB's method and prints the score per group and overall with the
 * alerts per day. Without `--bucket`, each NAB file is read at its own step. NAB labels falls as
 * well as rises (a machine stopping, traffic dropping), so the NAB run lets falls alert too
 * (`--direction both`, the default there); `--direction up` scores the detector as it runs on
 * articles, rises only. `--scale N` sets the "articles" a series' probationary median becomes
 * (src/detect/nab.ts).
 */
import { readFile } from "node:fs/promises";
import {
  alertsPerDay,
  backtest,
  CountsCsvError,
  formatBacktest,
  parseCountsCsv,
} from "../../src/detect/backtest.ts";
import { COUNT_SCALE } from "../../src/detect/nab.ts";
import { DEFAULT_DETECTOR_SETTINGS, detectorSettings } from "../../src/detect/settings.ts";
import { coerceError } from "../../src/model/errors.ts";
import { type CommandSpec, parseCommand, pickSubcommand, stringOption, usageError } from "../args.ts";
import { CliError } from "../errors.ts";
import { runNab } from "../nabRun.ts";

/** `5m`, `15m`, `1h`, `15` (minutes): the bucket size in whole minutes. */
export function parseBucket(text: string): number {
  const match = /^(\d+)\s*(m|min|h)?$/.exec(text.trim());
  const minutes = match ? Number(match[1]) * (match[2] === "h" ? 60 : 1) : Number.NaN;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440 || 1440 % minutes !== 0)
    throw new CliError(
      `--bucket "${text}": a size that divides the day, such as 5m, 15m or 1h (see presswatch detect backtest --help)`,
      2,
    );
  return minutes;
}

const DETECT = {
  name: "detect",
  summary: "The spike detector on historical counts.",
  subcommands: { backtest: "run the shipped detector over a count file, or over NAB's series" },
};

const BACKTEST: CommandSpec = {
  name: "detect backtest",
  summary:
    "Runs the spike detector with the shipped settings over timestamp,value rows and prints timestamp,value,score,alert per row (a summary on stderr); with --nab, scores NAB's series with NAB's method.",
  usage: [
    "FILE.csv [--bucket 15m]",
    "--nab DIR [--bucket 5m] [--direction both|up] [--scale N] [--scorer nabscore.cjs]",
  ],
  positionals: "FILE.csv, one timestamp,value row per bucket (header optional, ISO timestamps)",
  options: {
    bucket: {
      type: "string",
      value: "SIZE",
      help: "bucket size that divides the day: 5m, 15m (default), 1h",
    },
    nab: { type: "string", value: "DIR", help: "NAB's groups laid out by tools/data/nab.sh" },
    scorer: { type: "string", value: "FILE", help: "with --nab: NAB's scorer script" },
    direction: {
      type: "string",
      value: "both|up",
      help: "with --nab: alert on rises and falls (default both: NAB labels both) or rises only, as for articles",
    },
    scale: {
      type: "string",
      value: "N",
      help: "with --nab: each series scaled so its probationary part has this median (default 1000)",
    },
  },
};

export async function runDetect(args: string[]): Promise<number> {
  const { rest } = pickSubcommand(DETECT, args);
  const { values, positionals } = parseCommand(BACKTEST, rest);
  const bucketText = stringOption(values, "bucket");
  const bucket = bucketText === undefined ? null : parseBucket(bucketText);
  const nab = stringOption(values, "nab");
  if (nab !== undefined) {
    if (positionals.length > 0) throw usageError(BACKTEST, "--nab takes no FILE.csv");
    const direction = stringOption(values, "direction") ?? "both";
    if (direction !== "both" && direction !== "up")
      throw usageError(BACKTEST, `--direction takes both or up, not "${direction}"`);
    const scaleText = stringOption(values, "scale");
    const scale = scaleText === undefined ? COUNT_SCALE : Number(scaleText);
    if (!Number.isFinite(scale) || scale <= 0)
      throw usageError(BACKTEST, `--scale must be a positive number, not "${scaleText}"`);
    return runNabBacktest(nab, bucket, stringOption(values, "scorer"), direction, scale);
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw usageError(BACKTEST, "needs exactly one FILE.csv (or --nab DIR)");

  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? coerceError(error).message}`,
    );
  }
  const settings = bucket === null ? DEFAULT_DETECTOR_SETTINGS : detectorSettings({ bucketMinutes: bucket });
  let rows: ReturnType<typeof parseCountsCsv>;
  let scored: ReturnType<typeof backtest>;
  try {
    rows = parseCountsCsv(text);
    scored = backtest(rows, settings);
  } catch (error) {
    if (error instanceof CountsCsvError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
  process.stdout.write(`${formatBacktest(scored).join("\n")}\n`);
  const alerts = scored.filter((row) => row.evaluation.alert);
  const first = alerts[0];
  console.error(
    `${rows.length} rows, ${alerts.length} alert${alerts.length === 1 ? "" : "s"}` +
      (first
        ? `, first at ${first.timestamp} (value ${first.value}, expected ${first.evaluation.expected})`
        : "") +
      `, ${alertsPerDay(scored, settings).toFixed(2)} alerts per day (${settings.bucketMinutes}-minute buckets)`,
  );
  return 0;
}

async function runNabBacktest(
  root: string,
  bucket: number | null,
  scorer: string | undefined,
  direction: "both" | "up",
  scale: number,
): Promise<number> {
  let result: Awaited<ReturnType<typeof runNab>>;
  const settings = detectorSettings({ direction });
  try {
    result = await runNab(root, { bucketMinutes: bucket, settings, scale, ...(scorer ? { scorer } : {}) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `NAB run in ${root} failed: ${code === "ENOENT" ? `${(error as NodeJS.ErrnoException).path ?? "a file"} is missing (lay NAB out with tools/data/nab.sh)` : (error as Error).message}`,
    );
  }
  const s = settings;
  const rules = [
    `record z ${s.recordZ}`,
    `jump z ${s.jumpZ}`,
    ...(Number.isFinite(s.cusumH) ? [`CUSUM k ${s.cusumK} h ${s.cusumH}`] : []),
    ...(Number.isFinite(s.singleZ) ? [`single ${s.singleZ}`] : []),
  ];
  console.log(
    `NAB, shipped detector (${rules.join(", ")}, spacing ${s.cooldownMinutes} min, ` +
      `${Number.isFinite(s.dailyCap) ? `cap ${s.dailyCap}/day` : "no daily cap"}; ${direction === "both" ? "rises and falls" : "rises only"}), ` +
      `bucket ${bucket === null ? "each file's step" : `${bucket} min`}, probationary median = ${scale}; ` +
      "scores at the alerts as raised (threshold 1)",
  );
  const header = [
    "group",
    "series",
    "windows",
    "standard",
    "low FP",
    "low FN",
    "alerts",
    "days",
    "alerts/day",
  ];
  const rows = [...result.groups, result.overall].map((g) => [
    g.group,
    String(g.series),
    String(g.windows),
    fmt(g.standard),
    fmt(g.lowFp),
    fmt(g.lowFn),
    String(g.alerts),
    g.days.toFixed(1),
    (g.alerts / Math.max(g.days, 1e-9)).toFixed(2),
  ]);
  const cells = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  for (const [n, row] of cells.entries()) {
    console.log(
      `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ")} |`,
    );
    if (n === 0) console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  }
  return 0;
}

function fmt(value: number | null): string {
  return value === null ? "–" : value.toFixed(1);
}
