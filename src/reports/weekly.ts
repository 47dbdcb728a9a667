/**
 * The weekly press-briefing pack (plan III.5đ): the week's coverage by theme and by outlet, the
 * negative items, the open crisis cases and the obligations at risk, as one model rendered to HTML
 * (printed to PDF by Chromium, src/reports/pdf.ts) and to XLSX (exceljs). Pure but for exceljs.
 */
import ExcelJS from "exceljs";
import { xlsxText } from "../export/xlsx.ts";
import { escapeHtml } from "./html.ts";

export interface WeeklyPack {
  plan: string;
  /** Monday and Sunday of the week, YYYY-MM-DD in the plan's time zone. */
  from: string;
  to: string;
  generated_at: string;
  total: number;
  byTheme: Array<{ label: string; articles: number; stories: number }>;
  byOutlet: Array<{ label: string; articles: number; stories: number }>;
  negative: Array<{ published: string; outlet: string; title: string; url: string }>;
  cases: Array<{ id: string; title: string; status: string; agency: string }>;
  atRisk: Array<{ obligation: string; outlet: string; period: string; counted: number; required: number }>;
}

const SECTIONS = {
  theme: "Độ phủ theo chủ đề",
  outlet: "Độ phủ theo cơ quan báo chí",
  negative: "Tin tiêu cực",
  cases: "Vụ việc đang xử lý",
  atRisk: "Nghĩa vụ có nguy cơ không đạt",
};

function table(headers: string[], rows: Array<Array<string | number>>): string {
  if (rows.length === 0) return `<p class="none">Không có.</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

export function weeklyHtml(pack: WeeklyPack): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bản tin tuần ${escapeHtml(pack.from)}</title>
<style>@page{size:A4;margin:18mm 15mm}body{font-family:"DejaVu Serif",serif;font-size:10.5pt}h1{font-size:16pt}h2{font-size:12.5pt;margin-top:14pt}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:3pt 5pt;text-align:left;vertical-align:top}th{background:#eee}td{white-space:pre-line}td:first-child{white-space:nowrap}.none{color:#555}</style>
</head><body>
<h1>Bản tin báo chí tuần ${escapeHtml(pack.from)} – ${escapeHtml(pack.to)}</h1>
<p>Kế hoạch ${escapeHtml(pack.plan)} · ${pack.total} bài trong tuần · lập lúc ${escapeHtml(pack.generated_at)}</p>
<h2>${SECTIONS.theme}</h2>${table(
    ["Chủ đề", "Số bài", "Số tin gốc"],
    pack.byTheme.map((r) => [r.label, r.articles, r.stories]),
  )}
<h2>${SECTIONS.outlet}</h2>${table(
    ["Cơ quan báo chí", "Số bài", "Số tin gốc"],
    pack.byOutlet.map((r) => [r.label, r.articles, r.stories]),
  )}
<h2>${SECTIONS.negative}</h2>${table(
    ["Ngày đăng", "Cơ quan", "Tiêu đề và địa chỉ"],
    pack.negative.map((r) => [r.published, r.outlet, `${r.title}\n${r.url}`]),
  )}
<h2>${SECTIONS.cases}</h2>${table(
    ["Mã", "Vụ việc", "Trạng thái", "Cơ quan xử lý"],
    pack.cases.map((r) => [r.id, r.title, r.status, r.agency]),
  )}
<h2>${SECTIONS.atRisk}</h2>${table(
    ["Nghĩa vụ", "Cơ quan báo chí", "Kỳ", "Đã có", "Yêu cầu"],
    pack.atRisk.map((r) => [r.obligation, r.outlet, r.period, r.counted, r.required]),
  )}
</body></html>`;
}

export async function weeklyXlsx(pack: WeeklyPack): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Presswatch";
  const sheet = (name: string, headers: string[], rows: Array<Array<string | number>>) => {
    const ws = book.addWorksheet(name);
    ws.addRow(headers).font = { bold: true };
    for (const row of rows) ws.addRow(row.map((cell) => (typeof cell === "string" ? xlsxText(cell) : cell)));
    ws.columns.forEach((column) => {
      column.width = 24;
    });
  };
  sheet("Tổng quan", ["Tuần từ", "đến", "Số bài", "Kế hoạch"], [[pack.from, pack.to, pack.total, pack.plan]]);
  sheet(
    "Chủ đề",
    ["Chủ đề", "Số bài", "Số tin gốc"],
    pack.byTheme.map((r) => [r.label, r.articles, r.stories]),
  );
  sheet(
    "Cơ quan báo chí",
    ["Cơ quan báo chí", "Số bài", "Số tin gốc"],
    pack.byOutlet.map((r) => [r.label, r.articles, r.stories]),
  );
  sheet(
    "Tin tiêu cực",
    ["Ngày đăng", "Cơ quan", "Tiêu đề", "Địa chỉ"],
    pack.negative.map((r) => [r.published, r.outlet, r.title, r.url]),
  );
  sheet(
    "Vụ việc",
    ["Mã", "Vụ việc", "Trạng thái", "Cơ quan xử lý"],
    pack.cases.map((r) => [r.id, r.title, r.status, r.agency]),
  );
  sheet(
    "Nghĩa vụ có nguy cơ",
    ["Nghĩa vụ", "Cơ quan báo chí", "Kỳ", "Đã có", "Yêu cầu"],
    pack.atRisk.map((r) => [r.obligation, r.outlet, r.period, r.counted, r.required]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
