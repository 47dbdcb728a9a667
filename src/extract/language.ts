/**
 * The language of an article: what the page declares, unless the text plainly says otherwise
 * (CMS templates keep lang="en" on Vietnamese pages). Vietnamese is recognised by the letters
 * only it uses among Latin-script languages (ă, ơ, ư, đ and the tone-marked vowels).
 */

import { letterCounts } from "./chars.ts";

/** One of them, in either case (counted one character at a time, hence no `g`). */
const VIETNAMESE_LETTER = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;

/** Vietnamese-only letters over all letters (code units), counted in one pass over the text. */
export function vietnameseLetterRatio(text: string): number {
  const counts = letterCounts(text, VIETNAMESE_LETTER);
  if (counts.letters === 0) return 0;
  return counts.marked / counts.letters;
}

/** "vi-VN", "vi_VN", "VI" → "vi"; null for empty or unusable values. */
export function primaryLanguage(tag: string | undefined): string | null {
  const match = tag ? /^([a-z]{2,3})(?:[-_]|$)/i.exec(tag.trim()) : null;
  return match ? match[1]!.toLowerCase() : null;
}

export function detectLanguage(declared: Array<string | undefined>, text: string): string {
  const stated = declared.map(primaryLanguage).find((tag): tag is string => tag !== null);
  // Vietnamese prose has roughly one such letter in five; 5% leaves room for quoted English.
  const looksVietnamese = text.length >= 100 && vietnameseLetterRatio(text) > 0.05;
  if (looksVietnamese) return "vi";
  // Without a declaration, non-Vietnamese Latin text could be many languages: say so.
  return stated ?? "und";
}
