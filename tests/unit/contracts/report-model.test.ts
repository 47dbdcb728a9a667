// The year-end report model and its text forms (CSV, HTML), built from the fixture year's
// evaluation: the structure a coordinator sends to the People's Committee, the numbers of the
// evaluation, an honest section when there is no alert data, and escaped web text.
import { describe, expect, it } from "vitest";
import {
  buildSpecs,
  evaluateObligations,
  loadContracts,
  monthMatrix,
  parseInstant,
  STATUS_LABEL,
} from "../../../src/contracts/index.ts";
import { loadPlan } from "../../../src/plan/index.ts";
import { REPORT_CSV_HEADER, reportCsv } from "../../../src/reports/csv.ts";
import { reportHtml } from "../../../src/reports/html.ts";
import { buildYearReport } from "../../../src/reports/model.ts";
import { AFTER_YEAR, FIXTURE_CONTRACTS_DIR, fixtureYear } from "../../fixtures/contracts/year.ts";

const plan = await loadPlan(new URL("../../../config/plans/kon-tum-2024.yaml", import.meta.url).pathname);
const contracts = await loadContracts(FIXTURE_CONTRACTS_DIR, plan);
const now = parseInstant(AFTER_YEAR, plan.timezone) ?? 0;
const docs = fixtureYear();
// A hostile title from the open web must come out as text.
docs[0] = { ...docs[0]!, title: `${docs[0]!.title} <script>alert(1)</script> & "=cmd"` };
const evaluation = evaluateObligations({ plan, now, specs: buildSpecs(plan, contracts), candidates: docs });
const coverage = {
  rows: [
    { period: "2024-01-01", theme: "tourism", raw: 2, unique_stories: 2, share_of_voice: 0.5, change: 0 },
    { period: "2024-01-01", theme: "economy", raw: 5, unique_stories: 5, share_of_voice: 0.5, change: 0 },
    { period: "2024-07-01", theme: "tourism", raw: 3, unique_stories: 2, share_of_voice: 1, change: 1 },
    { period: "2024-07-01", theme: "unknown_theme", raw: 1, unique_stories: 1, share_of_voice: 1, change: 1 },
  ],
  totals: [
    { period: "2024-01-01", raw: 7, unique_stories: 7 },
    { period: "2024-07-01", raw: 4, unique_stories: 3 },
  ],
};
const report = buildYearReport({ plan, evaluation, coverage, scope: { type: "plan" }, issuedAt: now });

describe("the year-end report model", () => {
  it("has the heading of a report to the Provincial People's Committee", () => {
    expect(report.title).toBe("BÁO CÁO");
    expect(report.subtitle).toBe(
      "Kết quả thực hiện Kế hoạch truyền thông nhiệm vụ trọng tâm tỉnh Kon Tum năm 2024",
    );
    expect(report.superior).toBe("UBND TỈNH KON TUM");
    expect(report.issuer).toBe("SỞ THÔNG TIN VÀ TRUYỀN THÔNG");
    expect(report.recipient).toBe("Ủy ban nhân dân tỉnh Kon Tum");
    expect(report.place_date).toBe("Kon Tum, ngày 10 tháng 01 năm 2025");
    expect(report.signature.role).toBe("GIÁM ĐỐC");
  });

  it("counts coverage by theme and month, with the month totals of the store", () => {
    const tourism = report.coverage.lines.find((l) => l.theme === "tourism");
    expect(tourism?.months.slice(0, 7)).toEqual([2, 0, 0, 0, 0, 0, 3]);
    expect(tourism?.total).toBe(5);
    expect(report.coverage.lines.at(-1)?.theme).toBe("unknown_theme");
    expect(report.coverage.totals).toMatchObject({ total: 11, unique_total: 10 });
  });

  it("summarises every obligation line with the evaluation's counts", () => {
    const matrix = monthMatrix(evaluation);
    expect(report.compliance.summary).toHaveLength(matrix.length);
    matrix.forEach((line, i) => {
      const s = report.compliance.summary[i];
      expect([s?.code, s?.met, s?.missed, s?.at_risk, s?.no_data]).toEqual([
        line.obligation.id,
        line.periods.met,
        line.periods.missed,
        line.periods.at_risk,
        line.periods.no_data,
      ]);
    });
    const tourismKonTum = report.compliance.summary.find(
      (s) => s.code === "column_tourism" && s.outlet === "Báo Kon Tum",
    );
    expect([tourismKonTum?.met, tourismKonTum?.missed, tourismKonTum?.counted]).toEqual([11, 1, 11]);
    expect(report.compliance.totals).toMatchObject({ met: 81, missed: 12, at_risk: 0, no_data: 10 });
    expect(report.compliance.periods).toHaveLength(evaluation.rows.length);
    expect(report.compliance.evidence).toHaveLength(
      evaluation.rows.reduce((n, r) => n + r.evidence.length, 0),
    );
  });

  it("says there is no alert data when none is given, and counts alerts and cases when they are", () => {
    expect(report.alerts.available).toBe(false);
    expect(report.alerts.message).toMatch(/^Chưa có dữ liệu cảnh báo/);
    expect(report.proposals.some((p) => p.includes("hệ thống cảnh báo"))).toBe(true);
    const withAlerts = buildYearReport({
      plan,
      evaluation,
      coverage,
      scope: { type: "plan" },
      issuedAt: now,
      alerts: [
        {
          id: "a1",
          kind: "spike",
          title: "Tăng đột biến tin tiêu cực",
          created_at: "2024-05-02T03:00:00Z",
          state: "closed",
        },
        { id: "a2", kind: "spike", title: "Tin đồn", created_at: "2024-06-02T03:00:00Z", state: "open" },
      ],
      cases: [
        {
          id: "c1",
          title: "Tin sai về giá đất",
          agency: "stnmt",
          status: "resolved",
          opened_at: "2024-06-02",
          resolved_at: "2024-06-04",
        },
      ],
    });
    expect(withAlerts.alerts.available).toBe(true);
    expect(withAlerts.alerts.by_kind).toEqual([{ kind: "spike", count: 2 }]);
    expect(withAlerts.alerts.message).toBe("Trong kỳ có 2 cảnh báo và 1 vụ việc (1 đã xử lý xong).");
  });

  it("names what fell short in II and proposes action in III", () => {
    expect(report.assessment.shortcomings.join("\n")).toMatch(/Báo Kon Tum: không đạt 1 kỳ \(đạt 11 kỳ\)/);
    expect(report.assessment.shortcomings.join("\n")).toMatch(/Chưa đánh giá được 10 nghĩa vụ/);
    expect(report.proposals.join("\n")).toMatch(
      /Đề nghị Sở Văn hóa, Thể thao và Du lịch phối hợp với Báo Kon Tum/,
    );
  });
});

describe("the report as CSV", () => {
  const lines = reportCsv(report)
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");

  it("has a header and one row per obligation and period, with the evaluation's counts", () => {
    expect(lines[0]?.split(",")).toEqual(REPORT_CSV_HEADER);
    expect(lines).toHaveLength(evaluation.rows.length + 1);
    const july = lines.find((l) => l.startsWith("column_tourism,") && l.includes("Báo Kon Tum,Tháng 7/2024"));
    expect(july).toContain(`,1,0,${STATUS_LABEL.missed},missed,`);
  });
});

describe("the report as HTML", () => {
  const html = reportHtml(report);

  it("has sections I, II and III in order", () => {
    const order = ["I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ", "III. ĐỀ XUẤT, KIẾN NGHỊ", "Nơi nhận:"].map((h) =>
      html.indexOf(h),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain("Chưa có dữ liệu cảnh báo.");
  });

  it("escapes text from the web", () => {
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;=cmd&quot;");
  });
});
