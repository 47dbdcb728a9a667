/**
 * Contradiction of an official statement in the same story: another article of the story comes
 * from an official source (a government portal, an agency page, the claim's own correction page)
 * and refutes something, while this article neither is official nor refutes. Stronger when the
 * official article refutes the very claim this article repeats.
 */
import {
  CLAIM_MATCH_SETTINGS,
  type ClaimIndex,
  type ClaimMatch,
  matchClaims,
  sameUrl,
  scoreClaim,
} from "./claimMatch.ts";
import { type CredibilityLists, credibilityOf, type SourceRef } from "./credibility.ts";
import { refutationCues } from "./stance.ts";
import { prepareText } from "./text.ts";

export interface StoryArticle extends SourceRef {
  id?: string | undefined;
  title: string;
  lead?: string | undefined;
  body: string;
  canonical_url?: string | null | undefined;
}

export interface OfficialRefutation {
  article_id: string | undefined;
  outlet: string | null | undefined;
  url: string | null | undefined;
  /** Claims the official article refutes (may be empty: it refutes something not registered). */
  claims: string[];
  cues: string[];
}

/** The official articles of a story that refute something. */
export function officialRefutations(
  story: readonly StoryArticle[],
  lists: CredibilityLists,
  claims: ClaimIndex,
): OfficialRefutation[] {
  const found: OfficialRefutation[] = [];
  for (const article of story) {
    const url = article.canonical_url ?? article.url;
    const correctionPage = claims.claims.filter((entry) => sameUrl(entry.claim.correction.url, url));
    if (credibilityOf(article, lists) !== "official" && correctionPage.length === 0) continue;
    const text = prepareText([article.title, article.lead ?? "", article.body].join("\n"));
    const refuted = matchClaims(claims, text, { url: url ?? undefined }).filter(
      (m) => m.stance === "refutes",
    );
    const cues = refutationCues(text);
    if (cues.length === 0 && refuted.length === 0 && correctionPage.length === 0) continue;
    // A denial names the core of a rumour, not its every detail ("không có quyết định đóng cửa
    // khẩu Bờ Y"): from an official source that refutes, most of the key terms are enough.
    const named = cues.length
      ? claims.claims.filter(
          (entry) => scoreClaim(entry, text).key_coverage >= CLAIM_MATCH_SETTINGS.minKeyCoverageClose,
        )
      : [];
    const ids = new Set([
      ...refuted.map((m) => m.claim_id),
      ...named.map((entry) => entry.claim.id),
      ...correctionPage.map((entry) => entry.claim.id),
    ]);
    found.push({ article_id: article.id, outlet: article.outlet, url, claims: [...ids], cues });
  }
  return found;
}

export interface Contradiction {
  official: OfficialRefutation;
  /** The claim both articles are about, when there is one. */
  claim_id?: string;
}

/**
 * The official refutation this article contradicts, if any: the one about a claim it asserts
 * first, else any official refutation in the story. `selfRefutes`/`selfOfficial` describe this
 * article, which cannot contradict anything when either holds.
 */
export function findContradiction(
  officials: readonly OfficialRefutation[],
  asserted: readonly ClaimMatch[],
  self: { official: boolean; refutes: boolean; id?: string | undefined },
): Contradiction | null {
  if (self.official || self.refutes) return null;
  const others = officials.filter(
    (official) => official.article_id === undefined || official.article_id !== self.id,
  );
  for (const match of asserted) {
    const official = others.find((candidate) => candidate.claims.includes(match.claim_id));
    if (official) return { official, claim_id: match.claim_id };
  }
  const any = others[0];
  return any ? { official: any } : null;
}
