/**
 * Tone of an article: negative, neutral or positive, with a score in (-1, 1) and the words that
 * decided it. Lexicon-based (tone-lexicon.ts): each tone term counts with its weight, times 2 in
 * the title and 1.5 in the lead; a negator within four syllables before it turns it round
 * ("chưa hiệu quả" is negative, "không để xảy ra cháy rừng" mildly positive); a prevention word
 * right before a negative term makes it a topic and cancels it ("phòng, chống cháy rừng"); an
 * intensifier next to a term multiplies it by 1.5; a direction word after a negative term says where
 * it goes ("tai nạn giảm" is good news, "vi phạm gia tăng" worse). Thresholds were chosen on the
 * train split of the development sets.
 */
import type { Field, PreparedDocument } from "./document.ts";
import { surface } from "./document.ts";
import { addPhrase, type DualMatcher, dualMatcher } from "./lexicon.ts";
import {
  type CompiledLinear,
  type Contribution,
  type SparseVector,
  scoreLinear,
  topContributions,
} from "./linear.ts";
import {
  DECREASES,
  INCREASES,
  INTENSIFIERS,
  NEGATORS,
  NOT_NEGATORS,
  SHIELDS,
  TONE_TERMS,
} from "./tone-lexicon.ts";
import { round } from "./vocabulary.ts";

type Entry =
  | { kind: "term"; weight: number }
  | { kind: "direction"; weight: number; up: boolean }
  | { kind: "negator" }
  | { kind: "not_negator" }
  | { kind: "shield" }
  | { kind: "intensifier" };

export type ToneLabel = "negative" | "neutral" | "positive";

export interface ToneSettings {
  /** Smoothing in score = (pos - neg) / (pos + neg + k): a single mild word does not decide. */
  smoothing: number;
  positiveFrom: number;
  negativeFrom: number;
  /** Weight kept by a negated negative term, which turns mildly positive. */
  negatedNegative: number;
  negationWindow: number;
}

export const DEFAULT_TONE_SETTINGS: ToneSettings = {
  smoothing: 3,
  positiveFrom: 0.2,
  negativeFrom: 0.2,
  negatedNegative: 0.5,
  negationWindow: 4,
};

const FIELD_WEIGHT: Readonly<Record<Field, number>> = { title: 2, lead: 1.5, body: 1 };

export interface CompiledTone {
  matcher: DualMatcher<Entry>;
}

export function compileTone(): CompiledTone {
  const matcher = dualMatcher<Entry>();
  // Tone terms first: on an exact tie the first value wins, and a phrase that is both a term and a
  // modifier ("không để xảy ra") is read as a modifier because modifiers are checked by kind.
  for (const [phrase, weight] of TONE_TERMS) addPhrase(matcher, phrase, { kind: "term", weight });
  for (const phrase of NEGATORS) addPhrase(matcher, phrase, { kind: "negator" });
  for (const phrase of NOT_NEGATORS) addPhrase(matcher, phrase, { kind: "not_negator" });
  for (const phrase of SHIELDS) addPhrase(matcher, phrase, { kind: "shield" });
  for (const phrase of INTENSIFIERS) addPhrase(matcher, phrase, { kind: "intensifier" });
  for (const [phrase, weight] of DECREASES)
    addPhrase(matcher, phrase, { kind: "direction", weight, up: false });
  for (const [phrase, weight] of INCREASES)
    addPhrase(matcher, phrase, { kind: "direction", weight, up: true });
  return { matcher };
}

export interface ToneEvidence {
  text: string;
  field: Field;
  weight: number;
  negated?: true;
  intensified?: true;
  shielded?: true;
  /** A negative term followed by "giảm" (falling, so good news) or "tăng" (rising, worse). */
  trend?: "down" | "up";
}

export interface ToneResult {
  label: ToneLabel;
  score: number;
  positive: number;
  negative: number;
  evidence: ToneEvidence[];
  /** With a learned tone model: the features that pushed the label. */
  model?: Contribution[];
}

export function analyzeTone(
  tone: CompiledTone,
  doc: PreparedDocument,
  settings: ToneSettings = DEFAULT_TONE_SETTINGS,
): ToneResult {
  const matcher = doc.unmarked ? tone.matcher.folded : tone.matcher.exact;
  let positive = 0;
  let negative = 0;
  const evidence: ToneEvidence[] = [];
  for (const field of doc.fields) {
    const spans = matcher.match(field.tokens).map((m) => ({ start: m.start, end: m.end, entries: m.values }));
    const has = (span: (typeof spans)[number], kind: Entry["kind"]) =>
      span.entries.some((e) => e.kind === kind);
    const directionOf = (span: (typeof spans)[number]) =>
      span.entries.find((e): e is Extract<Entry, { kind: "direction" }> => e.kind === "direction");
    // Direction words consumed by the negative term before them.
    const consumed = new Set<number>();
    for (let s = 0; s < spans.length; s++) {
      const span = spans[s]!;
      const direction = directionOf(span);
      const term = span.entries.find((e): e is Extract<Entry, { kind: "term" }> => e.kind === "term");
      if (direction && !term) {
        if (consumed.has(s) || direction.weight === 0) continue;
        const weighted = direction.weight * FIELD_WEIGHT[field.field];
        positive += weighted;
        evidence.push({
          text: surface(field, span.start, span.end),
          field: field.field,
          weight: round(weighted, 2),
        });
        continue;
      }
      if (
        !term ||
        term.weight === 0 ||
        has(span, "negator") ||
        has(span, "shield") ||
        has(span, "intensifier")
      )
        continue;
      let weight = term.weight;
      let negated = false;
      let shielded = false;
      let intensified = false;
      let trend: "down" | "up" | undefined;
      // Look back within the sentence.
      for (let p = s - 1; p >= 0; p--) {
        const before = spans[p]!;
        const gap = span.start - before.end;
        if (gap > settings.negationWindow || crossesSentence(field.tokens, before.end, span.start)) break;
        if (has(before, "not_negator")) break;
        if (has(before, "negator")) {
          if (!punctuationBetween(field, before.end, span.start)) negated = true;
          break;
        }
        if (gap === 0 && has(before, "shield") && weight < 0) shielded = true;
        if (gap === 0 && has(before, "intensifier")) intensified = true;
      }
      // Look ahead: an intensifier right after, or where a negative thing is going.
      for (let q = s + 1; q < spans.length; q++) {
        const after = spans[q]!;
        const gap = after.start - span.end;
        if (
          gap > settings.negationWindow ||
          crossesSentence(field.tokens, span.end, after.start) ||
          punctuationBetween(field, span.end, after.start)
        )
          break;
        if (gap === 0 && has(after, "intensifier")) intensified = true;
        const direction = directionOf(after);
        if (direction && weight < 0 && !has(after, "term")) {
          trend = direction.up ? "up" : "down";
          consumed.add(q);
          break;
        }
        if (has(after, "term")) break;
      }
      if (shielded) weight = 0;
      else if (negated) weight = weight > 0 ? -weight : -weight * settings.negatedNegative;
      if (!shielded && !negated && trend === "down") weight = -weight * settings.negatedNegative;
      if (!shielded && !negated && trend === "up") weight *= 1.5;
      if (intensified) weight *= 1.5;
      const weighted = weight * FIELD_WEIGHT[field.field];
      if (weighted > 0) positive += weighted;
      else negative -= weighted;
      evidence.push({
        text: surface(field, span.start, span.end),
        field: field.field,
        weight: round(weighted, 2),
        ...(negated ? { negated: true as const } : {}),
        ...(intensified ? { intensified: true as const } : {}),
        ...(shielded ? { shielded: true as const } : {}),
        ...(trend ? { trend } : {}),
      });
    }
  }
  const score = (positive - negative) / (positive + negative + settings.smoothing);
  const label: ToneLabel =
    score >= settings.positiveFrom ? "positive" : score <= -settings.negativeFrom ? "negative" : "neutral";
  evidence.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return {
    label,
    score: round(score),
    positive: round(positive, 2),
    negative: round(negative, 2),
    evidence: evidence.slice(0, 10),
  };
}

/** True when punctuation separates the token before `end` from the token at `start`: negation stops at a comma. */
function punctuationBetween(field: PreparedDocument["fields"][number], end: number, start: number): boolean {
  const from = field.tokens[end - 1];
  const to = field.tokens[start];
  if (!from || !to) return false;
  return /[^\s\p{L}\p{M}\p{N}]/u.test(field.text.slice(from.end, to.start));
}

/** True when a sentence starts at any token from `from` to `to` (inclusive). */
function crossesSentence(
  tokens: PreparedDocument["fields"][number]["tokens"],
  from: number,
  to: number,
): boolean {
  for (let i = from; i <= to && i < tokens.length; i++) if (tokens[i]!.sentenceStart) return true;
  return false;
}

/**
 * Tone decided by the learned model (classes negative / neutral / positive), the lexicon's reading
 * kept as its features and its evidence. The score is p(positive) − p(negative).
 */
export function toneLearned(model: CompiledLinear, x: SparseVector, lexicon: ToneResult): ToneResult {
  const scored = scoreLinear(model, x);
  const p = scored.probabilities;
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  const at = (label: ToneLabel) => {
    const i = model.classes.indexOf(label);
    return i < 0 ? 0 : p[i]!;
  };
  return {
    ...lexicon,
    label: model.classes[best] as ToneLabel,
    score: round(at("positive") - at("negative")),
    model: topContributions(model, scored, best),
  };
}
