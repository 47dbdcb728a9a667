/**
 * Vietnamese text normalisation: one canonical form for everything we compare, index or search.
 *
 * - Unicode NFC, so precomposed and combining-mark (NFD) input are the same string.
 * - One tone-mark placement. Vietnamese is written with two conventions for the open syllables
 *   "oa", "oe", "uy": the traditional "hòa, khỏe, thủy" and the newer "hoà, khoẻ, thuỷ". We keep
 *   the traditional form, which most outlets use. Syllables with a final consonant ("hoàng",
 *   "huỳnh") and "qu" + vowel ("quà", "quý") are written the same in both conventions and are left
 *   alone.
 */

const TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"; // huyền, sắc, ngã, hỏi, nặng
// In NFD a syllable written the new way ends in vowel + vowel + tone mark, e.g. "ho" "a" U+0300.
const NEW_STYLE_OPEN_SYLLABLE = new RegExp(
  `^(\\p{L}*?)(?<![qQ])(o(?=[aAeE])|O(?=[aAeE])|u(?=[yY])|U(?=[yY]))([aAeEyY])([${TONE_MARKS}])$`,
  "u",
);
const WORD = /\p{L}[\p{L}\p{M}]*/gu;

/** Moves a new-style tone mark in one syllable to its traditional place: "hoà" → "hòa". */
export function traditionalTonePlacement(syllable: string): string {
  const decomposed = syllable.normalize("NFD");
  const match = NEW_STYLE_OPEN_SYLLABLE.exec(decomposed);
  if (!match) return syllable;
  const [, onset, first, second, tone] = match;
  return `${onset}${first}${tone}${second}`.normalize("NFC");
}

/** NFC plus unified tone placement: the form in which text is stored, indexed and compared. */
export function normalizeVietnamese(text: string): string {
  return text.normalize("NFC").replace(WORD, (word) => traditionalTonePlacement(word));
}

/** Lower-case text without any diacritics ("Đắk Hà" → "dak ha"), for accent-insensitive matching. */
export function foldDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

/**
 * Pairs (new-style, traditional) of every open syllable ending that differs between the two
 * conventions, in lower, capitalised and upper case: the search engine's analyzer is built from
 * this list so it normalises exactly as this module does.
 */
export function tonePlacementVariants(): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [first, second] of [
    ["o", "a"],
    ["o", "e"],
    ["u", "y"],
  ] as const) {
    for (const tone of TONE_MARKS) {
      for (const cased of [
        `${first}${second}`,
        `${first.toUpperCase()}${second}`,
        `${first}${second}`.toUpperCase(),
      ]) {
        const newStyle = `${cased[0]}${cased[1]}${tone}`.normalize("NFC");
        const traditional = `${cased[0]}${tone}${cased[1]}`.normalize("NFC");
        pairs.push([newStyle, traditional]);
      }
    }
  }
  return pairs;
}
