/** What a plan contains, in counts: the quick answer to "did the whole plan load?". */
import type { Plan } from "./schema.ts";

export interface PlanSummary {
  id: string;
  title: string;
  year: number;
  themes: number;
  terms: number;
  agencies: number;
  districts: number;
  places: number;
  outlets: { total: number; byKind: Record<string, number> };
  obligations: { total: number; byKind: Record<string, number> };
}

export function summarizePlan(plan: Plan): PlanSummary {
  return {
    id: plan.id,
    title: plan.title,
    year: plan.year,
    themes: plan.themes.length,
    terms: plan.themes.reduce((sum, theme) => sum + theme.terms.length, 0),
    agencies: plan.agencies.length,
    districts: plan.districts.length,
    places: plan.places.length,
    outlets: { total: plan.outlets.length, byKind: countBy(plan.outlets, (o) => o.kind) },
    obligations: { total: plan.obligations.length, byKind: countBy(plan.obligations, (o) => o.kind) },
  };
}

export function formatPlanSummary(summary: PlanSummary): string {
  const kinds = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(", ");
  return [
    `${summary.id}: ${summary.title} (${summary.year})`,
    `  themes       ${summary.themes} (${summary.terms} terms)`,
    `  agencies     ${summary.agencies}`,
    `  districts    ${summary.districts}`,
    `  places       ${summary.places}`,
    `  outlets      ${summary.outlets.total}: ${kinds(summary.outlets.byKind)}`,
    `  obligations  ${summary.obligations.total}: ${kinds(summary.obligations.byKind)}`,
  ].join("\n");
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
