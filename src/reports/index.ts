/** The year-end report: its model, and its XLSX, CSV and PDF forms. */
export { REPORT_CSV_HEADER, reportCsv } from "./csv.ts";
export {
  defaultContractsDir,
  evaluateYear,
  loadSources,
  type Sources,
  scopeFilters,
  yearCoverage,
} from "./gather.ts";
export { escapeHtml, reportHtml } from "./html.ts";
export {
  buildYearReport,
  type ReportAlert,
  type ReportCase,
  type ReportInput,
  type SummaryLine,
  type YearReport,
} from "./model.ts";
export { htmlToPdf } from "./pdf.ts";
export { reportXlsx } from "./xlsx.ts";
