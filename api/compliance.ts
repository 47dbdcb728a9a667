/**
 * The `scope` parameter of compliance and report requests: parsed, checked against the plan and
 * the contracts, and confined to an agency user's own agency.
 */
import type { Principal } from "../src/auth/roles.ts";
import { formatScope, parseScope, type Scope, scopeExists } from "../src/contracts/scope.ts";
import type { Sources } from "../src/reports/gather.ts";
import { badRequest, forbidden } from "./errors.ts";
import { ownAgency } from "./routes/api/alerts/index.ts";

export function requestScope(principal: Principal, raw: string | undefined, sources: Sources): Scope {
  const parsed = parseScope(raw);
  if (!parsed) throw badRequest("scope", "must be plan, contract:<id>, outlet:<id> or agency:<id>");
  if (!scopeExists(parsed, sources.plan, sources.contracts)) {
    throw badRequest("scope", `names nothing the plan or the contracts know: ${formatScope(parsed)}`);
  }
  const own = ownAgency(principal);
  if (!own) return parsed;
  if (parsed.type !== "plan" && !(parsed.type === "agency" && parsed.id === own)) {
    throw forbidden(`role agency is restricted to agency ${own}`);
  }
  return { type: "agency", id: own };
}
