/**
 * `presswatch report --year 2024 --format xlsx|pdf|csv [--out FILE] [--scope …]`: the year-end
 * report, in Vietnamese, for the whole plan or for one contract, outlet or agency. `--out -` writes
 * to standard output.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  gatherYearReport,
  REPORT_FORMATS,
  type ReportFormat,
  renderYearReport,
  reportFileName,
} from "../../src/reports/file.ts";
import { createAlertStore } from "../../src/store/alerts.ts";
import { createCaseStore } from "../../src/store/cases.ts";
import { type CommandSpec, parseCommand, usageError } from "../args.ts";
import { progress } from "../progress.ts";
import { COMMON_OPTIONS, prepare, text } from "./obligations.ts";

const REPORT: CommandSpec = {
  name: "report",
  summary:
    "The year-end report in Vietnamese, for the whole plan or one contract, outlet or agency. Progress goes to standard error.",
  usage: [
    "--year YEAR --format xlsx|pdf|csv [--out FILE] [--scope contract:ID|outlet:ID|agency:ID] [--now ISO] [--plan FILE] [--contracts DIR]",
  ],
  options: {
    ...COMMON_OPTIONS,
    format: { type: "string", value: "xlsx|pdf|csv", help: "the file's format (required)" },
    out: {
      type: "string",
      short: "o",
      value: "FILE",
      help: "where to write it; - for standard output (default: a file named after the plan in REPORTS_DIR)",
    },
  },
};

export async function runReport(args: string[]): Promise<number> {
  const { values } = parseCommand(REPORT, args);
  const format = text(values, "format") as ReportFormat | undefined;
  if (!format || !REPORT_FORMATS.includes(format))
    throw usageError(REPORT, "--format must be xlsx, pdf or csv");
  const shown = progress("report");
  shown.step("reading the plan, the contracts and the store");
  const prepared = await prepare(values, REPORT);
  let bytes: Buffer;
  let summary: string;
  try {
    shown.step(`gathering ${prepared.year}'s articles, alerts and cases`);
    const { evaluation, report } = await gatherYearReport({
      plan: prepared.plan,
      contracts: prepared.contracts,
      client: prepared.client,
      store: prepared.store,
      year: prepared.year,
      scope: prepared.scope,
      now: prepared.now,
      incidents: {
        alerts: createAlertStore(prepared.client, { prefix: prepared.prefix }),
        cases: createCaseStore(prepared.client, { prefix: prepared.prefix }),
      },
    });
    shown.step(`rendering the ${format}`);
    bytes = await renderYearReport(report, format, prepared.chromiumPath);
    const t = report.compliance.totals;
    summary = `${t.obligations} nghĩa vụ, ${evaluation.rows.length} kỳ: đạt ${t.met}, không đạt ${t.missed}, có nguy cơ ${t.at_risk}`;
  } finally {
    await prepared.client.close();
  }
  const out =
    text(values, "out") ??
    join(prepared.reportsDir, reportFileName(prepared.plan.id, prepared.scope, format));
  if (out === "-") {
    process.stdout.write(bytes);
    return 0;
  }
  shown.step(`writing ${out}`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, bytes);
  console.log(`${out}: ${summary} (${bytes.length} bytes)`);
  return 0;
}
