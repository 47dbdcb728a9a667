/**
 * The report as one CSV table: a row per obligation, outlet and period with the counts, the status
 * and the evidence, so a spreadsheet or a script can take the compliance results as they are. The
 * coverage and the text of the report are in the XLSX and PDF forms. Written with the project's
 * CSV rules (src/export/csv.ts): BOM for Excel, CRLF, quoting, formula-looking text neutralised.
 */
import { BOM, csvLine } from "../export/csv.ts";
import type { YearReport } from "./model.ts";

export const REPORT_CSV_HEADER = [
  "Mã nghĩa vụ (obligation)",
  "Nghĩa vụ (title)",
  "Cơ quan báo chí (outlet)",
  "Kỳ (period)",
  "Từ ngày (from)",
  "Đến ngày (to)",
  "Theo văn bản (version)",
  "Yêu cầu (required)",
  "Đạt được (counted)",
  "Trạng thái (status)",
  "Mã trạng thái (status_code)",
  "Minh chứng (evidence_ids)",
  "Ghi chú (note)",
];

export function reportCsv(report: YearReport): string {
  const titles = new Map(report.compliance.summary.map((s) => [s.code, s.title]));
  let out = BOM + csvLine(REPORT_CSV_HEADER);
  for (const p of report.compliance.periods) {
    out += csvLine([
      p.code,
      titles.get(p.code) ?? "",
      p.outlet,
      p.period,
      p.from,
      p.to,
      p.version,
      p.required,
      p.counted,
      p.status_label,
      p.status,
      p.evidence_ids,
      p.note,
    ]);
  }
  return out;
}
