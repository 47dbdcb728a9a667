/**
 * What the learned theme and tone models read of an article: its syllable unigrams and bigrams
 * (without diacritics, title and lead counting more; log-scaled and L2-normalised so that a long
 * article does not outvote a short one), the plan vocabulary's score for each theme, and the tone
 * lexicon's positive and negative weight. The vocabulary and the lexicon thus stay evidence a
 * person can read, while the decision is learned from real reporting.
 */

import type { PreparedDocument } from "./document.ts";
import { documentFeatures } from "./model.ts";
import type { ToneResult } from "./tone.ts";
import type { VocabularyScores } from "./vocabulary.ts";

/**
 * Prefixes of the feature families, so evidence can say what kind of feature decided. Word
 * features carry none (syllables never contain ":"), which spares a string per feature.
 */
export const VOCABULARY = "v:";
export const LEXICON = "t:";

export interface FeatureContext {
  vocabulary: VocabularyScores;
  tone: ToneResult;
}

export function articleFeatures(doc: PreparedDocument, context: FeatureContext): Map<string, number> {
  // The word counts become the features in place: a second map of every word per article was
  // a good share of the analyzer's garbage.
  const x = documentFeatures(doc);
  let norm = 0;
  for (const count of x.values()) norm += Math.log1p(count) ** 2;
  norm = Math.sqrt(norm) || 1;
  for (const [feature, count] of x) x.set(feature, Math.log1p(count) / norm);
  for (const [theme, score] of Object.entries(context.vocabulary.scores))
    if (score > 0) x.set(VOCABULARY + theme, Math.log1p(score) / 3);
  if (context.tone.negative > 0) x.set(`${LEXICON}negative`, Math.log1p(context.tone.negative) / 2);
  if (context.tone.positive > 0) x.set(`${LEXICON}positive`, Math.log1p(context.tone.positive) / 2);
  x.set(`${LEXICON}score`, context.tone.score);
  return x;
}

/** A feature name as a coordinator reads it: the words, the plan theme or the lexicon side. */
export function describeFeature(feature: string): { kind: "words" | "vocabulary" | "lexicon"; text: string } {
  if (feature.startsWith(VOCABULARY)) return { kind: "vocabulary", text: feature.slice(VOCABULARY.length) };
  if (feature.startsWith(LEXICON)) return { kind: "lexicon", text: feature.slice(LEXICON.length) };
  return { kind: "words", text: feature };
}
