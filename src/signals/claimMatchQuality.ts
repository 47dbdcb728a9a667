/**
 * Precision and recall of claim matching on labelled texts: `label` is the id of the claim a text
 * spreads, or null for texts that spread none (unrelated news, true news on the same subject, the
 * corrections themselves). A prediction is the best claim the text asserts (stance `asserts`);
 * it is right only when it names the labelled claim.
 */
import { type ClaimIndex, matchClaims } from "./claimMatch.ts";
import { prepareText } from "./text.ts";

export interface LabelledText {
  id: string;
  label: string | null;
  kind?: string;
  title: string;
  text: string;
  url?: string;
}

export interface ClaimEvaluation {
  items: number;
  positives: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  errors: Array<{ id: string; label: string | null; predicted: string | null; kind?: string | undefined }>;
}

export function predictClaim(
  index: ClaimIndex,
  item: Pick<LabelledText, "title" | "text" | "url">,
): string | null {
  const text = prepareText(`${item.title}\n${item.text}`);
  const asserted = matchClaims(index, text, { url: item.url }).filter((match) => match.stance === "asserts");
  return asserted[0]?.claim_id ?? null;
}

export function evaluateClaimMatching(index: ClaimIndex, items: readonly LabelledText[]): ClaimEvaluation {
  let positives = 0;
  let predictedCount = 0;
  let correct = 0;
  const errors: ClaimEvaluation["errors"] = [];
  for (const item of items) {
    const predicted = predictClaim(index, item);
    if (item.label) positives++;
    if (predicted) predictedCount++;
    if (predicted && predicted === item.label) correct++;
    if (predicted !== item.label) errors.push({ id: item.id, label: item.label, predicted, kind: item.kind });
  }
  return {
    items: items.length,
    positives,
    predicted: predictedCount,
    correct,
    precision: predictedCount ? correct / predictedCount : 1,
    recall: positives ? correct / positives : 1,
    errors,
  };
}
