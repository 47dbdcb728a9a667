/**
 * The evaluation core, pure: given the obligations, "now" and the candidate articles, the status of
 * every obligation in every period of the year, with the articles that counted and, for each
 * candidate that did not, why.
 *
 * Periods are calendar periods in the plan's time zone: an article published at 23:30 on 31 March
 * in Viet Nam (16:30 UTC) is a March article. Articles published after "now" are not known yet and
 * are left out, so evaluating "as of" a past day gives the answer that day would have given.
 *
 * Status of one period:
 *   met          the count is reached (even while the period runs);
 *   missed       the period is over and the count is not reached;
 *   not_yet_due  the period has not started, or runs and is on pace;
 *   at_risk      the period runs and is behind a linear pace: fewer items than a steady pace would
 *                have produced by now, counted in whole items (an item falls due at the middle of
 *                its share of the period, so a monthly column is at risk from mid-month);
 *   no_data      cannot be evaluated: no quantities entered, or no record of a dated report.
 */
import type { Plan } from "../plan/schema.ts";
import { addPeriods } from "../time/periods.ts";
import { dayEnd, dayStart, daysBetween, localDay, monthEnd, parseInstant } from "./calendar.ts";
import {
  type Candidate,
  type FamilyOriginal,
  type MatchContext,
  matchCandidate,
  type RejectionReason,
} from "./match.ts";
import type { Recognition } from "./schema.ts";
import type { DayRange, ObligationSpec, PeriodUnit, Requirement, TermVersion } from "./specs.ts";

export type Status = "met" | "at_risk" | "missed" | "not_yet_due" | "no_data";
export const STATUSES: Status[] = ["met", "at_risk", "missed", "not_yet_due", "no_data"];

/** A cell of the period grid: "2024-07", "2024-Q3", "2024", a campaign window, a due day. */
export interface PeriodCell extends DayRange {
  unit: PeriodUnit;
  key: string;
}

export interface Evidence {
  article_id: string;
  outlet: string;
  title: string;
  url: string;
  canonical_url: string;
  snapshot: string | null;
  published_at: string;
  /** The day it was published, in the plan's time zone. */
  day: string;
  matched_by: Recognition;
}

export interface Rejection {
  article_id: string;
  outlet: string;
  title: string;
  url: string;
  published_at: string;
  day: string;
  reasons: RejectionReason[];
  details: string[];
}

/** A unit's report as received by the coordinator (from a register kept outside this system). */
export interface ReportSubmission {
  /** The obligation it answers; absent: every dated report obligation. */
  obligation?: string;
  agency: string;
  submitted_on: string;
  reference?: string;
}

export interface StatusRow {
  obligation: string;
  /** The outlet this row is about, when each outlet owes the count; null when pooled. */
  outlet: string | null;
  period: PeriodCell;
  /** The days actually evaluated: the cell, or the part of it a contract version covers. */
  from: string;
  to: string;
  /** The version of the terms it was evaluated under. */
  version: string | null;
  required: number;
  counted: number;
  /** Items a steady pace would have produced by now, while the period runs. */
  expected_by_now: number | null;
  status: Status;
  evidence: Evidence[];
  rejected: Rejection[];
  units?: { required: string[]; delivered: ReportSubmission[]; missing: string[] };
  note?: string;
}

export interface Evaluation {
  plan_id: string;
  year: number;
  time_zone: string;
  /** The instant evaluated as "now", UTC ISO. */
  now: string;
  obligations: ObligationSpec[];
  rows: StatusRow[];
  /** Candidates without a readable publication date: they belong to no period. */
  undated: string[];
}

export interface EvaluationInput {
  plan: Plan;
  year?: number;
  /** Milliseconds since the epoch. */
  now: number;
  specs: ObligationSpec[];
  candidates: Iterable<Candidate>;
  /** cluster id → the family's original, for reprints whose original is not among the candidates. */
  originals?: ReadonlyMap<string, FamilyOriginal> | Record<string, FamilyOriginal>;
  /** Reports received; absent when no register of them is available. */
  submissions?: ReportSubmission[];
}

interface Dated {
  article: Candidate;
  instant: number;
  day: string;
}

export function evaluateObligations(input: EvaluationInput): Evaluation {
  const { plan, now, specs } = input;
  const year = input.year ?? plan.year;
  const timeZone = plan.timezone;
  const byOutlet = new Map<string, Dated[]>();
  const undated: string[] = [];
  const originals = new Map<string, FamilyOriginal>(
    input.originals instanceof Map ? input.originals : Object.entries(input.originals ?? {}),
  );
  for (const article of input.candidates) {
    if (article.is_original && !originals.has(article.cluster_id)) {
      originals.set(article.cluster_id, { id: article.id, outlet: article.outlet });
    }
    const instant = article.published_at ? parseInstant(article.published_at, "UTC") : null;
    if (instant === null) {
      undated.push(article.id);
      continue;
    }
    if (instant > now) continue; // not published yet as of "now"
    const list = byOutlet.get(article.outlet) ?? [];
    list.push({ article, instant, day: localDay(instant, timeZone) });
    byOutlet.set(article.outlet, list);
  }
  for (const list of byOutlet.values())
    list.sort((a, b) => a.instant - b.instant || a.article.id.localeCompare(b.article.id));

  const context: MatchContext = {
    outletDomains: new Map(plan.outlets.map((o) => [o.id, o.domains])),
    originals,
  };
  const groups = new Map(plan.agencies.filter((a) => a.members?.length).map((a) => [a.id, a.members ?? []]));
  const rows: StatusRow[] = [];
  for (const spec of specs) {
    if (spec.no_data) {
      rows.push(noDataRow(spec, year));
      continue;
    }
    if (spec.due) {
      rows.push(reportRow(spec, now, timeZone, groups, input.submissions));
      continue;
    }
    for (const segment of segmentsOf(spec, year, now, timeZone)) {
      const outlets = spec.each_outlet ? spec.outlets.map((o) => [o]) : [spec.outlets];
      for (const group of outlets) {
        rows.push(evaluateSegment(spec, segment, group, byOutlet, context, now, timeZone));
      }
    }
  }
  return {
    plan_id: plan.id,
    year,
    time_zone: timeZone,
    now: new Date(now).toISOString(),
    obligations: specs,
    rows,
    undated,
  };
}

interface Segment extends DayRange {
  cell: PeriodCell;
  /** Where candidates are looked at: wider than the segment, so near misses show as such. */
  view: DayRange;
  version: TermVersion;
  required: number;
}

/** The grid cells of the year for each version of the terms, cut where versions change. */
export function segmentsOf(spec: ObligationSpec, year: number, now: number, timeZone: string): Segment[] {
  const segments: Segment[] = [];
  const totals = spec.versions.filter((v) => v.requirement.per === "total");
  if (totals.length > 0) {
    const term = { from: totals[0]?.from ?? "", to: totals.at(-1)?.to ?? "" };
    const today = localDay(now, timeZone);
    const on = earlier(later(today, term.from), term.to);
    const version = totals.find((v) => v.from <= on && on <= v.to) ?? totals.at(-1);
    if (version && term.from <= `${year}-12-31` && term.to >= `${year}-01-01`) {
      segments.push({
        ...term,
        cell: { unit: "total", key: `${term.from}/${term.to}`, ...term },
        view: term,
        version,
        required: version.requirement.count,
      });
    }
  }
  for (const version of spec.versions) {
    const per = version.requirement.per;
    if (per === "total") continue;
    const cells = per === "window" ? windowCells(spec.windows ?? [], year) : gridCells(per, year);
    for (const cell of cells) {
      const from = later(cell.from, version.from);
      const to = earlier(cell.to, version.to);
      if (from > to) continue;
      const full = from === cell.from && to === cell.to;
      const count = version.requirement.count;
      const required = full
        ? count
        : Math.ceil((count * daysBetween(from, to)) / daysBetween(cell.from, cell.to));
      const view =
        per === "window"
          ? { from: `${cell.from.slice(0, 7)}-01`, to: monthEnd(cell.to) }
          : { from: cell.from, to: cell.to };
      segments.push({ from, to, cell, view, version, required });
    }
  }
  return segments.sort((a, b) => a.from.localeCompare(b.from));
}

// Days are YYYY-MM-DD strings: they compare as text.
function later(a: string, b: string): string {
  return a.localeCompare(b) >= 0 ? a : b;
}

function earlier(a: string, b: string): string {
  return a.localeCompare(b) <= 0 ? a : b;
}

/** The months, quarters or the year itself as cells. */
export function gridCells(per: "month" | "quarter" | "year", year: number): PeriodCell[] {
  if (per === "year")
    return [{ unit: "year", key: String(year), from: `${year}-01-01`, to: `${year}-12-31` }];
  const months = per === "month" ? 1 : 3;
  const cells: PeriodCell[] = [];
  for (
    let start = `${year}-01-01`;
    start.startsWith(String(year));
    start = addPeriods(start, "month", months)
  ) {
    const end = monthEnd(addPeriods(start, "month", months - 1));
    const index = Number(start.slice(5, 7));
    const key = per === "month" ? start.slice(0, 7) : `${year}-Q${Math.ceil(index / 3)}`;
    cells.push({ unit: per, key, from: start, to: end });
  }
  return cells;
}

function windowCells(windows: DayRange[], year: number): PeriodCell[] {
  return windows
    .filter((w) => w.from <= `${year}-12-31` && w.to >= `${year}-01-01`)
    .map((w) => ({ unit: "window" as const, key: w.from === w.to ? w.from : `${w.from}/${w.to}`, ...w }));
}

function evaluateSegment(
  spec: ObligationSpec,
  segment: Segment,
  outlets: string[],
  byOutlet: Map<string, Dated[]>,
  context: MatchContext,
  now: number,
  timeZone: string,
): StatusRow {
  const requirement: Requirement = segment.version.requirement;
  const evidence: Evidence[] = [];
  const rejected: Rejection[] = [];
  const seen = outlets.flatMap((outlet) =>
    (byOutlet.get(outlet) ?? []).filter((d) => d.day >= segment.view.from && d.day <= segment.view.to),
  );
  seen.sort((a, b) => a.instant - b.instant || a.article.id.localeCompare(b.article.id));
  for (const { article, day } of seen) {
    const published_at = article.published_at ?? "";
    const base = { article_id: article.id, outlet: article.outlet, title: article.title, url: article.url };
    if (day < segment.from || day > segment.to) {
      rejected.push({
        ...base,
        published_at,
        day,
        reasons: ["outside_period"],
        details: [`${day} ngoài ${segment.from}…${segment.to}`],
      });
      continue;
    }
    const result = matchCandidate(article, requirement, context);
    if (result.counts) {
      evidence.push({
        ...base,
        canonical_url: article.canonical_url,
        snapshot: article.snapshot ?? null,
        published_at,
        day,
        matched_by: result.matched_by,
      });
    } else {
      rejected.push({ ...base, published_at, day, reasons: result.reasons, details: result.details });
    }
  }
  const { status, expected } = statusOf(segment.required, evidence.length, segment, now, timeZone);
  return {
    obligation: spec.id,
    outlet: spec.each_outlet ? (outlets[0] ?? null) : null,
    period: segment.cell,
    from: segment.from,
    to: segment.to,
    version: segment.version.label,
    required: segment.required,
    counted: evidence.length,
    expected_by_now: expected,
    status,
    evidence,
    rejected,
  };
}

/** Met, missed, not yet due or at risk, from the count, the required count and the clock. */
export function statusOf(
  required: number,
  counted: number,
  days: DayRange,
  now: number,
  timeZone: string,
): { status: Status; expected: number | null } {
  const start = dayStart(days.from, timeZone);
  const end = dayEnd(days.to, timeZone);
  const running = now >= start && now < end;
  const expected = running ? (required * (now - start)) / (end - start) : null;
  if (counted >= required) return { status: "met", expected };
  if (now >= end) return { status: "missed", expected };
  if (now < start || expected === null) return { status: "not_yet_due", expected };
  return { status: counted < Math.round(expected) ? "at_risk" : "not_yet_due", expected };
}

function noDataRow(spec: ObligationSpec, year: number): StatusRow {
  const cell: PeriodCell = { unit: "year", key: String(year), from: `${year}-01-01`, to: `${year}-12-31` };
  return {
    obligation: spec.id,
    outlet: null,
    period: cell,
    from: cell.from,
    to: cell.to,
    version: null,
    required: 0,
    counted: 0,
    expected_by_now: null,
    status: "no_data",
    evidence: [],
    rejected: [],
    ...(spec.no_data ? { note: spec.no_data } : {}),
  };
}

/** A dated deliverable (the report due before 15 December): each required unit, on time. */
function reportRow(
  spec: ObligationSpec,
  now: number,
  timeZone: string,
  groups: Map<string, string[]>,
  submissions: ReportSubmission[] | undefined,
): StatusRow {
  const due = spec.due ?? "";
  const cell: PeriodCell = { unit: "due", key: due, from: `${due.slice(0, 7)}-01`, to: due };
  const units = spec.required_units ?? [];
  const base = {
    obligation: spec.id,
    outlet: null,
    period: cell,
    from: cell.from,
    to: cell.to,
    version: null,
    required: units.length,
    evidence: [],
    rejected: [],
  };
  if (!submissions) {
    const over = now >= dayEnd(due, timeZone);
    return {
      ...base,
      counted: 0,
      expected_by_now: null,
      status: over ? "no_data" : "not_yet_due",
      note: "Chưa có dữ liệu về việc các đơn vị gửi báo cáo (sổ theo dõi văn bản đến không được nhập vào hệ thống).",
    };
  }
  const today = localDay(now, timeZone);
  const relevant = submissions.filter(
    (s) => (s.obligation === undefined || s.obligation === spec.id) && s.submitted_on <= today,
  );
  const onTime = relevant.filter((s) => s.submitted_on <= due);
  const sent = new Set(onTime.map((s) => s.agency));
  const satisfied = (unit: string) =>
    sent.has(unit) ||
    ((groups.get(unit)?.length ?? 0) > 0 && (groups.get(unit) ?? []).every((m) => sent.has(m)));
  const missing = units.filter((unit) => !satisfied(unit));
  const late = relevant.filter((s) => s.submitted_on > due);
  const counted = units.length - missing.length;
  const { status, expected } = statusOf(units.length, counted, cell, now, timeZone);
  return {
    ...base,
    counted,
    expected_by_now: expected,
    status,
    units: { required: units, delivered: onTime, missing },
    ...(late.length > 0
      ? { note: `Gửi muộn: ${late.map((s) => `${s.agency} (${s.submitted_on})`).join(", ")}` }
      : {}),
  };
}

/** What to fetch for these obligations: their outlets, and the days any period looks at. */
export function candidateRange(
  specs: ObligationSpec[],
  year: number,
): { outlets: string[]; from: string; to: string } {
  let from = `${year}-01-01`;
  let to = `${year}-12-31`;
  const outlets = new Set<string>();
  for (const spec of specs) {
    if (spec.no_data || spec.due) continue;
    for (const outlet of spec.outlets) outlets.add(outlet);
    for (const version of spec.versions) {
      if (version.requirement.per !== "total") continue;
      if (version.from < from) from = version.from;
      if (version.to > to) to = version.to;
    }
  }
  return { outlets: [...outlets].sort(), from, to };
}
