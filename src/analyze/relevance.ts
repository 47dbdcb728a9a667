/**
 * How much an article is about the plan's province: a score in [0, 1] from what it names — the
 * province itself, its districts and places (strong), the titles of its officials and its agencies
 * (weak: every province has a "Sở Tài nguyên và Môi trường" and a "Chủ tịch UBND tỉnh") — weighted
 * by field, with repeats adding less and less. An article is `relevant` from 0.5: one mention of
 * the province or of a district anywhere in the text is enough, agency names alone are not.
 */
import type { AgencyMention } from "./agencies.ts";
import type { Field } from "./document.ts";
import {
  type CompiledLinear,
  type Contribution,
  type SparseVector,
  scoreLinear,
  topContributions,
} from "./linear.ts";
import type { Mention, MentionKind } from "./places.ts";
import { round } from "./vocabulary.ts";

type Kind = MentionKind | "agency" | "outlet";

const KIND_WEIGHT: Readonly<Record<Kind, number>> = {
  province: 1,
  district: 0.8,
  place: 0.8,
  title: 0.3,
  agency: 0.2,
  outlet: 0.5,
};
const FIELD_WEIGHT: Readonly<Record<Field, number>> = { title: 2, lead: 1.5, body: 1 };

export const RELEVANT_FROM = 0.5;

export interface RelevanceMatch {
  kind: Kind;
  id: string;
  text: string;
  count: number;
}

export interface Relevance {
  score: number;
  relevant: boolean;
  matched: RelevanceMatch[];
  /** Places outside the province the article names ("tỉnh Gia Lai"). */
  elsewhere: string[];
  /** With a learned relevance model: the features that decided (relevanceFeatures.ts). */
  reasons?: Contribution[];
}

export interface RelevanceContext {
  /** The outlet, when it is the province's own (its provincial press or a portal). */
  localOutlet?: { id: string; name: string } | null;
  elsewhere?: readonly string[];
}

/**
 * The province's own outlet is evidence too, but not enough alone (0.5 → score 0.39): it adds to
 * what the text names, and counts for nothing when the text names only other provinces.
 */
export function scoreRelevance(
  mentions: readonly Mention[],
  agencies: readonly AgencyMention[],
  context: RelevanceContext = {},
): Relevance {
  let total = 0;
  const matched: RelevanceMatch[] = [];
  const add = (kind: Kind, id: string, text: string, counts: Partial<Record<Field, number>>) => {
    let count = 0;
    for (const [field, n] of Object.entries(counts) as Array<[Field, number]>) {
      total += KIND_WEIGHT[kind] * FIELD_WEIGHT[field] * (1 + Math.log(n));
      count += n;
    }
    matched.push({ kind, id, text, count });
  };
  for (const m of mentions) add(m.kind, m.id, m.text, m.counts);
  for (const a of agencies) add("agency", a.id, a.evidence[0]?.text ?? a.name, a.counts);
  const elsewhere = [...(context.elsewhere ?? [])];
  const namesHome = mentions.some((m) => m.kind !== "title");
  if (context.localOutlet && (namesHome || elsewhere.length === 0)) {
    // Counted as one body mention.
    add("outlet", context.localOutlet.id, context.localOutlet.name, { body: 1 });
  }
  const score = round(1 - Math.exp(-total));
  const order: Record<string, number> = {
    province: 0,
    district: 1,
    place: 2,
    title: 3,
    agency: 4,
    outlet: 5,
  };
  matched.sort((a, b) => order[a.kind]! - order[b.kind]! || b.count - a.count || a.id.localeCompare(b.id));
  return { score, relevant: score >= RELEVANT_FROM, matched, elsewhere };
}

/**
 * Relevance decided by the learned model over where and how the province is named
 * (relevanceFeatures.ts); the matches found are kept as evidence. Classes are ["no", "yes"].
 */
export function relevanceLearned(model: CompiledLinear, x: SparseVector, base: Relevance): Relevance {
  const scored = scoreLinear(model, x);
  const p = scored.probabilities;
  const yes = model.classes.indexOf("yes");
  const score = round(p[yes]!);
  const relevant = score >= RELEVANT_FROM;
  return { ...base, score, relevant, reasons: topContributions(model, scored, relevant ? yes : 1 - yes, 4) };
}
