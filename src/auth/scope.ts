/**
 * An agency user sees only articles whose `agencies` include their agency. The restriction is
 * applied to the request's filters before the store sees them, so search, coverage and exports
 * share one rule. Other roles pass through unchanged.
 */
import type { Principal } from "./roles.ts";

export type Scoped<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * The filters an agency user's request runs with: `agency` becomes exactly their agency. Asking for
 * their own agency (alone or among others) is the same request; asking only for other agencies is
 * refused rather than silently answered with something else.
 */
export function scopeFilters<F extends { agency?: string[] | undefined }>(
  principal: Pick<Principal, "role" | "agency">,
  filters: F,
): Scoped<F> {
  if (principal.role !== "agency") return { ok: true, value: filters };
  const own = principal.agency;
  if (!own) return { ok: false, message: "this agency account has no agency; ask an administrator" };
  const requested = filters.agency ?? [];
  if (requested.length > 0 && !requested.includes(own)) {
    return { ok: false, message: `role agency is restricted to agency ${own}` };
  }
  return { ok: true, value: { ...filters, agency: [own] } };
}

/** Whether one article is visible to the principal. */
export function articleVisible(
  principal: Pick<Principal, "role" | "agency">,
  article: { agencies: readonly string[] },
): boolean {
  if (principal.role !== "agency") return true;
  return principal.agency !== null && article.agencies.includes(principal.agency);
}
