/**
 * Which plan agencies an article names, and which one answers for it.
 *
 * Mentions: an agency's name, abbreviations and aliases; for a district's People's Committee also
 * the usual ways of writing it ("UBND huyện X", "Ủy ban nhân dân huyện X" for every spelling of X).
 * A mention qualified by another province ("Sở Tài nguyên và Môi trường tỉnh Gia Lai") is not the
 * plan's agency and is set aside as `foreign`.
 *
 * Responsibility: the named agency that acts in the article, preferring one that owns the article's
 * themes under the plan and one named in the title or lead; when the article names none, the first
 * owner of the primary theme. Agencies of kind "other" (the People's Committee, the Party board)
 * are reported as mentioned but never made responsible: they do not implement the plan.
 */
import type { Agency, Plan } from "../plan/schema.ts";
import type { Field, PreparedDocument } from "./document.ts";
import { surface } from "./document.ts";
import { addPhrase, type DualMatcher, dualMatcher } from "./lexicon.ts";
import { qualifiedElsewhere } from "./qualifier.ts";

export interface CompiledAgencies {
  matcher: DualMatcher<Agency>;
  byId: Map<string, Agency>;
  /** Member id → group id ("ubnd_kon_plong" → "ubnd_huyen"). */
  groupOf: Map<string, string>;
  provinceKeys: string[][];
}

const ADMIN_PREFIXES = ["UBND", "Ủy ban nhân dân"];
const ADMIN_UNITS = ["huyện", "thành phố", "TP", "thị xã"];

export function compileAgencies(plan: Plan, provinceKeys: string[][]): CompiledAgencies {
  const matcher = dualMatcher<Agency>();
  const byId = new Map(plan.agencies.map((a) => [a.id, a]));
  const groupOf = new Map<string, string>();
  const districts = new Map(plan.districts.map((d) => [d.id, d]));
  for (const agency of plan.agencies) {
    for (const member of agency.members ?? []) groupOf.set(member, agency.id);
    const names = [agency.name, ...agency.abbreviations, ...agency.aliases];
    const district = agency.district ? districts.get(agency.district) : undefined;
    if (district) {
      for (const place of [district.name, ...district.aliases]) {
        for (const prefix of ADMIN_PREFIXES) {
          names.push(`${prefix} ${place}`);
          for (const unit of ADMIN_UNITS) names.push(`${prefix} ${unit} ${place}`);
        }
      }
    }
    for (const name of names) addPhrase(matcher, name, agency);
  }
  return { matcher, byId, groupOf, provinceKeys };
}

export interface AgencyMention {
  id: string;
  name: string;
  kind: Agency["kind"];
  /** The group the agency belongs to, if any. */
  group: string | null;
  counts: Partial<Record<Field, number>>;
  evidence: Array<{ text: string; field: Field }>;
}

export interface ForeignMention {
  id: string;
  text: string;
  field: Field;
}

export function findAgencies(
  compiled: CompiledAgencies,
  doc: PreparedDocument,
): { mentions: AgencyMention[]; foreign: ForeignMention[] } {
  const matcher = doc.unmarked ? compiled.matcher.folded : compiled.matcher.exact;
  const byId = new Map<string, AgencyMention>();
  const foreign: ForeignMention[] = [];
  for (const field of doc.fields) {
    for (const match of matcher.match(field.tokens)) {
      const text = surface(field, match.start, match.end);
      const elsewhere = qualifiedElsewhere(field, match.start, match.end, compiled.provinceKeys);
      for (const agency of match.values) {
        if (elsewhere) {
          foreign.push({ id: agency.id, text, field: field.field });
          continue;
        }
        let mention = byId.get(agency.id);
        if (!mention) {
          mention = {
            id: agency.id,
            name: agency.name,
            kind: agency.kind,
            group: compiled.groupOf.get(agency.id) ?? null,
            counts: {},
            evidence: [],
          };
          byId.set(agency.id, mention);
        }
        mention.counts[field.field] = (mention.counts[field.field] ?? 0) + 1;
        if (mention.evidence.length < 3) mention.evidence.push({ text, field: field.field });
      }
    }
  }
  return { mentions: [...byId.values()], foreign };
}

export interface ResponsibleAgency {
  id: string;
  name: string;
  group: string | null;
  reason: "named" | "owner";
  /** For "owner": the theme whose owner it is. */
  theme?: string;
}

const MENTION_WEIGHT: Readonly<Record<Field, number>> = { title: 3, lead: 2, body: 1 };

/** The agency answering for the article, or null when it is not about the province. */
export function responsibleAgency(
  plan: Plan,
  compiled: CompiledAgencies,
  mentions: readonly AgencyMention[],
  themes: { primary: string; all: readonly string[] },
  relevant: boolean,
  /** Chooses among the primary theme's owners (the learned router), or null to take the first. */
  route: (theme: string, owners: readonly string[]) => string | null = () => null,
): ResponsibleAgency | null {
  if (!relevant) return null;
  const owns = (agency: Agency, theme: string): boolean => {
    if (agency.owns.includes(theme)) return true;
    const group = compiled.groupOf.get(agency.id);
    return group ? (compiled.byId.get(group)?.owns.includes(theme) ?? false) : false;
  };
  let best: { mention: AgencyMention; score: number } | null = null;
  for (const mention of mentions) {
    const agency = compiled.byId.get(mention.id);
    if (!agency || agency.kind === "other") continue;
    let score = 0;
    for (const [field, count] of Object.entries(mention.counts) as Array<[Field, number]>) {
      score += MENTION_WEIGHT[field] * (1 + Math.log(count));
    }
    if (owns(agency, themes.primary)) score *= 2;
    else if (themes.all.some((t) => owns(agency, t))) score *= 1.5;
    if (!best || score > best.score || (score === best.score && mention.id < best.mention.id))
      best = { mention, score };
  }
  if (best) {
    return { id: best.mention.id, name: best.mention.name, group: best.mention.group, reason: "named" };
  }
  const owners = plan.themes.find((t) => t.id === themes.primary)?.owners ?? [];
  const owner = (owners.length > 1 ? route(themes.primary, owners) : null) ?? owners[0];
  const agency = owner ? compiled.byId.get(owner) : undefined;
  if (!agency) return null;
  return {
    id: agency.id,
    name: agency.name,
    group: compiled.groupOf.get(agency.id) ?? null,
    reason: "owner",
    theme: themes.primary,
  };
}

/** The id an agency is counted under when choosing among owners: its group's, if it has one. */
export function ownerLevelAgency(plan: Plan, id: string | null): string | null {
  if (id === null) return null;
  return plan.agencies.find((a) => a.members?.includes(id))?.id ?? id;
}
