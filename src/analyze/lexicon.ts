/**
 * Turning written phrases (plan terms, names, tone words) into the syllable keys the matchers use,
 * with the same normalisation as the text they are matched against.
 */
import { tokenizeText } from "../text/tokens.ts";
import { PhraseMatcher } from "./matcher.ts";

export interface PhraseKeys {
  text: string[];
  folded: string[];
}

export function phraseKeys(phrase: string): PhraseKeys {
  const tokens = tokenizeText(phrase);
  return { text: tokens.map((t) => t.text), folded: tokens.map((t) => t.folded) };
}

/**
 * A single syllable that loses its diacritics becomes ambiguous ("Lào" → "lao", as in "lao động";
 * "cháy" → "chay"): such a phrase is left out of accent-insensitive matching. Longer phrases and
 * phrases written without diacritics ("OCOP", "homestay") keep their meaning when folded.
 */
export function isSafeFolded(keys: PhraseKeys): boolean {
  return keys.folded.length > 1 || keys.folded[0] === keys.text[0];
}

/** The pair of matchers for one vocabulary: exact for marked text, folded for unmarked text. */
export interface DualMatcher<T> {
  exact: PhraseMatcher<T>;
  folded: PhraseMatcher<T>;
}

export function dualMatcher<T>(): DualMatcher<T> {
  return { exact: new PhraseMatcher<T>("text"), folded: new PhraseMatcher<T>("folded") };
}

/** Adds a phrase to both matchers; the folded one only when folding keeps it unambiguous. */
export function addPhrase<T>(matcher: DualMatcher<T>, phrase: string, value: T): boolean {
  const keys = phraseKeys(phrase);
  if (keys.text.length === 0) return false;
  matcher.exact.add(keys.text, value);
  if (isSafeFolded(keys)) matcher.folded.add(keys.folded, value);
  return true;
}
