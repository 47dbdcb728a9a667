/**
 * The year-end report as a file, from the plan and contracts to the bytes: what
 * `presswatch report` writes and GET /api/reports/year.{xlsx,pdf,csv} sends, built one way so the
 * two cannot drift apart.
 */
import type { Evaluation } from "../contracts/obligationStatus.ts";
import type { Scope } from "../contracts/scope.ts";
import type { ArticleStore } from "../store/articles.ts";
import type { SearchClient } from "../store/client.ts";
import { reportCsv } from "./csv.ts";
import { evaluateYear, type Sources, scopeFilters, yearCoverage } from "./gather.ts";
import { reportHtml } from "./html.ts";
import { type IncidentStores, yearIncidents } from "./incidents.ts";
import { buildYearReport, type YearReport } from "./model.ts";
import { htmlToPdf } from "./pdf.ts";
import { reportXlsx } from "./xlsx.ts";

export const REPORT_FORMATS = ["xlsx", "pdf", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
};

export interface YearReportOptions extends Sources {
  client: SearchClient;
  store: Pick<ArticleStore, "alias" | "coverage">;
  year: number;
  scope: Scope;
  /** Evaluation time and issue date (ms). */
  now: number;
  /** Where the year's alerts and cases are; without them the report says it has no alert data. */
  incidents?: IncidentStores;
}

/** Evaluates the obligations and counts the coverage of a year, and builds the report's model. */
export async function gatherYearReport(
  options: YearReportOptions,
): Promise<{ evaluation: Evaluation; report: YearReport }> {
  const { plan, contracts, client, store, year, scope, now, incidents } = options;
  const evaluation = await evaluateYear({ plan, contracts, client, alias: store.alias, year, scope, now });
  const coverage = await yearCoverage(store, year, scopeFilters(scope, plan, contracts));
  const handled = incidents ? await yearIncidents(incidents, year, scope, plan.timezone) : {};
  const report = buildYearReport({ plan, evaluation, coverage, scope, issuedAt: now, ...handled });
  return { evaluation, report };
}

/** The report's bytes in one format; the PDF is printed by Debian's Chromium at `chromiumPath`. */
export async function renderYearReport(
  report: YearReport,
  format: ReportFormat,
  chromiumPath: string,
): Promise<Buffer> {
  if (format === "xlsx") return reportXlsx(report);
  if (format === "csv") return Buffer.from(reportCsv(report), "utf8");
  return htmlToPdf(reportHtml(report), chromiumPath);
}

/** "bao-cao-kon_tum_2024-toan-bo.xlsx", "bao-cao-kon_tum_2024-outlet-krt.pdf". */
export function reportFileName(planId: string, scope: Scope, format: ReportFormat): string {
  const part = scope.type === "plan" ? "toan-bo" : `${scope.type}-${scope.id}`;
  return `bao-cao-${planId}-${part}.${format}`;
}
