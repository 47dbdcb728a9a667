/**
 * The registry of false claims as the analysis uses it: the claim files plus the claims entered
 * through the API. The store is passed in (anything with `list()`), so this module stays free of
 * the engine: the analyze worker gives it `createClaimStore(client, { prefix })`.
 */
import type { Plan } from "../plan/schema.ts";
import type { Claim } from "./claims.ts";
import { loadClaims } from "./load.ts";

export interface StoredClaims {
  list(): Promise<Array<{ value: Claim }>>;
}

/** The file claims, then the stored ones whose ids no file uses (a file is never shadowed). */
export function mergeClaims(files: readonly Claim[], stored: readonly Claim[]): Claim[] {
  const fileIds = new Set(files.map((claim) => claim.id));
  return [...files, ...stored.filter((claim) => !fileIds.has(claim.id))];
}

/** Every claim in force: `dir` (config/claims) and the store. Throws `SignalConfigError` for a bad file. */
export async function loadAllClaims(dir: string, store: StoredClaims): Promise<Claim[]> {
  const [files, stored] = await Promise.all([loadClaims(dir), store.list()]);
  return mergeClaims(
    files,
    stored.map((record) => record.value),
  );
}

/** What a claim names that the plan does not know (its schema cannot tell): path and message. */
export function claimPlanProblems(claim: Claim, plan: Plan): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const themes = new Set(plan.themes.map((theme) => theme.id));
  claim.themes.forEach((theme, i) => {
    if (!themes.has(theme))
      problems.push({ path: `themes[${i}]`, message: `unknown theme "${theme}" (not in the plan)` });
  });
  if (claim.agency !== undefined && !plan.agencies.some((agency) => agency.id === claim.agency)) {
    problems.push({ path: "agency", message: `unknown agency "${claim.agency}" (not in the plan)` });
  }
  return problems;
}
