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
import { CliError } from "../errors.ts";
import { COMMON_OPTIONS, parseOptions, prepare, text } from "./obligations.ts";

const USAGE =
  "usage: presswatch report --year YEAR --format xlsx|pdf|csv [--out FILE] [--scope contract:ID|outlet:ID|agency:ID] [--now ISO] [--plan FILE] [--contracts DIR]";

export async function runReport(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    { ...COMMON_OPTIONS, format: { type: "string" }, out: { type: "string", short: "o" } },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = text(values, "format") as ReportFormat | undefined;
  if (!format || !REPORT_FORMATS.includes(format))
    throw new CliError(`--format must be xlsx, pdf or csv\n${USAGE}`, 2);
  const prepared = await prepare(values, USAGE);
  let bytes: Buffer;
  let summary: string;
  try {
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
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, bytes);
  console.log(`${out}: ${summary} (${bytes.length} bytes)`);
  return 0;
}
