/**
 * Syllable tokens for Vietnamese text. Vietnamese writes one syllable per space-separated unit and
 * builds words from several syllables ("du lịch", "Sâm Ngọc Linh"), so everything downstream —
 * phrase matching, n-gram features, shingles — works on syllables and multi-syllable sequences.
 *
 * Letters are matched with `\p{L}` (plus combining marks, in case NFC left one), never `\w`, which
 * knows nothing beyond ASCII. Digits form their own tokens. Sentence punctuation is not a token,
 * but the token after it carries `sentenceStart`, so a phrase is never matched across sentences.
 */
import { foldDiacritics, normalizeVietnamese } from "./normalize.ts";

export interface Token {
  /** Lower-case syllable in canonical form (NFC, traditional tone placement). */
  text: string;
  /** The same syllable without diacritics ("đắk" → "dak"). */
  folded: string;
  /** Offsets into the string that was tokenised. */
  start: number;
  end: number;
  /** True for the first token of the text and the first after . ! ? ; … or a line break. */
  sentenceStart: boolean;
  /** True when the token is a run of digits. */
  number: boolean;
}

// A letter run, a digit run, or a sentence boundary (punctuation followed by space or the end).
const TOKEN = /([\p{L}\p{M}]+)|(\p{N}+)|([.!?;…]+(?=\s|$)|\n)/gu;

const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 100_000;

/** `foldDiacritics` for one lower-case syllable, memoised: a text repeats few distinct syllables. */
export function foldSyllable(syllable: string): string {
  let folded = foldCache.get(syllable);
  if (folded === undefined) {
    folded = foldDiacritics(syllable);
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(syllable, folded);
  }
  return folded;
}

/**
 * Tokens of a text that is already normalised (see `normalizeVietnamese`); offsets refer to it.
 * Use `tokenizeText` for raw input.
 */
export function tokenize(normalized: string): Token[] {
  const tokens: Token[] = [];
  let sentenceStart = true;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(normalized); match !== null; match = TOKEN.exec(normalized)) {
    if (match[3] !== undefined) {
      sentenceStart = true;
      continue;
    }
    const raw = match[0];
    const number = match[2] !== undefined;
    const text = number ? raw : raw.toLowerCase();
    tokens.push({
      text,
      folded: number ? text : foldSyllable(text),
      start: match.index,
      end: match.index + raw.length,
      sentenceStart,
      number,
    });
    sentenceStart = false;
  }
  return tokens;
}

/** Normalises, then tokenises: tokens of raw text, with offsets into the normalised text. */
export function tokenizeText(text: string): Token[] {
  return tokenize(normalizeVietnamese(text));
}

/** The lower-case syllables of a raw text, numbers included. */
export function syllables(text: string): string[] {
  return tokenizeText(text).map((token) => token.text);
}

/** Contiguous n-grams of a token list, each joined by one space. */
export function ngrams(items: readonly string[], n: number): string[] {
  if (n < 1) throw new RangeError(`n must be at least 1, got ${n}`);
  const grams: string[] = [];
  for (let i = 0; i + n <= items.length; i++) {
    grams.push(n === 1 ? items[i]! : items.slice(i, i + n).join(" "));
  }
  return grams;
}

/**
 * Share of letter tokens that carry a diacritic. Written Vietnamese marks most syllables (well over
 * half in any sentence); text typed without marks (social posts, SMS) scores near zero.
 */
export function diacriticShare(tokens: readonly Token[]): number {
  let letters = 0;
  let marked = 0;
  for (const token of tokens) {
    if (token.number) continue;
    letters++;
    if (token.text !== token.folded) marked++;
  }
  return letters === 0 ? 0 : marked / letters;
}

/** Below this share of marked syllables a text is treated as typed without diacritics. */
export const UNMARKED_TEXT_SHARE = 0.15;

/** True when the text looks typed without diacritics ("du lich Mang Den"). */
export function isUnmarked(tokens: readonly Token[]): boolean {
  return tokens.length > 0 && diacriticShare(tokens) < UNMARKED_TEXT_SHARE;
}
