/**
 * Fuzzy matching of a text against the registry of false claims.
 *
 * Two pieces of evidence per claim, both on folded syllables so text without diacritics matches:
 * - key terms: the share of the claim's key-term entries found in the text (an entry is found when
 *   any of its alternatives occurs as a phrase);
 * - resemblance: the best containment, over the claim's phrasings, of the phrasing's content
 *   shingles (content syllables and bigrams of consecutive ones, see text.ts) in one passage of
 *   the text (a window of consecutive content syllables). Containment, not Jaccard: a claim is a
 *   sentence and an article is many, and what matters is how much of the claim a passage repeats.
 *
 * A text repeats a claim when every key-term entry is found and it resembles a phrasing at least a
 * little, or when it closely resembles a phrasing and most entries are found. Then the stance
 * decides whether it spreads the claim or refutes it (a correction repeats the rumour's words).
 *
 * Registries hold tens to hundreds of claims, so the shingles are compiled once and every claim is
 * scored exactly (a set lookup per shingle); MinHash would only add error at this size. Claims
 * that share no shingle with a text are skipped through an inverted index.
 */
import type { Claim } from "./claims.ts";
import { type StanceKind, stanceOf } from "./stance.ts";
import {
  containsPhrase,
  contentShingles,
  foldedPhrase,
  foldedSyllables,
  type PreparedText,
  shinglePositions,
  windowContainment,
} from "./text.ts";

/** The matching rules in one place. */
export const CLAIM_MATCH_SETTINGS = {
  /** With every key-term entry found, the resemblance a text needs (the key terms carry it). */
  minResemblanceAllTerms: 0.2,
  /** A near copy of a phrasing... */
  minResemblanceClose: 0.7,
  /** ...still needs this share of the key-term entries. */
  minKeyCoverageClose: 0.6,
  /** Content syllables in the passage that resemblance is measured on (about two sentences). */
  window: 60,
} as const;

export type ClaimMatchSettings = typeof CLAIM_MATCH_SETTINGS;

export interface CompiledClaim {
  claim: Claim;
  /** Folded alternatives (" mang den ") per key-term entry. */
  keyTerms: string[][];
  phrasings: Array<ReadonlySet<string>>;
  /** Every folded alternative, for the negation check of the stance. */
  allTerms: string[];
}

export interface ClaimIndex {
  claims: CompiledClaim[];
  /** Shingle → indexes of the claims whose phrasings contain it. */
  byShingle: Map<string, number[]>;
}

export interface ClaimMatch {
  claim_id: string;
  /** 0..1: the mean of key-term coverage and resemblance. */
  score: number;
  key_coverage: number;
  resemblance: number;
  /**
   * `asserts`: the text spreads the claim; `refutes`: it corrects or warns against it;
   * `hypothetical`: it describes a drill or a scenario.
   */
  stance: StanceKind;
  /** Key-term alternatives found (folded), one per entry found. */
  terms: string[];
  /** The cues that decided a stance other than `asserts`. */
  cues: string[];
}

export function compileClaims(claims: readonly Claim[]): ClaimIndex {
  const compiled = claims.map((claim) => {
    const keyTerms = claim.key_terms.map((entry) => entry.map(foldedPhrase).filter((phrase) => phrase));
    const phrasings = [claim.claim, ...claim.phrasings].map((text) => contentShingles(foldedSyllables(text)));
    return { claim, keyTerms, phrasings, allTerms: keyTerms.flat() };
  });
  const byShingle = new Map<string, number[]>();
  compiled.forEach((entry, index) => {
    const shingles = new Set(entry.phrasings.flatMap((set) => [...set]));
    for (const shingle of shingles) {
      const list = byShingle.get(shingle);
      if (list) list.push(index);
      else byShingle.set(shingle, [index]);
    }
  });
  return { claims: compiled, byShingle };
}

function allShingles(entry: CompiledClaim): Map<string, true> {
  return new Map(entry.phrasings.flatMap((set) => [...set].map((shingle) => [shingle, true] as const)));
}

/** Scores one claim against a text, whether or not it matches. */
export function scoreClaim(
  entry: CompiledClaim,
  text: PreparedText,
  settings: ClaimMatchSettings = CLAIM_MATCH_SETTINGS,
  positions: ReadonlyMap<string, readonly number[]> = shinglePositions(text, allShingles(entry)),
): Omit<ClaimMatch, "stance" | "cues"> {
  const terms: string[] = [];
  for (const alternatives of entry.keyTerms) {
    const found = alternatives.find((phrase) => containsPhrase(text, phrase));
    if (found) terms.push(found.trim());
  }
  const keyCoverage = entry.keyTerms.length ? terms.length / entry.keyTerms.length : 0;
  let resemblance = 0;
  // Below the close-copy coverage nothing can match: skip the passage scan.
  if (keyCoverage >= Math.min(1, settings.minKeyCoverageClose)) {
    for (const phrasing of entry.phrasings) {
      resemblance = Math.max(resemblance, windowContainment(positions, phrasing, settings.window));
    }
  }
  return {
    claim_id: entry.claim.id,
    score: round((keyCoverage + resemblance) / 2),
    key_coverage: round(keyCoverage),
    resemblance: round(resemblance),
    terms,
  };
}

export function isMatch(
  scored: Pick<ClaimMatch, "key_coverage" | "resemblance">,
  settings: ClaimMatchSettings = CLAIM_MATCH_SETTINGS,
): boolean {
  if (scored.key_coverage >= 1 && scored.resemblance >= settings.minResemblanceAllTerms) return true;
  return (
    scored.resemblance >= settings.minResemblanceClose && scored.key_coverage >= settings.minKeyCoverageClose
  );
}

/**
 * The claims a text repeats, best first, each with its stance. `url` (the article's canonical URL)
 * marks the claim's own correction page as refuting.
 */
export function matchClaims(
  index: ClaimIndex,
  text: PreparedText,
  options: { url?: string | undefined; settings?: ClaimMatchSettings } = {},
): ClaimMatch[] {
  const candidates = new Set<number>();
  for (const shingle of text.shingles) {
    const list = index.byShingle.get(shingle);
    if (list) for (const i of list) candidates.add(i);
  }
  const matches: ClaimMatch[] = [];
  const positions = shinglePositions(text, index.byShingle);
  for (const i of candidates) {
    const entry = index.claims[i]!;
    const scored = scoreClaim(entry, text, options.settings, positions);
    if (!isMatch(scored, options.settings)) continue;
    const stance = stanceOf(text, entry.allTerms);
    const isCorrection = options.url !== undefined && sameUrl(options.url, entry.claim.correction.url);
    matches.push({
      ...scored,
      stance: isCorrection ? "refutes" : stance.stance,
      cues: isCorrection ? ["official correction page", ...stance.cues] : stance.cues,
    });
  }
  return matches.sort((a, b) => b.score - a.score || a.claim_id.localeCompare(b.claim_id));
}

/** Same address up to scheme, `www.` and trailing slashes. */
export function sameUrl(a: string, b: string | null | undefined): boolean {
  if (!b) return false;
  const strip = (url: string) =>
    url
      .replace(/^https?:\/\/(www\.)?/i, "")
      .replace(/\/+$/, "")
      .toLowerCase();
  return strip(a) === strip(b);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
