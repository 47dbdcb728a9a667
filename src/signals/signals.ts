/**
 * Misinformation signals of one article, combined into a score from 0 to 1 with its reasons.
 *
 * Reasons with a positive weight are evidence of misinformation and combine like independent
 * chances (noisy-OR: 1 − ∏(1 − w)); reasons with a negative weight are evidence against it (a
 * trusted source, spreading the correction) and scale the result down (× ∏(1 + w)). Every weight
 * is in one table below, so the score can be explained and evaluated on outside data.
 *
 * Everything heavy (claim shingles, credibility lists) is compiled once by `compileSignals`.
 */

import type { OutletKind } from "../model/article.ts";
import type { Plan } from "../plan/schema.ts";
import { type ClaimIndex, type ClaimMatch, compileClaims, matchClaims } from "./claimMatch.ts";
import type { Claim } from "./claims.ts";
import { findContradiction, officialRefutations, type StoryArticle } from "./contradiction.ts";
import {
  type Credibility,
  type CredibilityConfig,
  type CredibilityLists,
  credibilityLists,
  credibilityOf,
} from "./credibility.ts";
import { type SensationalKind, sensationalCues } from "./sensational.ts";
import { type SourcingKind, sourcingCues } from "./sourcing.ts";
import { refutationCues } from "./stance.ts";
import { prepareText } from "./text.ts";

export type ReasonKind =
  | "claim"
  | "claim_refuted"
  | "credibility"
  | "contradicts_official"
  | SensationalKind
  | SourcingKind;

export interface MisinformationReason {
  kind: ReasonKind;
  detail: string;
  /** Positive: evidence of misinformation; negative: evidence against it. */
  weight: number;
  claim_id?: string;
}

export interface MisinformationSignals {
  score: number;
  reasons: MisinformationReason[];
  /** Registered claims the article repeats, with their stance (for rumour tracking). */
  claims: ClaimMatch[];
  credibility: Credibility;
}

/** Every weight of the score in one place. */
export const SIGNAL_WEIGHTS = {
  /** A claim asserted: base + perScore × match score, at most `max`. */
  claim: { base: 0.45, perScore: 0.45, max: 0.9 },
  claimRefuted: -0.2,
  credibility: { unreliable: 0.35, unknown: 0.05, partner: -0.25, official: -0.4 } satisfies Record<
    Credibility,
    number
  >,
  contradiction: { sameClaim: 0.5, story: 0.3 },
} as const;

export interface CompiledSignals {
  claims: ClaimIndex;
  credibility: CredibilityLists;
}

/** Compiles the registry and the credibility lists once, for every article that follows. */
export function compileSignals(options: {
  claims: readonly Claim[];
  credibility?: CredibilityConfig;
  plan?: Pick<Plan, "outlets">;
}): CompiledSignals {
  return {
    claims: compileClaims(options.claims),
    credibility: credibilityLists(
      options.credibility ?? { partner: [], official: [], unreliable: [] },
      options.plan,
    ),
  };
}

export interface SignalArticle {
  id?: string | undefined;
  title: string;
  lead?: string | undefined;
  body: string;
  url?: string | null | undefined;
  canonical_url?: string | null | undefined;
  outlet?: string | null | undefined;
  outlet_kind?: OutletKind | null | undefined;
}

export interface SignalContext {
  signals: CompiledSignals;
  /** The other articles of the same story (story_id), for the contradiction check. */
  story?: readonly StoryArticle[];
}

export function misinformationSignals(article: SignalArticle, context: SignalContext): MisinformationSignals {
  const { signals } = context;
  const lead = article.lead ?? "";
  const text = prepareText([article.title, lead, article.body].join("\n"));
  const url = article.canonical_url ?? article.url ?? undefined;
  const reasons: MisinformationReason[] = [];

  const claims = matchClaims(signals.claims, text, { url });
  for (const match of claims) {
    if (match.stance === "asserts") {
      const { base, perScore, max } = SIGNAL_WEIGHTS.claim;
      reasons.push({
        kind: "claim",
        claim_id: match.claim_id,
        detail: `repeats registered claim ${match.claim_id} (match ${match.score}; terms: ${match.terms.join(", ")})`,
        weight: round(Math.min(max, base + perScore * match.score)),
      });
    } else if (match.stance === "refutes") {
      reasons.push({
        kind: "claim_refuted",
        claim_id: match.claim_id,
        detail: `refutes registered claim ${match.claim_id} (${match.cues.join(", ")})`,
        weight: SIGNAL_WEIGHTS.claimRefuted,
      });
    }
  }

  const credibility = credibilityOf({ ...article, url }, signals.credibility);
  reasons.push({
    kind: "credibility",
    detail: `source ${article.outlet ?? "?"} is ${credibility}`,
    weight: SIGNAL_WEIGHTS.credibility[credibility],
  });

  const parts = { title: article.title, body: `${lead}\n${article.body}` };
  for (const cue of [...sensationalCues(parts, text), ...sourcingCues(parts, text)]) {
    reasons.push({ kind: cue.kind, detail: cue.detail, weight: cue.weight });
  }

  if (context.story?.length) {
    const officials = officialRefutations(context.story, signals.credibility, signals.claims);
    const asserted = claims.filter((match) => match.stance === "asserts");
    const refutes = claims.some((match) => match.stance === "refutes") || refutationCues(text).length > 0;
    const contradiction = findContradiction(officials, asserted, {
      official: credibility === "official",
      refutes,
      id: article.id,
    });
    if (contradiction) {
      const where = contradiction.official.url ?? contradiction.official.outlet ?? "an official source";
      reasons.push({
        kind: "contradicts_official",
        ...(contradiction.claim_id && { claim_id: contradiction.claim_id }),
        detail: contradiction.claim_id
          ? `an official statement in the same story (${where}) refutes claim ${contradiction.claim_id}`
          : `an official statement in the same story (${where}) refutes what is reported`,
        weight: contradiction.claim_id
          ? SIGNAL_WEIGHTS.contradiction.sameClaim
          : SIGNAL_WEIGHTS.contradiction.story,
      });
    }
  }

  return { score: combine(reasons), reasons, claims, credibility };
}

/** Noisy-OR of the positive weights, scaled down by the negative ones. */
export function combine(reasons: readonly Pick<MisinformationReason, "weight">[]): number {
  let none = 1;
  let dampen = 1;
  for (const { weight } of reasons) {
    if (weight > 0) none *= 1 - Math.min(weight, 1);
    else if (weight < 0) dampen *= 1 + Math.max(weight, -1);
  }
  return round((1 - none) * dampen);
}

/** The form `ArticleDoc.misinformation` stores: reasons as one line each. */
export function storedMisinformation(signals: Pick<MisinformationSignals, "score" | "reasons">): {
  score: number;
  reasons: string[];
} {
  return {
    score: signals.score,
    reasons: signals.reasons.map(
      (reason) => `${reason.kind} (${reason.weight >= 0 ? "+" : ""}${reason.weight}): ${reason.detail}`,
    ),
  };
}

const STORED_CLAIM = /^claim(_refuted)? \([^)]*\): (?:repeats|refutes) registered claim (\S+)/;

/** The registered claims a stored article repeats or refutes, read back from its stored reasons. */
export function claimStances(
  reasons: readonly string[],
): Array<{ claim_id: string; stance: "asserts" | "refutes" }> {
  return reasons.flatMap((reason) => {
    const match = STORED_CLAIM.exec(reason);
    return match
      ? [{ claim_id: match[2]!, stance: match[1] ? ("refutes" as const) : ("asserts" as const) }]
      : [];
  });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
