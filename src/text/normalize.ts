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
// In NFC, a new-style open syllable ends in "o" + toned a/e, or "u" + toned y, with no letter after
// it; a "q" before makes "u" part of the consonant ("quý"), so that case is excluded.
const TONED_A_E = "àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ";
const TONED_Y = "ỳýỷỹỵỲÝỶỸỴ";
const NEW_STYLE = new RegExp(
  `(?<![qQ])(?:([oO])([${TONED_A_E}])|([uU])([${TONED_Y}]))(?![\\p{L}\\p{M}])`,
  "gu",
);

function moveTone(first: string, toned: string): string {
  const [base = "", ...marks] = toned.normalize("NFD");
  return `${first}${marks.join("")}${base}`.normalize("NFC");
}

/** NFC plus unified tone placement: the form in which text is stored, indexed and compared. */
export function normalizeVietnamese(text: string): string {
  return text
    .normalize("NFC")
    .replace(NEW_STYLE, (_match, o: string, ae: string, u: string, y: string) =>
      o ? moveTone(o, ae) : moveTone(u, y),
    );
}

/** Moves a new-style tone mark in one syllable to its traditional place: "hoà" → "hòa". */
export function traditionalTonePlacement(syllable: string): string {
  return normalizeVietnamese(syllable);
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
