/**
 * How much a source is trusted: `partner` (outlets under contract, the provincial press),
 * `official` (government portals and agency pages), `unreliable` (known to have spread false
 * information) or `unknown`. Lists come from `config/credibility.yaml`; the plan's outlets are
 * partners or official by their kind without being listed.
 */
import { z } from "zod";
import type { OutletKind } from "../model/article.ts";
import type { Plan } from "../plan/schema.ts";

export type Credibility = "partner" | "official" | "unknown" | "unreliable";

const entry = z
  .string()
  .trim()
  .min(1)
  .transform((value) => value.toLowerCase());

export const credibilitySchema = z.strictObject({
  partner: z.array(entry).default([]),
  official: z.array(entry).default([]),
  unreliable: z.array(entry).default([]),
});

export type CredibilityConfig = z.output<typeof credibilitySchema>;

/** Lists as sets of outlet ids and domains, ready to look up. */
export interface CredibilityLists {
  partner: ReadonlySet<string>;
  official: ReadonlySet<string>;
  unreliable: ReadonlySet<string>;
}

const PARTNER_KINDS: ReadonlySet<OutletKind> = new Set([
  "central_partner",
  "economic_partner",
  "provincial_press",
]);

/** The configured lists, with the plan's outlets (ids and domains) added by their kind. */
export function credibilityLists(config: CredibilityConfig, plan?: Pick<Plan, "outlets">): CredibilityLists {
  const partner = new Set(config.partner);
  const official = new Set(config.official);
  for (const outlet of plan?.outlets ?? []) {
    const target = outlet.kind === "portal" ? official : PARTNER_KINDS.has(outlet.kind) ? partner : undefined;
    if (!target) continue;
    target.add(outlet.id);
    for (const domain of outlet.domains) target.add(domain);
  }
  return { partner, official, unreliable: new Set(config.unreliable) };
}

export interface SourceRef {
  outlet?: string | null | undefined;
  outlet_kind?: OutletKind | null | undefined;
  url?: string | null | undefined;
}

/** The host of a URL without `www.`, or null. */
function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return null;
  }
}

/** True when the host is the domain or one of its subdomains. */
function inDomains(host: string, list: ReadonlySet<string>): boolean {
  for (let dot = -1, rest = host; ; ) {
    if (list.has(rest)) return true;
    dot = rest.indexOf(".");
    if (dot < 0) return false;
    rest = rest.slice(dot + 1);
  }
}

/** An explicit listing wins (unreliable first), then the outlet's kind, else `unknown`. */
export function credibilityOf(source: SourceRef, lists: CredibilityLists): Credibility {
  const outlet = source.outlet?.toLowerCase();
  const host = hostOf(source.url);
  const listed = (list: ReadonlySet<string>) =>
    (outlet !== undefined && list.has(outlet)) || (host !== null && inDomains(host, list));
  if (listed(lists.unreliable)) return "unreliable";
  if (listed(lists.official)) return "official";
  if (listed(lists.partner)) return "partner";
  if (source.outlet_kind === "portal") return "official";
  if (source.outlet_kind && PARTNER_KINDS.has(source.outlet_kind)) return "partner";
  return "unknown";
}
