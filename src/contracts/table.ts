/**
 * The evaluation as a table of obligation × month: one line per obligation (per outlet when each
 * outlet owes the count), twelve month cells, and how many periods were met and missed. A quarter's
 * status shows in each of its months; a campaign day in its month only; a month cut by an amendment
 * shows the worse of its two parts.
 */
import { localDateTime, parseInstant } from "./calendar.ts";
import { STATUS_LABEL, STATUS_SYMBOL, UNIT_LABEL } from "./labels.ts";
import type { Evaluation, Status, StatusRow } from "./obligationStatus.ts";
import type { ObligationSpec } from "./specs.ts";

export interface MonthCell {
  status: Status;
  counted: number;
  required: number;
  rows: StatusRow[];
}

export interface MatrixLine {
  obligation: ObligationSpec;
  outlet: string | null;
  /** "tháng", "quý", "tháng → quý" when an amendment changed it. */
  unit: string;
  /** January to December; null where the obligation does not apply. */
  months: Array<MonthCell | null>;
  /** Periods (rows of the evaluation) by status. */
  periods: Record<Status, number>;
  rows: StatusRow[];
}

// When one month holds parts with different outcomes, the one that needs attention wins.
const SEVERITY: Record<Status, number> = { missed: 4, at_risk: 3, no_data: 2, not_yet_due: 1, met: 0 };

export function monthMatrix(evaluation: Evaluation): MatrixLine[] {
  const specs = new Map(evaluation.obligations.map((spec) => [spec.id, spec]));
  const lines = new Map<string, MatrixLine>();
  for (const row of evaluation.rows) {
    const key = `${row.obligation}\u0000${row.outlet ?? ""}`;
    let line = lines.get(key);
    if (!line) {
      const spec = specs.get(row.obligation);
      if (!spec) continue;
      line = {
        obligation: spec,
        outlet: row.outlet,
        unit: unitOf(spec),
        months: Array.from({ length: 12 }, () => null),
        periods: { met: 0, at_risk: 0, missed: 0, not_yet_due: 0, no_data: 0 },
        rows: [],
      };
      lines.set(key, line);
    }
    line.rows.push(row);
    line.periods[row.status] += 1;
    for (let month = 1; month <= 12; month++) {
      const first = `${evaluation.year}-${String(month).padStart(2, "0")}-01`;
      const last = `${evaluation.year}-${String(month).padStart(2, "0")}-31`;
      if (row.from > last || row.to < first) continue;
      const cell = line.months[month - 1] ?? { status: row.status, counted: 0, required: 0, rows: [] };
      if (SEVERITY[row.status] > SEVERITY[cell.status]) cell.status = row.status;
      cell.counted += row.counted;
      cell.required += row.required;
      cell.rows.push(row);
      line.months[month - 1] = cell;
    }
  }
  return [...lines.values()];
}

function unitOf(spec: ObligationSpec): string {
  if (spec.no_data) return "—";
  if (spec.due) return UNIT_LABEL.due;
  const units: string[] = [];
  for (const version of spec.versions) {
    const unit = UNIT_LABEL[version.requirement.per];
    if (units.at(-1) !== unit) units.push(unit);
  }
  return units.join(" → ");
}

/** "✔1/1", "✘0/3", "?" — the text of one month cell. */
export function cellText(cell: MonthCell | null): string {
  if (!cell) return "–";
  if (cell.status === "no_data") return STATUS_SYMBOL.no_data;
  return `${STATUS_SYMBOL[cell.status]}${cell.counted}/${cell.required}`;
}

/** The whole table as text, for a terminal. */
export function formatMonthTable(evaluation: Evaluation): string {
  const lines = monthMatrix(evaluation);
  const header = ["Nghĩa vụ", "Cơ quan báo chí", "Kỳ", ...months(), "Đạt", "K.đạt", "Nguy cơ"];
  const body = lines.map((line) => [
    line.obligation.id,
    line.outlet ?? (line.obligation.outlets.length > 0 ? line.obligation.outlets.join(",") : "—"),
    line.unit,
    ...line.months.map(cellText),
    String(line.periods.met),
    String(line.periods.missed),
    String(line.periods.at_risk),
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...body.map((cells) => (cells[i] ?? "").length)),
  );
  // Long outlet lists (campaign days) would push the months off the screen: cap that column.
  widths[1] = Math.min(widths[1] ?? 0, 24);
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        const text = cell.length > width ? `${cell.slice(0, width - 1)}…` : cell;
        return i >= 3 ? text.padStart(width) : text.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const legend = (Object.keys(STATUS_SYMBOL) as Status[])
    .map((status) => `${STATUS_SYMBOL[status]} ${STATUS_LABEL[status].toLowerCase()}`)
    .join("  ");
  // One note per distinct message, listing the obligations it applies to.
  const notes = new Map<string, string[]>();
  for (const line of lines) {
    const spec = line.obligation;
    const message =
      spec.no_data ??
      (spec.contract?.example ? "hợp đồng MẪU (example: true), số lượng không có thật." : null);
    if (!message) continue;
    const ids = notes.get(message) ?? [];
    if (!ids.includes(spec.id)) ids.push(spec.id);
    notes.set(message, ids);
  }
  const noteLines = [...notes.entries()].map(([message, ids]) => `  ${ids.join(", ")}: ${message}`);
  return [
    `Kế hoạch ${evaluation.plan_id} — năm ${evaluation.year} — tính đến ${localDateTime(parseInstant(evaluation.now, "UTC") ?? 0, evaluation.time_zone)} (${evaluation.time_zone})`,
    `Ký hiệu: ${legend}  – không áp dụng; số: đạt được/yêu cầu`,
    "",
    render(header),
    render(header.map((_, i) => "-".repeat(widths[i] ?? 0))),
    ...body.map(render),
    ...(noteLines.length > 0 ? ["", "Ghi chú:", ...noteLines] : []),
  ].join("\n");
}

function months(): string[] {
  return Array.from({ length: 12 }, (_, i) => `T${i + 1}`);
}
