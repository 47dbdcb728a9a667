/**
 * The analyzer's version, recorded on every result. Analysis depends on three things — this code,
 * the plan (its vocabulary and names) and the learned model — so the recorded version names all
 * three; a stored article whose version differs from the current one needs re-analysis.
 *
 * Bump ANALYZER_VERSION whenever a change to src/analyze or src/text can change a result.
 */
import type { Plan } from "../plan/schema.ts";
import { fingerprint } from "./hash.ts";

export const ANALYZER_VERSION = "1.0.0";

/** The parts of a plan that analysis reads; obligations and outlets do not change a result. */
export function planFingerprint(plan: Plan): string {
  return fingerprint({
    province: plan.province,
    districts: plan.districts,
    places: plan.places,
    official_titles: plan.official_titles,
    themes: plan.themes.map((t) => ({ id: t.id, terms: t.terms, owners: t.owners })),
    agencies: plan.agencies.map((a) => ({
      id: a.id,
      kind: a.kind,
      name: a.name,
      abbreviations: a.abbreviations,
      aliases: a.aliases,
      owns: a.owns,
      members: a.members ?? [],
      district: a.district ?? null,
    })),
  });
}

/** "1.0.0+plan.kon-tum-2024.1a2b3c4d5e6f+model.9f8e7d6c5b4a" (or "+model.none"). */
export function analyzerVersion(plan: Plan, modelId: string | null): string {
  return `${ANALYZER_VERSION}+plan.${plan.id}.${planFingerprint(plan)}+model.${modelId ?? "none"}`;
}

/** True when a result recorded under `recorded` must be recomputed under `current`. */
export function needsReanalysis(recorded: string | null | undefined, current: string): boolean {
  return recorded !== current;
}
