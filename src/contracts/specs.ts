/**
 * Obligations as the evaluator sees them: the plan's columns, campaign days and dated report, and
 * each contract deliverable, all turned into one shape. A spec carries its terms as dated
 * versions: a contract amended on 1 July has one version up to 30 June and another from 1 July,
 * and each period is evaluated under the version in force on its own dates.
 */
import type { Obligation, Plan } from "../plan/schema.ts";
import { addDays } from "./calendar.ts";
import type { Contract, Deliverable, DeliverableKind, DeliverablePatch, Recognition } from "./schema.ts";

export type ObligationKind = Obligation["kind"];
/** "window" is a campaign's day(s); "due" a dated deliverable such as the year-end report. */
export type PeriodUnit = "month" | "quarter" | "year" | "total" | "window" | "due";

/** A period of days in the plan's time zone, both ends included. */
export interface DayRange {
  from: string;
  to: string;
}

/** What counts and how many, under one version of the terms. */
export interface Requirement {
  count: number;
  per: Exclude<PeriodUnit, "due">;
  /** "any" accepts every kind of item. */
  kind: DeliverableKind | "any";
  /** Plan theme ids; empty accepts any theme. */
  themes: string[];
  min_words?: number;
  /** Terms one of which the item must contain (folded, diacritics ignored); null: no such check. */
  mention_terms: string[] | null;
  own_site: boolean;
  allow_reprints: boolean;
  title_markers: string[];
  sections: string[];
  recognize_by: Recognition[];
}

export interface TermVersion extends DayRange {
  /** "Hợp đồng số 12/2024/HĐ", "Phụ lục 01": what a reader checks the numbers against. */
  label: string;
  requirement: Requirement;
}

export interface ObligationSpec {
  /** Plan obligation id, or `<contract id>/<deliverable id>`. */
  id: string;
  kind: ObligationKind;
  title: string;
  source: "plan" | "contract";
  /** The plan obligation this is (or that the contract fulfils). */
  plan_obligation?: string;
  section?: string;
  contract?: { id: string; title: string; number?: string; example: boolean; signed_by: string };
  deliverable?: string;
  /** The agency that answers for it, and the ones that take part. */
  owner: string;
  partners: string[];
  outlets: string[];
  /** Each outlet owes the count (a monthly column on each paper), or all together. */
  each_outlet: boolean;
  versions: TermVersion[];
  /** Campaign days: the days the items must appear on. */
  windows?: DayRange[];
  /** Dated deliverables: the last day that counts as on time, and the units that must deliver. */
  due?: string;
  required_units?: string[];
  /** Why this obligation cannot be evaluated (no quantities entered). */
  no_data?: string;
}

const ALL_RECOGNITIONS: Recognition[] = ["title_marker", "section", "theme"];

/** Every obligation of the plan year: the plan's own, and one per contract deliverable. */
export function buildSpecs(plan: Plan, contracts: Contract[], year = plan.year): ObligationSpec[] {
  const yearRange = { from: `${year}-01-01`, to: `${year}-12-31` };
  const specs: ObligationSpec[] = [];
  for (const obligation of plan.obligations) {
    if (obligation.frequency === "per_contract" || obligation.kind === "contract") {
      // The plan names the contract; its terms come from the contract files, in the plan's order.
      const fulfilling = contracts.filter((c) => c.obligation === obligation.id);
      if (fulfilling.length === 0) specs.push(unenteredContract(obligation, yearRange));
      for (const contract of fulfilling) specs.push(...contractSpecs(plan, contract));
      continue;
    }
    specs.push(planSpec(obligation, yearRange));
  }
  // Contracts the plan does not name come last, in file order.
  for (const contract of contracts) {
    if (!contract.obligation) specs.push(...contractSpecs(plan, contract));
  }
  return specs.filter((spec) => touchesYear(spec, yearRange));
}

function planSpec(obligation: Obligation, year: DayRange): ObligationSpec {
  const base = {
    id: obligation.id,
    kind: obligation.kind,
    title: obligation.title,
    source: "plan" as const,
    plan_obligation: obligation.id,
    section: obligation.section,
    owner: obligation.owner,
    partners: obligation.partners,
    outlets: obligation.outlets,
  };
  const range = obligation.period ?? year;
  if (obligation.frequency === "once" || obligation.kind === "report") {
    return {
      ...base,
      each_outlet: false,
      versions: [],
      due: obligation.due ?? range.to,
      required_units: obligation.partners,
    };
  }
  if (obligation.frequency === "on_date") {
    // "On the day": each listed date is its own window, unless the plan widens it to a period
    // (a campaign held over a month).
    const windows = obligation.period
      ? [obligation.period]
      : (obligation.dates ?? []).map((day) => ({ from: day, to: day }));
    const from = windows.map((w) => w.from).sort()[0] ?? range.from;
    const to =
      windows
        .map((w) => w.to)
        .sort()
        .at(-1) ?? range.to;
    return {
      ...base,
      each_outlet: false,
      windows,
      versions: [
        {
          from,
          to,
          label: `Kế hoạch (mục ${obligation.section})`,
          requirement: {
            count: obligation.min_count ?? 1,
            per: "window",
            kind: "any",
            themes: obligation.themes,
            mention_terms: null,
            own_site: false,
            allow_reprints: false,
            title_markers: obligation.title_markers,
            sections: obligation.title_markers,
            // A campaign is answered by items that name it, not by any item on its theme that day.
            recognize_by: obligation.title_markers.length > 0 ? ["title_marker", "section"] : ["theme"],
          },
        },
      ],
    };
  }
  // Monthly columns: each outlet runs its own, recognised by the column's markers (in the title or
  // as the section name) or by its theme.
  return {
    ...base,
    each_outlet: obligation.outlets.length > 1,
    versions: [
      {
        ...range,
        label: `Kế hoạch (mục ${obligation.section})`,
        requirement: {
          count: obligation.min_count ?? 1,
          per: "month",
          kind: "any",
          themes: obligation.themes,
          mention_terms: null,
          own_site: true,
          allow_reprints: false,
          title_markers: obligation.title_markers,
          sections: obligation.title_markers,
          recognize_by: ALL_RECOGNITIONS,
        },
      },
    ],
  };
}

function unenteredContract(obligation: Obligation, year: DayRange): ObligationSpec {
  return {
    id: obligation.id,
    kind: obligation.kind,
    title: obligation.title,
    source: "plan",
    plan_obligation: obligation.id,
    section: obligation.section,
    owner: obligation.owner,
    partners: obligation.partners,
    outlets: obligation.outlets,
    each_outlet: false,
    versions: [{ ...year, label: "Kế hoạch", requirement: emptyRequirement() }],
    no_data:
      "Kế hoạch không quy định số lượng; chưa nhập hợp đồng (config/contracts) nên chưa đánh giá được.",
  };
}

function emptyRequirement(): Requirement {
  return {
    count: 0,
    per: "year",
    kind: "any",
    themes: [],
    mention_terms: null,
    own_site: false,
    allow_reprints: false,
    title_markers: [],
    sections: [],
    recognize_by: ALL_RECOGNITIONS,
  };
}

/** One spec per deliverable id, with a version for each stretch of days its terms held. */
export function contractSpecs(plan: Plan, contract: Contract): ObligationSpec[] {
  const stages = contractStages(contract);
  const order: string[] = [];
  const versions = new Map<string, TermVersion[]>();
  for (const stage of stages) {
    for (const deliverable of stage.deliverables) {
      const requirement = toRequirement(plan, contract, deliverable);
      const list = versions.get(deliverable.id) ?? [];
      if (!versions.has(deliverable.id)) order.push(deliverable.id);
      const last = list.at(-1);
      // Unchanged terms in consecutive stages are one version, under the label where they began.
      if (last && last.to === addDays(stage.from, -1) && sameRequirement(last.requirement, requirement)) {
        last.to = stage.to;
      } else {
        list.push({ from: stage.from, to: stage.to, label: stage.label, requirement });
      }
      versions.set(deliverable.id, list);
    }
  }
  return order.map((deliverableId) => {
    const list = versions.get(deliverableId) ?? [];
    const latest = stages
      .flatMap((s) => s.deliverables)
      .filter((d) => d.id === deliverableId)
      .at(-1);
    return {
      id: `${contract.id}/${deliverableId}`,
      kind: "contract",
      title: `${contract.title}${latest?.title ? ` — ${latest.title}` : ""}`,
      source: "contract",
      ...(contract.obligation ? { plan_obligation: contract.obligation } : {}),
      ...(sectionOf(plan, contract) ? { section: sectionOf(plan, contract) } : {}),
      contract: {
        id: contract.id,
        title: contract.title,
        ...(contract.number ? { number: contract.number } : {}),
        example: contract.example,
        signed_by: contract.signed_by,
      },
      deliverable: deliverableId,
      owner: contract.signed_by,
      partners: contract.co_signers,
      outlets: contract.outlets,
      each_outlet: latest?.each_outlet ?? false,
      versions: list,
    };
  });
}

function sectionOf(plan: Plan, contract: Contract): string | undefined {
  return plan.obligations.find((o) => o.id === contract.obligation)?.section;
}

interface Stage extends DayRange {
  label: string;
  deliverables: Deliverable[];
}

/** The contract's terms between amendments: the original, then one stage per amendment. */
export function contractStages(contract: Contract): Stage[] {
  const amendments = [...contract.amendments].sort((a, b) => a.effective.localeCompare(b.effective));
  const end = amendments.reduce((last, a) => a.ends ?? last, contract.period.to);
  const stages: Stage[] = [];
  let deliverables = contract.deliverables;
  let from = contract.period.from;
  let label = contract.number ? `Hợp đồng số ${contract.number}` : "Hợp đồng";
  for (const amendment of amendments) {
    stages.push({ from, to: addDays(amendment.effective, -1), label, deliverables });
    deliverables = applyAmendment(deliverables, amendment.deliverables, amendment.remove);
    from = amendment.effective;
    label = `${amendment.title}${amendment.number ? ` số ${amendment.number}` : ""} (hiệu lực từ ${amendment.effective})`;
  }
  stages.push({ from, to: end, label, deliverables });
  return stages.filter((stage) => stage.from <= stage.to);
}

function applyAmendment(
  current: Deliverable[],
  patches: DeliverablePatch[],
  remove: string[],
): Deliverable[] {
  const next = current.filter((d) => !remove.includes(d.id)).map((d) => ({ ...d }));
  for (const patch of patches) {
    const index = next.findIndex((d) => d.id === patch.id);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    if (index >= 0) next[index] = { ...next[index], ...defined } as Deliverable;
    else {
      // consistency.ts has checked that a new deliverable names its kind, count and period.
      const { kind, count, per } = patch;
      if (kind === undefined || count === undefined || per === undefined) {
        throw new Error(`amendment adds deliverable "${patch.id}" without kind, count and per`);
      }
      next.push({
        themes: [],
        must_mention_province: false,
        mention_terms: [],
        own_site: false,
        allow_reprints: false,
        each_outlet: false,
        title_markers: [],
        sections: [],
        recognize_by: ALL_RECOGNITIONS,
        ...defined,
        id: patch.id,
        kind,
        count,
        per,
      });
    }
  }
  return next;
}

function toRequirement(plan: Plan, contract: Contract, deliverable: Deliverable): Requirement {
  const mention =
    deliverable.mention_terms.length > 0
      ? deliverable.mention_terms
      : deliverable.must_mention_province
        ? [plan.province.name, ...plan.province.aliases]
        : null;
  return {
    count: deliverable.count,
    per: deliverable.per,
    kind: deliverable.kind,
    themes: deliverable.themes.length > 0 ? deliverable.themes : contract.themes,
    ...(deliverable.min_words !== undefined ? { min_words: deliverable.min_words } : {}),
    mention_terms: mention,
    own_site: deliverable.own_site,
    allow_reprints: deliverable.allow_reprints,
    title_markers: deliverable.title_markers,
    sections: deliverable.sections,
    recognize_by: deliverable.recognize_by,
  };
}

function sameRequirement(a: Requirement, b: Requirement): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function touchesYear(spec: ObligationSpec, year: DayRange): boolean {
  if (spec.due) return spec.due >= year.from && spec.due <= year.to;
  return spec.versions.some((v) => v.from <= year.to && v.to >= year.from);
}
