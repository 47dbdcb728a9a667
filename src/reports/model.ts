/**
 * The year-end report as data, in the structure a coordinator sends to the Provincial People's
 * Committee: "BÁO CÁO Kết quả thực hiện Kế hoạch truyền thông…", I. Kết quả thực hiện (coverage by
 * theme and month; obligations and their evidence; alerts and cases), II. Đánh giá, III. Đề xuất,
 * kiến nghị. Every number is a field here; the XLSX, CSV and PDF renderers only lay it out, so the
 * three files agree with each other and with the evaluation. Pure.
 */
import { localDateTime, parseInstant, vietnameseDay } from "../contracts/calendar.ts";
import { OBLIGATION_KIND_LABEL, periodLabel, REASON_LABEL, STATUS_LABEL } from "../contracts/labels.ts";
import type { RejectionReason } from "../contracts/match.ts";
import type { Evaluation, Status, StatusRow } from "../contracts/obligationStatus.ts";
import { formatScope, type Scope } from "../contracts/scope.ts";
import { cellText, type MatrixLine, monthMatrix } from "../contracts/table.ts";
import type { Plan } from "../plan/schema.ts";
import type { CoverageResponse } from "../store/types.ts";

/** An alert as the (future) alert system will hand it over. */
export interface ReportAlert {
  id: string;
  kind: string;
  title: string;
  created_at: string;
  state: string;
  agency?: string | null;
}

/** A crisis case and how it was handled. */
export interface ReportCase {
  id: string;
  title: string;
  agency: string;
  status: string;
  opened_at: string;
  resolved_at?: string | null;
  response_url?: string | null;
}

export interface ReportInput {
  plan: Plan;
  evaluation: Evaluation;
  coverage: Pick<CoverageResponse, "rows" | "totals">;
  scope: Scope;
  /** When the report is issued (ms); its date is printed in the plan's time zone. */
  issuedAt: number;
  /** Absent: the alert system has no data for this report, and the report says so. */
  alerts?: ReportAlert[];
  cases?: ReportCase[];
}

export interface SummaryLine {
  no: number;
  code: string;
  title: string;
  kind: string;
  outlet: string;
  owner: string;
  unit: string;
  /** Periods by outcome, and the items counted over all periods. */
  met: number;
  missed: number;
  at_risk: number;
  not_yet_due: number;
  no_data: number;
  counted: number;
  /** Items required in the periods already over. */
  required_closed: number;
  example: boolean;
  note: string;
}

export interface PeriodLine {
  code: string;
  outlet: string;
  period: string;
  from: string;
  to: string;
  version: string;
  required: number;
  counted: number;
  status: Status;
  status_label: string;
  evidence_ids: string;
  note: string;
}

export interface EvidenceLine {
  code: string;
  outlet: string;
  period: string;
  day: string;
  title: string;
  url: string;
  snapshot: string;
  article_id: string;
  matched_by: string;
}

export interface RejectionLine {
  code: string;
  outlet: string;
  period: string;
  day: string;
  title: string;
  url: string;
  article_id: string;
  reasons: RejectionReason[];
  reason_labels: string;
  details: string;
}

export interface CoverageLine {
  theme: string;
  name: string;
  months: number[];
  total: number;
}

export interface YearReport {
  plan_id: string;
  year: number;
  scope: string;
  scope_label: string;
  superior: string;
  issuer: string;
  place_date: string;
  title: string;
  subtitle: string;
  recipient: string;
  as_of: string;
  intro: string;
  coverage: {
    months: string[];
    lines: CoverageLine[];
    totals: { months: number[]; total: number; unique_months: number[]; unique_total: number };
    note: string;
  };
  compliance: {
    summary: SummaryLine[];
    matrix: Array<{ no: number; code: string; outlet: string; unit: string; cells: string[] }>;
    periods: PeriodLine[];
    evidence: EvidenceLine[];
    rejected: RejectionLine[];
    rejected_by_reason: Array<{ reason: RejectionReason; label: string; count: number }>;
    totals: {
      obligations: number;
      periods_closed: number;
      met: number;
      missed: number;
      at_risk: number;
      not_yet_due: number;
      no_data: number;
      counted: number;
    };
    example_contracts: string[];
  };
  alerts: {
    available: boolean;
    message: string;
    by_kind: Array<{ kind: string; count: number }>;
    alerts: ReportAlert[];
    cases: ReportCase[];
  };
  assessment: { results: string[]; shortcomings: string[] };
  proposals: string[];
  signature: { role: string; recipients: string[] };
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `T${i + 1}`);

export function buildYearReport(input: ReportInput): YearReport {
  const { plan, evaluation, scope } = input;
  const coordinator = plan.agencies.find((a) => a.kind === "coordinator");
  const outletName = (id: string | null) => (id ? (plan.outlets.find((o) => o.id === id)?.name ?? id) : "");
  const agencyName = (id: string) => plan.agencies.find((a) => a.id === id)?.name ?? id;
  const issued = localDateTime(input.issuedAt, plan.timezone);
  const asOf = parseInstant(evaluation.now, "UTC") ?? input.issuedAt;
  const [iy, im, id] = issued.slice(0, 10).split("-");

  const matrix = monthMatrix(evaluation);
  const summary = matrix.map((line, i) => summaryLine(line, i + 1, outletName, agencyName));
  const periods = evaluation.rows.map((row) => periodLine(row, outletName));
  const evidence = evaluation.rows.flatMap((row) =>
    row.evidence.map((e) => ({
      code: row.obligation,
      outlet: e.outlet,
      period: periodLabel(row.period),
      day: vietnameseDay(e.day),
      title: e.title,
      url: e.url,
      snapshot: e.snapshot ?? "",
      article_id: e.article_id,
      matched_by: { title_marker: "dấu hiệu chuyên mục", section: "chuyên mục (section)", theme: "chủ đề" }[
        e.matched_by
      ],
    })),
  );
  const rejected = evaluation.rows.flatMap((row) =>
    row.rejected.map((r) => ({
      code: row.obligation,
      outlet: r.outlet,
      period: periodLabel(row.period),
      day: vietnameseDay(r.day),
      title: r.title,
      url: r.url,
      article_id: r.article_id,
      reasons: r.reasons,
      reason_labels: r.reasons.map((reason) => REASON_LABEL[reason]).join("; "),
      details: r.details.join("; "),
    })),
  );
  const reasonCounts = new Map<RejectionReason, number>();
  for (const line of rejected)
    for (const reason of line.reasons) reasonCounts.set(reason, (reasonCounts.get(reason) ?? 0) + 1);
  const count = (status: Status) => evaluation.rows.filter((row) => row.status === status).length;
  const totals = {
    obligations: matrix.length,
    periods_closed: evaluation.rows.filter((row) => row.status === "met" || row.status === "missed").length,
    met: count("met"),
    missed: count("missed"),
    at_risk: count("at_risk"),
    not_yet_due: count("not_yet_due"),
    no_data: count("no_data"),
    counted: evaluation.rows.reduce((sum, row) => sum + row.counted, 0),
  };
  const examples = [
    ...new Set(evaluation.obligations.filter((s) => s.contract?.example).map((s) => s.contract?.id ?? "")),
  ];

  const coverage = coverageTable(plan, input.coverage, evaluation.year);
  const alerts = alertSection(input.alerts, input.cases);
  const scopeLabel = describeScope(scope, plan, outletName, agencyName);
  const province = plan.province.name;
  const title = plan.title.replace(/^Kế hoạch/i, "").trim();

  return {
    plan_id: plan.id,
    year: evaluation.year,
    scope: formatScope(scope),
    scope_label: scopeLabel,
    superior: `UBND TỈNH ${province.toUpperCase()}`,
    issuer: (coordinator?.name ?? "Cơ quan đầu mối").toUpperCase(),
    place_date: `${province}, ngày ${id} tháng ${im} năm ${iy}`,
    title: "BÁO CÁO",
    subtitle: `Kết quả thực hiện Kế hoạch ${title}`,
    recipient: `Ủy ban nhân dân tỉnh ${province}`,
    as_of: localDateTime(asOf, plan.timezone),
    intro:
      `Thực hiện ${plan.title}${plan.source ? ` (${plan.source})` : ""}, ${coordinator?.name ?? "cơ quan đầu mối"} ` +
      `báo cáo kết quả thực hiện năm ${evaluation.year} (${scopeLabel}), tổng hợp từ hệ thống theo dõi báo chí ` +
      `tính đến ${localDateTime(asOf, plan.timezone)}, như sau:`,
    coverage,
    compliance: {
      summary,
      matrix: matrix.map((line, i) => ({
        no: i + 1,
        code: line.obligation.id,
        outlet: line.outlet ?? "",
        unit: line.unit,
        cells: line.months.map(cellText),
      })),
      periods,
      evidence,
      rejected,
      rejected_by_reason: [...reasonCounts.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([reason, n]) => ({ reason, label: REASON_LABEL[reason], count: n })),
      totals,
      example_contracts: examples,
    },
    alerts,
    assessment: assess(summary, totals, coverage, evaluation.year, examples),
    proposals: propose(summary, matrix, agencyName, outletName, alerts.available),
    signature: {
      // A department (Sở) is signed for by its director.
      role: /^Sở\s/u.test(coordinator?.name ?? "") ? "GIÁM ĐỐC" : "THỦ TRƯỞNG CƠ QUAN",
      recipients: [
        `${input.plan.agencies.find((a) => a.id === "ubnd_tinh")?.name ?? "UBND tỉnh"} (b/c)`,
        "Lưu: VT",
      ],
    },
  };
}

function summaryLine(
  line: MatrixLine,
  no: number,
  outletName: (id: string | null) => string,
  agencyName: (id: string) => string,
): SummaryLine {
  const spec = line.obligation;
  const closed = line.rows.filter((row) => row.status === "met" || row.status === "missed");
  const notes: string[] = [];
  if (spec.contract?.example) notes.push("hợp đồng mẫu, số lượng không có thật");
  if (spec.no_data) notes.push(spec.no_data);
  for (const row of line.rows)
    if (row.note && !notes.includes(row.note) && !spec.no_data) notes.push(row.note);
  return {
    no,
    code: spec.id,
    title: spec.title,
    kind: OBLIGATION_KIND_LABEL[spec.kind],
    outlet: line.outlet
      ? outletName(line.outlet)
      : spec.outlets.length > 0
        ? spec.outlets.map(outletName).join("; ")
        : "—",
    owner: agencyName(spec.owner),
    unit: line.unit,
    met: line.periods.met,
    missed: line.periods.missed,
    at_risk: line.periods.at_risk,
    not_yet_due: line.periods.not_yet_due,
    no_data: line.periods.no_data,
    counted: line.rows.reduce((sum, row) => sum + row.counted, 0),
    required_closed: closed.reduce((sum, row) => sum + row.required, 0),
    example: Boolean(spec.contract?.example),
    note: notes.join(" "),
  };
}

function periodLine(row: StatusRow, outletName: (id: string | null) => string): PeriodLine {
  return {
    code: row.obligation,
    outlet: row.outlet ? outletName(row.outlet) : "",
    period: periodLabel(row.period),
    from: vietnameseDay(row.from),
    to: vietnameseDay(row.to),
    version: row.version ?? "",
    required: row.required,
    counted: row.counted,
    status: row.status,
    status_label: STATUS_LABEL[row.status],
    evidence_ids: row.evidence.map((e) => e.article_id).join(" "),
    note: [row.note ?? "", row.units?.missing.length ? `Chưa gửi: ${row.units.missing.join(", ")}` : ""]
      .filter(Boolean)
      .join(" "),
  };
}

function coverageTable(plan: Plan, coverage: ReportInput["coverage"], year: number): YearReport["coverage"] {
  const monthIndex = (period: string) => Number(period.slice(5, 7)) - 1;
  const inYear = (period: string) => period.startsWith(`${year}-`);
  const byTheme = new Map<string, number[]>();
  for (const row of coverage.rows) {
    if (!row.theme || !inYear(row.period)) continue;
    const months = byTheme.get(row.theme) ?? Array.from({ length: 12 }, () => 0);
    months[monthIndex(row.period)] = (months[monthIndex(row.period)] ?? 0) + row.raw;
    byTheme.set(row.theme, months);
  }
  const known = plan.themes.map((t) => t.id);
  const order = [...known, ...[...byTheme.keys()].filter((id) => !known.includes(id)).sort()];
  const lines = order.map((id) => {
    const months = byTheme.get(id) ?? Array.from({ length: 12 }, () => 0);
    return {
      theme: id,
      name: plan.themes.find((t) => t.id === id)?.name ?? id,
      months,
      total: months.reduce((a, b) => a + b, 0),
    };
  });
  const months = Array.from({ length: 12 }, () => 0);
  const unique = Array.from({ length: 12 }, () => 0);
  for (const total of coverage.totals) {
    if (!inYear(total.period)) continue;
    months[monthIndex(total.period)] = total.raw;
    unique[monthIndex(total.period)] = total.unique_stories;
  }
  return {
    months: MONTHS,
    lines,
    totals: {
      months,
      total: months.reduce((a, b) => a + b, 0),
      unique_months: unique,
      unique_total: unique.reduce((a, b) => a + b, 0),
    },
    note:
      "Một tin, bài có thể thuộc nhiều chủ đề nên cộng theo chủ đề có thể lớn hơn tổng số tin, bài. " +
      "Số sự kiện: các bản đăng lại của cùng một tin được tính một lần trong tháng.",
  };
}

function alertSection(
  alerts: ReportAlert[] | undefined,
  cases: ReportCase[] | undefined,
): YearReport["alerts"] {
  if (!alerts && !cases) {
    return {
      available: false,
      message:
        "Chưa có dữ liệu cảnh báo: hệ thống cảnh báo và theo dõi vụ việc chưa được đưa vào vận hành, " +
        "nên báo cáo này không có số liệu về cảnh báo, khủng hoảng truyền thông và vụ việc đã xử lý.",
      by_kind: [],
      alerts: [],
      cases: [],
    };
  }
  const byKind = new Map<string, number>();
  for (const alert of alerts ?? []) byKind.set(alert.kind, (byKind.get(alert.kind) ?? 0) + 1);
  const resolved = (cases ?? []).filter((c) => c.resolved_at).length;
  return {
    available: true,
    message: `Trong kỳ có ${alerts?.length ?? 0} cảnh báo và ${cases?.length ?? 0} vụ việc (${resolved} đã xử lý xong).`,
    by_kind: [...byKind.entries()].sort((a, b) => b[1] - a[1]).map(([kind, count]) => ({ kind, count })),
    alerts: alerts ?? [],
    cases: cases ?? [],
  };
}

function describeScope(
  scope: Scope,
  plan: Plan,
  outletName: (id: string | null) => string,
  agencyName: (id: string) => string,
): string {
  switch (scope.type) {
    case "plan":
      return "toàn bộ Kế hoạch";
    case "outlet":
      return `cơ quan báo chí: ${outletName(scope.id)}`;
    case "agency":
      return `đơn vị: ${agencyName(scope.id)}`;
    case "contract": {
      const obligation = plan.obligations.find((o) => o.id === scope.id);
      return `hợp đồng: ${obligation?.title ?? scope.id}`;
    }
  }
}

function assess(
  summary: SummaryLine[],
  totals: YearReport["compliance"]["totals"],
  coverage: YearReport["coverage"],
  year: number,
  examples: string[],
): YearReport["assessment"] {
  const results: string[] = [];
  const shortcomings: string[] = [];
  results.push(
    `Năm ${year}, hệ thống ghi nhận ${coverage.totals.total} tin, bài (${coverage.totals.unique_total} sự kiện sau khi gộp bản đăng lại) thuộc phạm vi báo cáo.`,
  );
  results.push(
    `Trong ${totals.periods_closed} kỳ đã kết thúc của ${totals.obligations} nghĩa vụ được theo dõi, ${totals.met} kỳ đạt và ${totals.missed} kỳ không đạt; ${totals.counted} tin, bài được tính là sản phẩm thực hiện.`,
  );
  const perfect = summary.filter((s) => s.met > 0 && s.missed === 0 && s.at_risk === 0 && s.no_data === 0);
  if (perfect.length > 0) {
    results.push(
      `Thực hiện đầy đủ trong mọi kỳ đã kết thúc: ${perfect.map((s) => `${s.code} (${s.outlet})`).join("; ")}.`,
    );
  }
  for (const line of summary.filter((s) => s.missed > 0)) {
    shortcomings.push(`${line.title} — ${line.outlet}: không đạt ${line.missed} kỳ (đạt ${line.met} kỳ).`);
  }
  for (const line of summary.filter((s) => s.at_risk > 0)) {
    shortcomings.push(`${line.title} — ${line.outlet}: ${line.at_risk} kỳ đang chậm tiến độ.`);
  }
  const unmeasured = summary.filter((s) => s.no_data > 0);
  if (unmeasured.length > 0) {
    shortcomings.push(
      `Chưa đánh giá được ${unmeasured.length} nghĩa vụ do chưa có dữ liệu: ${unmeasured.map((s) => s.code).join(", ")}.`,
    );
  }
  if (examples.length > 0) {
    shortcomings.push(
      `Các hợp đồng ${examples.join(", ")} là hợp đồng MẪU (Kế hoạch không quy định số lượng); kết quả của chúng chỉ để minh họa.`,
    );
  }
  if (shortcomings.length === 0) shortcomings.push("Không có kỳ nào không đạt trong phạm vi báo cáo.");
  return { results, shortcomings };
}

function propose(
  summary: SummaryLine[],
  matrix: MatrixLine[],
  agencyName: (id: string) => string,
  outletName: (id: string | null) => string,
  alertsAvailable: boolean,
): string[] {
  const proposals: string[] = [];
  matrix.forEach((line, i) => {
    const s = summary[i];
    if (!s || (s.missed === 0 && s.at_risk === 0)) return;
    const owner = agencyName(line.obligation.owner);
    const where = line.outlet ? outletName(line.outlet) : s.outlet;
    proposals.push(
      `Đề nghị ${owner} phối hợp với ${where} bảo đảm thực hiện đủ ${line.obligation.title.charAt(0).toLowerCase()}${line.obligation.title.slice(1)} theo từng kỳ.`,
    );
  });
  if (summary.some((s) => s.no_data > 0 && s.kind === OBLIGATION_KIND_LABEL.contract)) {
    proposals.push(
      "Đề nghị các đơn vị ký hợp đồng truyền thông cập nhật số lượng, chủ đề, loại sản phẩm theo hợp đồng đã ký để hệ thống theo dõi, đối chiếu.",
    );
  }
  if (summary.some((s) => s.no_data > 0 && s.kind === OBLIGATION_KIND_LABEL.report)) {
    proposals.push("Đề nghị cập nhật sổ theo dõi việc các đơn vị gửi báo cáo kết quả thực hiện Kế hoạch.");
  }
  if (!alertsAvailable) {
    proposals.push(
      "Đưa hệ thống cảnh báo, theo dõi xử lý khủng hoảng truyền thông vào vận hành để có số liệu cho kỳ báo cáo sau.",
    );
  }
  return proposals;
}
