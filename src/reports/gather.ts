/**
 * Reading what an evaluation or a report needs: the plan and contract files, the candidate articles
 * and their families' originals, the coverage counts. The only module of src/reports that does I/O
 * besides the PDF renderer; it talks to the engine only through src/store.
 */
import { join } from "node:path";
import { loadContracts } from "../contracts/load.ts";
import {
  candidateRange,
  type Evaluation,
  evaluateObligations,
  type ReportSubmission,
} from "../contracts/obligationStatus.ts";
import type { Contract } from "../contracts/schema.ts";
import { type Scope, specsInScope } from "../contracts/scope.ts";
import { buildSpecs } from "../contracts/specs.ts";
import { loadPlan } from "../plan/load.ts";
import type { Plan } from "../plan/schema.ts";
import type { ArticleStore } from "../store/articles.ts";
import type { SearchClient } from "../store/client.ts";
import { fetchClusterOriginals, fetchObligationCandidates } from "../store/obligationCandidates.ts";
import type { CoverageResponse, SearchFilters } from "../store/types.ts";

export interface Sources {
  plan: Plan;
  contracts: Contract[];
}

/** The plan and the contracts of a directory (default `<CONFIG_DIR>/contracts`), both checked. */
export async function loadSources(planFile: string, contractsDir: string): Promise<Sources> {
  const plan = await loadPlan(planFile);
  const contracts = await loadContracts(contractsDir, plan);
  return { plan, contracts };
}

export function defaultContractsDir(configDir: string): string {
  return join(configDir, "contracts");
}

export interface EvaluateYearOptions extends Sources {
  client: SearchClient;
  alias: string;
  year: number;
  scope: Scope;
  now: number;
  submissions?: ReportSubmission[];
}

/** Every obligation in scope, evaluated on the articles in the store. */
export async function evaluateYear(options: EvaluateYearOptions): Promise<Evaluation> {
  const { plan, contracts, year, scope } = options;
  const specs = specsInScope(buildSpecs(plan, contracts, year), scope, plan);
  const range = candidateRange(specs, year);
  const candidates = await fetchObligationCandidates(options.client, options.alias, {
    ...range,
    timeZone: plan.timezone,
  });
  const copies = candidates.filter((c) => !c.is_original).map((c) => c.cluster_id);
  const originals = await fetchClusterOriginals(options.client, options.alias, copies);
  return evaluateObligations({
    plan,
    year,
    now: options.now,
    specs,
    candidates,
    originals,
    ...(options.submissions ? { submissions: options.submissions } : {}),
  });
}

/** Coverage filters for a scope: a contract's or an outlet's articles, or those about an agency. */
export function scopeFilters(scope: Scope, plan: Plan, contracts: Contract[]): SearchFilters {
  switch (scope.type) {
    case "plan":
      return {};
    case "outlet":
      return { outlet: [scope.id] };
    case "agency":
      return { agency: [scope.id] };
    case "contract": {
      const outlets = new Set<string>();
      for (const contract of contracts)
        if (contract.id === scope.id) for (const o of contract.outlets) outlets.add(o);
      for (const obligation of plan.obligations) {
        if (obligation.id === scope.id) for (const o of obligation.outlets) outlets.add(o);
      }
      return { outlet: [...outlets] };
    }
  }
}

/** Articles per theme and month of the year (an article under each of its themes). */
export function yearCoverage(
  store: Pick<ArticleStore, "coverage">,
  year: number,
  filters: SearchFilters,
): Promise<CoverageResponse> {
  return store.coverage({
    period: "month",
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    filters,
    by: ["theme"],
  });
}
