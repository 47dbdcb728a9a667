/**
 * Scopes: one contract, one outlet, one agency, or the whole plan. How a scope is written
 * ("contract:ct_dddn_2024") and read, whether the plan knows it, and which obligation specs it
 * covers.
 */
import type { Plan } from "../plan/schema.ts";
import type { Contract } from "./schema.ts";
import type { ObligationSpec } from "./specs.ts";

export type Scope =
  | { type: "plan" }
  | { type: "contract"; id: string }
  | { type: "outlet"; id: string }
  | { type: "agency"; id: string };

/** "contract:ct_dddn_2024", "outlet:bao_kon_tum", "agency:skhdt"; null when malformed. */
export function parseScope(value: string | undefined): Scope | null {
  if (value === undefined || value === "" || value === "plan") return { type: "plan" };
  const match = /^(contract|outlet|agency):([a-z][a-z0-9_]*)$/.exec(value);
  if (!match) return null;
  return { type: match[1] as "contract" | "outlet" | "agency", id: match[2] ?? "" };
}

export function formatScope(scope: Scope): string {
  return scope.type === "plan" ? "plan" : `${scope.type}:${scope.id}`;
}

/** The specs a scope covers; for an outlet, outlet-by-outlet obligations keep only that outlet. */
export function specsInScope(specs: ObligationSpec[], scope: Scope, plan: Plan): ObligationSpec[] {
  switch (scope.type) {
    case "plan":
      return specs;
    case "contract":
      return specs.filter((s) => s.contract?.id === scope.id || s.plan_obligation === scope.id);
    case "outlet":
      return specs
        .filter((s) => s.outlets.includes(scope.id))
        .map((s) => (s.each_outlet ? { ...s, outlets: [scope.id] } : s));
    case "agency": {
      const groups = plan.agencies.filter((a) => a.members?.includes(scope.id)).map((a) => a.id);
      const involved = new Set([scope.id, ...groups]);
      return specs.filter(
        (s) =>
          involved.has(s.owner) ||
          s.partners.some((p) => involved.has(p)) ||
          s.contract?.signed_by === scope.id,
      );
    }
  }
}

/** True when the scope names something the plan or the contracts know. */
export function scopeExists(scope: Scope, plan: Plan, contracts: Contract[]): boolean {
  switch (scope.type) {
    case "plan":
      return true;
    case "contract":
      return (
        contracts.some((c) => c.id === scope.id) ||
        plan.obligations.some((o) => o.id === scope.id && o.kind === "contract")
      );
    case "outlet":
      return plan.outlets.some((o) => o.id === scope.id);
    case "agency":
      return plan.agencies.some((a) => a.id === scope.id);
  }
}
