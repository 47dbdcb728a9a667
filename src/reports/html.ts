/**
 * The report as a printable HTML document laid out like an administrative report (Nghị định
 * 30/2020/NĐ-CP style: issuing body and national motto side by side, title, "Kính gửi", numbered
 * sections, recipients and signature), with the numbers as tables. Every text from the outside
 * (titles scraped from the web included) is escaped.
 */
import { REASON_LABEL, STATUS_LABEL } from "../contracts/labels.ts";
import type { YearReport } from "./model.ts";

/** The PDF lists the near misses (reasons other than theme or date) up to this many. */
export const PDF_MAX_REJECTIONS = 150;
export const PDF_MAX_EVIDENCE = 400;

export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const e = escapeHtml;

/** A cell already written as HTML (escaped by the caller). */
type Html = { html: string };
type CellValue = string | number | Html;

/** An identifier that may break after "_" or "/" ("column_<wbr>tourism"), escaped. */
function code(value: string): Html {
  return { html: e(value).replace(/([_/-])/g, "$1<wbr>") };
}

function nowrap(value: string): Html {
  return { html: `<span class="nowrap">${e(value)}</span>` };
}

function cellHtml(cell: CellValue): string {
  if (typeof cell === "number") return `<td class="n">${cell}</td>`;
  if (typeof cell === "object") return `<td>${cell.html}</td>`;
  return `<td>${e(cell)}</td>`;
}

function tableHtml(headers: string[], rows: CellValue[][], className = "", widths: number[] = []): string {
  const cols =
    widths.length > 0
      ? `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join("")}</colgroup>`
      : "";
  const head = `<tr>${headers.map((h) => `<th>${e(h)}</th>`).join("")}</tr>`;
  const body = rows.map((row) => `<tr>${row.map(cellHtml).join("")}</tr>`).join("\n");
  return `<table class="${className}">${cols}<thead>${head}</thead><tbody>${body}</tbody></table>`;
}

const STYLE = `
  @page { size: A4; margin: 18mm 14mm 18mm 20mm; }
  body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 12pt; line-height: 1.35; color: #000; }
  .head { width: 100%; border-collapse: collapse; margin-bottom: 8pt; }
  .head td { border: none; text-align: center; vertical-align: top; font-size: 12pt; padding: 0; }
  .head .motto { font-weight: bold; }
  .head .place { font-style: italic; padding-top: 6pt; }
  h1 { text-align: center; font-size: 14pt; margin: 12pt 0 0; }
  .subtitle { text-align: center; font-weight: bold; margin: 2pt 0 8pt; }
  .to { text-align: center; margin-bottom: 10pt; }
  h2 { font-size: 12.5pt; margin: 12pt 0 4pt; }
  h3 { font-size: 12pt; margin: 8pt 0 4pt; font-style: italic; }
  p { text-align: justify; margin: 3pt 0; text-indent: 1.0cm; }
  ul { margin: 2pt 0 2pt 0.6cm; padding-left: 0.4cm; }
  table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 8.5pt; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { border: 0.5pt solid #444; padding: 1.5pt 3pt; vertical-align: top; text-align: left; }
  th { background: #e8edf4; font-weight: bold; }
  td.n { text-align: right; white-space: nowrap; }
  table.matrix { font-size: 7.5pt; }
  table.matrix td { white-space: nowrap; text-align: center; }
  table.matrix td:nth-child(2), table.matrix td:nth-child(3) { text-align: left; }
  table.grid { font-size: 8pt; }
  table.grid td { text-align: right; white-space: nowrap; }
  table.grid td:first-child { text-align: left; white-space: normal; }
  table.list td.n { text-align: right; }
  .nowrap { white-space: nowrap; }
  table.list td { word-break: break-word; }
  .note { font-size: 9.5pt; font-style: italic; text-indent: 0; }
  .sign { width: 100%; margin-top: 16pt; border-collapse: collapse; font-size: 11pt; }
  .sign td { border: none; vertical-align: top; }
  .sign .role { text-align: center; font-weight: bold; }
`;

export function reportHtml(report: YearReport): string {
  const c = report.compliance;
  const cov = report.coverage;
  const nearMisses = c.rejected.filter((r) =>
    r.reasons.some((x) => x !== "wrong_theme" && x !== "outside_period"),
  );
  const shownRejections = nearMisses.slice(0, PDF_MAX_REJECTIONS);
  const shownEvidence = c.evidence.slice(0, PDF_MAX_EVIDENCE);

  const coverageTable = tableHtml(
    ["Chủ đề", ...cov.months, "Cả năm"],
    [
      ...cov.lines.map((l) => [l.name, ...l.months, l.total]),
      ["Tổng số tin, bài", ...cov.totals.months, cov.totals.total],
      ["Số sự kiện", ...cov.totals.unique_months, cov.totals.unique_total],
    ],
    "grid",
  );
  const summaryTable = tableHtml(
    [
      "STT",
      "Mã",
      "Nghĩa vụ",
      "Cơ quan báo chí",
      "Kỳ",
      "Đạt",
      "Không đạt",
      "Nguy cơ",
      "Chưa đến hạn",
      "Số tin, bài",
    ],
    c.summary.map((s) => [
      s.no,
      code(s.code),
      `${s.title}${s.example ? " (hợp đồng mẫu)" : ""}`,
      s.outlet,
      nowrap(s.unit),
      s.met,
      s.missed,
      s.at_risk,
      s.not_yet_due,
      s.counted,
    ]),
    "list",
    [4, 17, 28, 21, 6, 4, 5, 5, 5, 5],
  );
  const matrixTable = tableHtml(
    ["STT", "Mã", "Cơ quan báo chí", ...cov.months],
    c.matrix.map((m) => [m.no, code(m.code), m.outlet, ...m.cells]),
    "matrix",
  );
  const evidenceTable = tableHtml(
    ["Mã nghĩa vụ", "Kỳ", "Ngày đăng", "Cơ quan", "Tiêu đề", "Đường dẫn", "Bản lưu"],
    shownEvidence.map((x) => [
      code(x.code),
      x.period,
      nowrap(x.day),
      code(x.outlet),
      x.title,
      code(x.url),
      code(x.snapshot),
    ]),
    "list",
    [13, 9, 10, 10, 27, 20, 11],
  );
  const rejectionTable = tableHtml(
    ["Mã nghĩa vụ", "Kỳ", "Ngày đăng", "Cơ quan", "Tiêu đề", "Lý do", "Chi tiết"],
    shownRejections.map((r) => [
      code(r.code),
      r.period,
      nowrap(r.day),
      code(r.outlet),
      r.title,
      r.reason_labels,
      r.details,
    ]),
    "list",
    [13, 9, 10, 10, 24, 17, 17],
  );
  const reasonTable = tableHtml(
    ["Lý do không được tính", "Số lượt"],
    c.rejected_by_reason.map((r) => [r.label, r.count]),
  );
  const t = c.totals;
  const alerts = report.alerts;
  const alertsHtml = alerts.available
    ? `<p>${e(alerts.message)}</p>` +
      tableHtml(
        ["Loại cảnh báo", "Số lượng"],
        alerts.by_kind.map((k) => [k.kind, k.count]),
      ) +
      tableHtml(
        ["Vụ việc", "Đơn vị xử lý", "Trạng thái", "Phát hiện", "Kết thúc", "Phản hồi chính thức"],
        alerts.cases.map((x) => [
          x.title,
          x.agency,
          x.status,
          x.opened_at,
          x.resolved_at ?? "",
          x.response_url ?? "",
        ]),
        "list",
      )
    : `<p><b>Chưa có dữ liệu cảnh báo.</b> ${e(alerts.message.replace(/^Chưa có dữ liệu cảnh báo: /, ""))}</p>`;

  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${e(report.title)} ${e(report.subtitle)}</title><style>${STYLE}</style></head>
<body>
<table class="head"><tr>
  <td>${e(report.superior)}<br><b>${e(report.issuer)}</b><br>Số: &nbsp;&nbsp;&nbsp;&nbsp;/BC</td>
  <td><span class="motto">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</span><div class="place">${e(report.place_date)}</div></td>
</tr></table>
<h1>${e(report.title)}</h1>
<div class="subtitle">${e(report.subtitle)}</div>
<div class="to">Kính gửi: ${e(report.recipient)}.</div>
<p>${e(report.intro)}</p>

<h2>I. KẾT QUẢ THỰC HIỆN</h2>
<h3>1. Kết quả truyền thông theo chủ đề</h3>
<p>Tổng số tin, bài năm ${e(report.year)}: <b>${e(cov.totals.total)}</b> (${e(cov.totals.unique_total)} sự kiện). Số tin, bài theo chủ đề và tháng:</p>
${coverageTable}
<p class="note">${e(cov.note)}</p>

<h3>2. Kết quả thực hiện các nghĩa vụ theo Kế hoạch và hợp đồng</h3>
<p>Theo dõi ${e(t.obligations)} nghĩa vụ; ${e(t.periods_closed)} kỳ đã kết thúc, trong đó <b>${e(t.met)}</b> kỳ đạt, <b>${e(t.missed)}</b> kỳ không đạt; ${e(t.at_risk)} kỳ có nguy cơ không đạt; ${e(t.not_yet_due)} kỳ chưa đến hạn; ${e(t.no_data)} nghĩa vụ chưa có dữ liệu. Số tin, bài được tính: <b>${e(t.counted)}</b>.</p>
${c.example_contracts.length > 0 ? `<p class="note">Hợp đồng MẪU (số lượng minh họa, Kế hoạch không quy định số lượng): ${e(c.example_contracts.join(", "))}.</p>` : ""}
<p>a) Tổng hợp theo nghĩa vụ (số kỳ):</p>
${summaryTable}
<p>b) Trạng thái theo tháng (✔ ${e(STATUS_LABEL.met.toLowerCase())}, ✘ ${e(STATUS_LABEL.missed.toLowerCase())}, ! ${e(STATUS_LABEL.at_risk.toLowerCase())}, · ${e(STATUS_LABEL.not_yet_due.toLowerCase())}, ? ${e(STATUS_LABEL.no_data.toLowerCase())}, – không áp dụng; đạt được/yêu cầu):</p>
${matrixTable}
<p>c) Minh chứng (tin, bài được tính)${c.evidence.length > shownEvidence.length ? `, ${shownEvidence.length}/${c.evidence.length} dòng đầu, đầy đủ trong tệp XLSX` : ""}:</p>
${evidenceTable}
<p>d) Tin, bài không được tính: ${e(c.rejected.length)} lượt, theo lý do:</p>
${reasonTable}
${shownRejections.length > 0 ? `<p>Các trường hợp cần lưu ý (${REASON_LABEL.reprint.toLowerCase()}, ${REASON_LABEL.too_short.toLowerCase()}…)${nearMisses.length > shownRejections.length ? `, ${shownRejections.length}/${nearMisses.length} dòng đầu` : ""}:</p>${rejectionTable}` : ""}

<h3>3. Cảnh báo, khủng hoảng truyền thông và vụ việc đã xử lý</h3>
${alertsHtml}

<h2>II. ĐÁNH GIÁ</h2>
<h3>1. Kết quả đạt được</h3>
<ul>${report.assessment.results.map((x) => `<li>${e(x)}</li>`).join("")}</ul>
<h3>2. Tồn tại, hạn chế</h3>
<ul>${report.assessment.shortcomings.map((x) => `<li>${e(x)}</li>`).join("")}</ul>

<h2>III. ĐỀ XUẤT, KIẾN NGHỊ</h2>
<ul>${report.proposals.map((x) => `<li>${e(x)}</li>`).join("")}</ul>
<p class="note">Nội dung đánh giá, đề xuất do hệ thống tổng hợp từ số liệu; đơn vị soạn thảo rà soát, bổ sung trước khi ký.</p>

<table class="sign"><tr>
  <td><b><i>Nơi nhận:</i></b><br>${report.signature.recipients.map((r) => `- ${e(r)};`).join("<br>")}</td>
  <td class="role">${e(report.signature.role)}</td>
</tr></table>
</body></html>`;
}
