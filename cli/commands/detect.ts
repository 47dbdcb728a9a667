/**
 * `presswatch detect backtest FILE.csv`: runs the spike detector with the shipped default settings
 * over `timestamp,value` rows (one per 15-minute bucket; header optional; ISO timestamps) and
 * prints `timestamp,value,score,alert` per row, so operators can try the detector on their own
 * history. A summary goes to stderr so stdout stays a CSV.
 */
import { readFile } from "node:fs/promises";
import { backtest, CountsCsvError, formatBacktest, parseCountsCsv } from "../../src/detect/backtest.ts";
import { DEFAULT_DETECTOR_SETTINGS } from "../../src/detect/settings.ts";
import { coerceError } from "../../src/model/errors.ts";
import { CliError } from "../errors.ts";

const USAGE = "usage: presswatch detect backtest FILE.csv";

export async function runDetect(args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === "help" || subcommand === "--help" || subcommand === "-h") {
    console.log(USAGE);
    return 0;
  }
  if (subcommand !== "backtest") {
    throw new CliError(subcommand ? `unknown subcommand "${subcommand}"\n${USAGE}` : USAGE, 2);
  }
  const [file, ...extra] = rest;
  if (!file || extra.length > 0) throw new CliError(USAGE, 2);

  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? coerceError(error).message}`,
    );
  }
  let rows: ReturnType<typeof parseCountsCsv>;
  let scored: ReturnType<typeof backtest>;
  try {
    rows = parseCountsCsv(text);
    scored = backtest(rows, DEFAULT_DETECTOR_SETTINGS);
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
        : ""),
  );
  return 0;
}
