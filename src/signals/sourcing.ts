/**
 * How a text is sourced and written, beyond sensational phrasing: the marks that separate
 * unreliable social posts from reliable ones on ReINTEL's development split (VLSP 2020; see
 * tools/data/reintel.ts). Reliable posts link their source and attribute statements to someone
 * ("ông A cho biết"); unreliable ones ask questions, exclaim and carry emoji. (`exclaims` is any
 * exclamation mark; the sensational `exclamations` cue, kept as it was, is for repeated ones.) A text that dates nothing is
 * more often unreliable too, but a crawled article is dated by its outlet (published_at), so that
 * cue would fire on the set and almost never in the pipeline: it is left out.
 *
 * Each cue is a reason with its own weight. The weights were fitted on ReINTEL's dev split only
 * (`npx tsx tools/data/misinfo-weights.ts`: a logistic regression over the cues, each coefficient
 * read against the model's intercept so that the flag score 0.5 keeps meaning "more likely than
 * not"), never on its test split, so the test figures stay a measurement. Social posts and news
 * articles differ: a news article rarely links out, so `cites_link` seldom lowers its score.
 */
import { foldedPhrase, type PreparedText } from "./text.ts";

export type SourcingKind = "questions" | "exclaims" | "emoji" | "cites_link" | "attributed";

export interface SourcingCue {
  kind: SourcingKind;
  detail: string;
  weight: number;
}

export const SOURCING_WEIGHTS: Readonly<Record<SourcingKind, number>> = {
  questions: 0.31,
  exclaims: 0.32,
  emoji: 0.18,
  cites_link: -0.62,
  attributed: -0.32,
};

// A link, or the placeholder social-media dumps put in its place.
const LINK = /https?:\/\/|\bwww\.|<URL>/iu;
const EMOJI = /\p{Extended_Pictographic}/u;

const ATTRIBUTION = [
  "cho biết",
  "cho hay",
  "phát biểu",
  "thông tin với",
  "trả lời phóng viên",
  "trao đổi với phóng viên",
  "trao đổi với pv",
].map(foldedPhrase);

export function sourcingCues(
  parts: { title: string; body: string },
  text: PreparedText,
  weights: Readonly<Record<SourcingKind, number>> = SOURCING_WEIGHTS,
): SourcingCue[] {
  const cues: SourcingCue[] = [];
  const all = `${parts.title}\n${parts.body}`;
  const questionMarks = all.match(/\?/g)?.length ?? 0;
  if (/\?\s*$/.test(parts.title) || questionMarks >= 2)
    cues.push({ kind: "questions", detail: "asks questions", weight: weights.questions });
  if (all.includes("!")) cues.push({ kind: "exclaims", detail: "exclaims", weight: weights.exclaims });
  if (EMOJI.test(all)) cues.push({ kind: "emoji", detail: "emoji", weight: weights.emoji });
  if (LINK.test(parts.body) || LINK.test(parts.title))
    cues.push({ kind: "cites_link", detail: "links a source", weight: weights.cites_link });
  const attributed = ATTRIBUTION.filter((phrase) => phrase && text.joined.includes(phrase));
  if (attributed.length)
    cues.push({
      kind: "attributed",
      detail: `attributes statements (${attributed.map((phrase) => phrase.trim()).join(", ")})`,
      weight: weights.attributed,
    });
  return cues;
}
