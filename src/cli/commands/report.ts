/**
 * `presswatch report --year 2024 --format xlsx|pdf|csv [--out FILE] [--scope …]`: the year-end
 * report, in Vietnamese, for the whole plan or for one contract, outlet or agency. `--out -` writes
 * to standard output.
 */
import { writeFile } from "node:fs/promises";
import { reportCsv } from "../../reports/csv.ts";
import { scopeFilters, yearCoverage } from "../../reports/gather.ts";
import { reportHtml } from "../../reports/html.ts";
import { buildYearReport } from "../../reports/model.ts";
import { htmlToPdf } from "../../reports/pdf.ts";
import { reportXlsx } from "../../reports/xlsx.ts";
import { CliError } from "../errors.ts";
import { COMMON_OPTIONS, evaluatePrepared, parseOptions, prepare, text } from "./obligations.ts";

const USAGE =
  "usage: presswatch report --year YEAR --format xlsx|pdf|csv [--out FILE] [--scope contract:ID|outlet:ID|agency:ID] [--now ISO] [--plan FILE] [--contracts DIR]";
const FORMATS = ["xlsx", "pdf", "csv"] as const;
type Format = (typeof FORMATS)[number];

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
  const format = text(values, "format") as Format | undefined;
  if (!format || !FORMATS.includes(format))
    throw new CliError(`--format must be xlsx, pdf or csv\n${USAGE}`, 2);
  const prepared = await prepare(values, USAGE);
  let bytes: Buffer;
  let summary: string;
  try {
    const evaluation = await evaluatePrepared(prepared);
    const coverage = await yearCoverage(
      prepared.store,
      prepared.year,
      scopeFilters(prepared.scope, prepared.plan, prepared.contracts),
    );
    // The alert system is not built yet: no alerts are passed, and the report says it has none.
    const report = buildYearReport({
      plan: prepared.plan,
      evaluation,
      coverage,
      scope: prepared.scope,
      issuedAt: prepared.now,
    });
    if (format === "xlsx") bytes = await reportXlsx(report);
    else if (format === "csv") bytes = Buffer.from(reportCsv(report), "utf8");
    else bytes = await htmlToPdf(reportHtml(report), prepared.chromiumPath);
    const t = report.compliance.totals;
    summary = `${t.obligations} nghĩa vụ, ${evaluation.rows.length} kỳ: đạt ${t.met}, không đạt ${t.missed}, có nguy cơ ${t.at_risk}`;
  } finally {
    await prepared.client.close();
  }
  const out =
    text(values, "out") ??
    `bao-cao-${prepared.plan.id}-${prepared.scope.type === "plan" ? "toan-bo" : `${prepared.scope.type}-${prepared.scope.id}`}.${format}`;
  if (out === "-") {
    process.stdout.write(bytes);
    return 0;
  }
  await writeFile(out, bytes);
  console.log(`${out}: ${summary} (${bytes.length} bytes)`);
  return 0;
}
