/**
 * Which agency should answer for a case, from the plan: the agency a registered claim names, else
 * an owner of the case's themes (the plan says who owns each theme), preferring one the articles
 * mention, else the coordinator. The coordinator assigns; this only suggests, with the reason.
 */
import type { Plan } from "../plan/schema.ts";

export interface AgencySuggestion {
  agency: string;
  reason: string;
}

export interface CaseSubject {
  /** Themes of the case, most important first. */
  themes: readonly string[];
  /** Agencies the articles mention. */
  agencies?: readonly string[];
  /** Agencies named by the registered claims the case is about. */
  claimAgencies?: readonly string[];
}

export function suggestAgency(
  plan: Pick<Plan, "themes" | "agencies">,
  subject: CaseSubject,
): AgencySuggestion | null {
  const known = new Set(plan.agencies.map((agency) => agency.id));
  const claimAgency = subject.claimAgencies?.find((id) => known.has(id));
  if (claimAgency) return { agency: claimAgency, reason: "named by the registered claim" };

  const mentioned = new Set(subject.agencies ?? []);
  for (const themeId of subject.themes) {
    const owners =
      plan.themes.find((theme) => theme.id === themeId)?.owners.filter((id) => known.has(id)) ?? [];
    const preferred = owners.find((id) => mentioned.has(id));
    if (preferred)
      return { agency: preferred, reason: `owns theme ${themeId} in the plan and is named in the articles` };
    if (owners[0]) return { agency: owners[0], reason: `owns theme ${themeId} in the plan` };
  }
  const coordinator = plan.agencies.find((agency) => agency.kind === "coordinator");
  return coordinator ? { agency: coordinator.id, reason: "no theme owner: the plan's coordinator" } : null;
}
