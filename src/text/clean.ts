/**
 * Cleaning of extracted text before analysis: canonical Vietnamese (see normalize.ts), invisible
 * characters removed, look-alike punctuation unified, whitespace collapsed. Paragraph breaks are
 * kept as single newlines, because sentence boundaries matter to phrase matching.
 */
import { normalizeVietnamese } from "./normalize.ts";

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
// Control characters other than tab, line feed and carriage return.
const CONTROL = /[^\P{Cc}\t\n\r]/gu;
const SPACES = /[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
const QUOTES_DOUBLE = /[“”„‟«»″]/g;
const QUOTES_SINGLE = /[‘’‚‛′`´]/g;
const DASHES = /[‐‑‒–—―−]/g;
const ELLIPSIS = /\.{3,}/g;

/** Clean, canonical text: what analysis, hashing and indexing all see. */
export function cleanText(text: string): string {
  return normalizeVietnamese(
    text
      .replace(INVISIBLE, "")
      .replace(/\r\n?/g, "\n")
      .replace(CONTROL, " ")
      .replace(QUOTES_DOUBLE, '"')
      .replace(QUOTES_SINGLE, "'")
      .replace(DASHES, "-")
      .replace(ELLIPSIS, "…"),
  )
    .replace(SPACES, " ")
    .replace(/ *\n[\s]*/g, "\n")
    .trim();
}

/**
 * The text with every diacritic removed but case kept ("Đắk Hà" → "Dak Ha"): how Vietnamese is
 * often typed on social media. Use `foldDiacritics` for a lower-case matching key.
 */
export function stripDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}
