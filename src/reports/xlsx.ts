/**
 * The year-end report as an Excel workbook: a cover sheet with the report's text (I. Kết quả, II.
 * Đánh giá, III. Đề xuất), then one sheet per table, numbers as numbers so the office can sum and
 * chart them.
 */
import ExcelJS from "exceljs";
import { STATUS_LABEL } from "../contracts/labels.ts";
import { xlsxText } from "../export/xlsx.ts";
import type { YearReport } from "./model.ts";

type Cell = string | number | null;

/** The same cleaning as every export (a title scraped from the web may hold control characters). */
function clean(value: Cell): Cell {
  return typeof value === "string" ? xlsxText(value) : value;
}

function table(
  workbook: ExcelJS.Workbook,
  name: string,
  heading: string,
  columns: Array<{ header: string; width?: number }>,
  rows: Cell[][],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 2 }] });
  sheet.addRow([heading]).font = { bold: true, size: 12 };
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle" };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDE5F0" } };
    cell.border = { bottom: { style: "thin" } };
  });
  columns.forEach((column, i) => {
    sheet.getColumn(i + 1).width = column.width ?? 14;
  });
  for (const row of rows) sheet.addRow(row.map(clean));
  return sheet;
}

export async function reportXlsx(report: YearReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Presswatch";
  workbook.title = `${report.title} ${report.subtitle}`;

  // Cover: the report's text in the order of the document.
  const cover = workbook.addWorksheet("Báo cáo");
  cover.getColumn(1).width = 120;
  const line = (text: string, font: Partial<ExcelJS.Font> = {}) => {
    const row = cover.addRow([clean(text)]);
    row.font = font;
    row.alignment = { wrapText: true };
  };
  line(report.superior);
  line(report.issuer, { bold: true });
  line(report.place_date, { italic: true });
  line("");
  line(report.title, { bold: true, size: 14 });
  line(report.subtitle, { bold: true });
  line(`Kính gửi: ${report.recipient}`);
  line(`Phạm vi: ${report.scope_label} (${report.scope}); số liệu tính đến ${report.as_of}`);
  line("");
  line(report.intro);
  line("I. KẾT QUẢ THỰC HIỆN", { bold: true });
  line("1. Kết quả truyền thông theo chủ đề: xem trang «I.1 Chủ đề theo tháng».");
  line(
    "2. Kết quả thực hiện các nghĩa vụ: xem trang «I.2 Tổng hợp nghĩa vụ», «I.2 Bảng tháng», «I.2 Chi tiết theo kỳ», «Minh chứng», «Không được tính».",
  );
  const t = report.compliance.totals;
  line(
    `   Số nghĩa vụ: ${t.obligations}; kỳ đã kết thúc: ${t.periods_closed}; đạt: ${t.met}; không đạt: ${t.missed}; có nguy cơ: ${t.at_risk}; chưa đến hạn: ${t.not_yet_due}; chưa có dữ liệu: ${t.no_data}; số tin, bài được tính: ${t.counted}.`,
  );
  line(`3. Cảnh báo và vụ việc: ${report.alerts.message}`);
  line("II. ĐÁNH GIÁ", { bold: true });
  line("1. Kết quả đạt được", { italic: true });
  for (const text of report.assessment.results) line(`- ${text}`);
  line("2. Tồn tại, hạn chế", { italic: true });
  for (const text of report.assessment.shortcomings) line(`- ${text}`);
  line("III. ĐỀ XUẤT, KIẾN NGHỊ", { bold: true });
  for (const text of report.proposals) line(`- ${text}`);
  line("");
  line(
    "Nội dung đánh giá, đề xuất do hệ thống tổng hợp từ số liệu; đơn vị soạn thảo rà soát, bổ sung trước khi ký.",
    {
      italic: true,
    },
  );

  const cov = report.coverage;
  table(
    workbook,
    "I.1 Chủ đề theo tháng",
    `Số tin, bài theo chủ đề và tháng năm ${report.year}`,
    [
      { header: "Chủ đề", width: 40 },
      ...cov.months.map((m) => ({ header: m, width: 7 })),
      { header: "Cả năm", width: 9 },
    ],
    [
      ...cov.lines.map((l) => [l.name, ...l.months, l.total]),
      ["Tổng số tin, bài", ...cov.totals.months, cov.totals.total],
      ["Số sự kiện (gộp bản đăng lại)", ...cov.totals.unique_months, cov.totals.unique_total],
      [cov.note],
    ],
  );

  table(
    workbook,
    "I.2 Tổng hợp nghĩa vụ",
    "Kết quả thực hiện các nghĩa vụ (số kỳ theo trạng thái)",
    [
      { header: "STT", width: 5 },
      { header: "Mã nghĩa vụ", width: 26 },
      { header: "Nghĩa vụ", width: 50 },
      { header: "Loại", width: 14 },
      { header: "Cơ quan báo chí", width: 30 },
      { header: "Đơn vị chủ trì", width: 28 },
      { header: "Kỳ", width: 10 },
      { header: STATUS_LABEL.met, width: 8 },
      { header: STATUS_LABEL.missed, width: 10 },
      { header: STATUS_LABEL.at_risk, width: 12 },
      { header: STATUS_LABEL.not_yet_due, width: 12 },
      { header: STATUS_LABEL.no_data, width: 12 },
      { header: "Số tin, bài được tính", width: 12 },
      { header: "Yêu cầu (các kỳ đã kết thúc)", width: 12 },
      { header: "Ghi chú", width: 50 },
    ],
    report.compliance.summary.map((s) => [
      s.no,
      s.code,
      s.title,
      s.kind,
      s.outlet,
      s.owner,
      s.unit,
      s.met,
      s.missed,
      s.at_risk,
      s.not_yet_due,
      s.no_data,
      s.counted,
      s.required_closed,
      s.note,
    ]),
  );

  table(
    workbook,
    "I.2 Bảng tháng",
    "Trạng thái từng nghĩa vụ theo tháng (✔ đạt, ✘ không đạt, ! có nguy cơ, · chưa đến hạn, ? chưa có dữ liệu, – không áp dụng; đạt được/yêu cầu)",
    [
      { header: "STT", width: 5 },
      { header: "Mã nghĩa vụ", width: 26 },
      { header: "Cơ quan báo chí", width: 18 },
      { header: "Kỳ", width: 10 },
      ...report.coverage.months.map((m) => ({ header: m, width: 8 })),
    ],
    report.compliance.matrix.map((m) => [m.no, m.code, m.outlet, m.unit, ...m.cells]),
  );

  table(
    workbook,
    "I.2 Chi tiết theo kỳ",
    "Kết quả từng kỳ",
    [
      { header: "Mã nghĩa vụ", width: 26 },
      { header: "Cơ quan báo chí", width: 30 },
      { header: "Kỳ", width: 18 },
      { header: "Từ ngày", width: 11 },
      { header: "Đến ngày", width: 11 },
      { header: "Theo văn bản", width: 30 },
      { header: "Yêu cầu", width: 8 },
      { header: "Đạt được", width: 8 },
      { header: "Trạng thái", width: 18 },
      { header: "Mã tin, bài minh chứng", width: 40 },
      { header: "Ghi chú", width: 50 },
    ],
    report.compliance.periods.map((p) => [
      p.code,
      p.outlet,
      p.period,
      p.from,
      p.to,
      p.version,
      p.required,
      p.counted,
      p.status_label,
      p.evidence_ids,
      p.note,
    ]),
  );

  table(
    workbook,
    "Minh chứng",
    "Tin, bài được tính (minh chứng)",
    [
      { header: "Mã nghĩa vụ", width: 26 },
      { header: "Cơ quan báo chí", width: 16 },
      { header: "Kỳ", width: 16 },
      { header: "Ngày đăng", width: 11 },
      { header: "Tiêu đề", width: 60 },
      { header: "Đường dẫn", width: 40 },
      { header: "Bản lưu (snapshot)", width: 24 },
      { header: "Mã tin, bài", width: 20 },
      { header: "Nhận diện theo", width: 18 },
    ],
    report.compliance.evidence.map((e) => [
      e.code,
      e.outlet,
      e.period,
      e.day,
      e.title,
      e.url,
      e.snapshot,
      e.article_id,
      e.matched_by,
    ]),
  );

  table(
    workbook,
    "Không được tính",
    "Tin, bài không được tính và lý do",
    [
      { header: "Mã nghĩa vụ", width: 26 },
      { header: "Cơ quan báo chí", width: 16 },
      { header: "Kỳ", width: 16 },
      { header: "Ngày đăng", width: 11 },
      { header: "Tiêu đề", width: 60 },
      { header: "Đường dẫn", width: 40 },
      { header: "Mã tin, bài", width: 20 },
      { header: "Lý do", width: 40 },
      { header: "Chi tiết", width: 40 },
    ],
    report.compliance.rejected.map((r) => [
      r.code,
      r.outlet,
      r.period,
      r.day,
      r.title,
      r.url,
      r.article_id,
      r.reason_labels,
      r.details,
    ]),
  );

  const alerts = report.alerts;
  table(
    workbook,
    "I.3 Cảnh báo, vụ việc",
    alerts.message,
    [
      { header: "Mã", width: 18 },
      { header: "Loại / đơn vị", width: 24 },
      { header: "Nội dung", width: 60 },
      { header: "Trạng thái", width: 14 },
      { header: "Thời gian", width: 20 },
      { header: "Phản hồi chính thức", width: 40 },
    ],
    [
      ...alerts.alerts.map((a) => [a.id, a.kind, a.title, a.state, a.created_at, ""]),
      ...alerts.cases.map((c) => [c.id, c.agency, c.title, c.status, c.opened_at, c.response_url ?? ""]),
    ],
  );

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
