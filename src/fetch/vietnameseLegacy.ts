/**
 * Vietnamese text in the encodings that predate Unicode, as provincial portals still serve it:
 *
 *   windows-1258   a real charset (base letters precomposed, the five tones as combining bytes),
 *                  sometimes served with no label or a Western one;
 *   TCVN3 (ABC)    a font encoding: the page says windows-1252 or nothing and sets `.VnTime`, and
 *                  every Vietnamese letter is one byte of TCVN 5712 (iconv's "tcvn");
 *   VNI            a font encoding: `VNI-Times`, each letter a windows-1252 base letter followed by
 *                  a mark byte ("aø" is "à", "oâ" is "ô", "ôù" is "ớ"), with đ, ơ, ư and the i's as
 *                  single bytes.
 *
 * A page is taken for one of them on the font it names, or failing that on byte patterns no real
 * windows-1252 text makes (a tone byte right after a vowel, `µ` or `¸` inside a word, `ø` or `õ`
 * after a vowel), counted over the whole page. All output is NFC.
 */
import iconv from "iconv-lite";

export type LegacyVietnamese = "windows-1258" | "tcvn3" | "vni";

/** TCVN3 fonts are all named ".Vn…" (.VnTime, .VnArial, .VnTimeH); VNI fonts "VNI-…" (VNI-Times). */
const TCVN_FONT = /(?:font-family\s*:|face\s*=)[^;>]*\.vn[a-z]/i;
const VNI_FONT = /(?:font-family\s*:|face\s*=)[^;>]*\bvni-[a-z]/i;

/** Tone bytes of windows-1258 (grave, hook, tilde, acute, dot below) right after a vowel byte. */
function score1258(bytes: Uint8Array): Evidence {
  const pairs: string[] = [];
  for (let i = 1; i < bytes.length; i++) {
    const tone = bytes[i]!;
    if (tone !== 0xcc && tone !== 0xd2 && tone !== 0xde && tone !== 0xec && tone !== 0xf2) continue;
    const base = bytes[i - 1]! | 0x20;
    // a e i o u y, and 1258's â ê ô ơ ư ă (either case: | 0x20 folds them).
    if ([0x61, 0x65, 0x69, 0x6f, 0x75, 0x79, 0xe2, 0xea, 0xf4, 0xf5, 0xfd, 0xe3].includes(base))
      pairs.push(`${base}-${tone}`);
  }
  return evidence(pairs);
}

/** How often a pattern occurs, and in how many different forms. */
interface Evidence {
  hits: number;
  forms: number;
}

function evidence(matches: string[]): Evidence {
  return { hits: matches.length, forms: new Set(matches).size };
}

/** TCVN3 letters that are punctuation in windows-1252 (µ ¸ ¶ · ¹ ® ¨ © ª « ¬), inside a word. */
function scoreTcvn3(latin: string): Evidence {
  return evidence(latin.match(/[a-z][µ¸¶·¹®¨©ª«¬]|[µ¸¶·¹®¨©ª«¬][a-z]/gi) ?? []);
}

/** VNI's mark bytes where windows-1252 text never puts them: tone letters after a vowel. */
function scoreVni(latin: string): Evidence {
  return evidence(
    latin.match(
      /[aeouy][øûõï]|[AEOUY][ØÛÕÏ]|[ôö][ùøûõï]|[ÔÖ][ÙØÛÕÏ]|[aeo]â|[AEO]Â|\bñ[aeiouy]|\bÑ[aeiouyAEIOUY]/g,
    ) ?? [],
  );
}

/**
 * Enough of a pattern to rule out chance: at least 8 hits, one per 400 characters, in at least 4
 * different forms (Vietnamese text uses many letters; a French "naïve" repeated is one form).
 */
function convincing({ hits, forms }: Evidence, length: number): boolean {
  return hits >= 8 && forms >= 4 && hits * 400 >= length;
}

/**
 * The legacy encoding the bytes are in, or null. `declared` is the charset the page or server
 * named (null when none): only a Western single-byte label or none can hide one of these.
 */
export function detectLegacyVietnamese(bytes: Uint8Array, declared: string | null): LegacyVietnamese | null {
  if (declared === "windows-1258" || declared === "cp1258") return "windows-1258";
  // All three put Vietnamese letters in bytes above 0x7f: a page without one is plain ASCII.
  if (!bytes.some((byte) => byte >= 0x80)) return null;
  const latin = Buffer.from(bytes).toString("latin1");
  if (VNI_FONT.test(latin)) return "vni";
  if (TCVN_FONT.test(latin)) return "tcvn3";
  const cp1252 = iconv.decode(Buffer.from(bytes), "windows-1252");
  const candidates: Array<[LegacyVietnamese, Evidence]> = [
    ["windows-1258", score1258(bytes)],
    ["tcvn3", scoreTcvn3(cp1252)],
    ["vni", scoreVni(cp1252)],
  ];
  const [best, found] = candidates.sort((a, b) => b[1].hits - a[1].hits)[0]!;
  return convincing(found, cp1252.length) ? best : null;
}

const GRAVE = "\u0300";
const ACUTE = "\u0301";
const TILDE = "\u0303";
const HOOK = "\u0309";
const DOT = "\u0323";
const CIRCUMFLEX = "\u0302";
const BREVE = "\u0306";
const HORN = "\u031b";

/** VNI mark characters (as windows-1252 decodes them), lower and upper case, to combining marks. */
const VNI_MARKS: Record<string, string> = {
  ø: GRAVE,
  ù: ACUTE,
  û: HOOK,
  õ: TILDE,
  ï: DOT,
  â: CIRCUMFLEX,
  ê: BREVE,
  á: CIRCUMFLEX + ACUTE,
  à: CIRCUMFLEX + GRAVE,
  å: CIRCUMFLEX + HOOK,
  ã: CIRCUMFLEX + TILDE,
  ä: CIRCUMFLEX + DOT,
  é: BREVE + ACUTE,
  è: BREVE + GRAVE,
  ú: BREVE + HOOK,
  ü: BREVE + TILDE,
  ë: BREVE + DOT,
};
for (const [mark, combining] of Object.entries({ ...VNI_MARKS })) VNI_MARKS[mark.toUpperCase()] = combining;

/** VNI's one-byte letters. */
const VNI_SINGLE: Record<string, string> = {
  ñ: "đ",
  Ñ: "Đ",
  ô: "ơ",
  Ô: "Ơ",
  ö: "ư",
  Ö: "Ư",
  ó: "ĩ",
  Ó: "Ĩ",
  ò: "ị",
  Ò: "Ị",
  æ: "ỉ",
  Æ: "Ỉ",
  î: "ỵ",
  Î: "Ỵ",
};

/** Which marks each VNI base takes: circumflex on a, e, o; breve on a; tones on all. */
function vniLetter(base: string, mark: string): string | null {
  const combining = VNI_MARKS[mark]!;
  const lower = base.toLowerCase();
  if (combining.startsWith(BREVE) && lower !== "a") return null;
  if (combining.startsWith(CIRCUMFLEX) && !"aeo".includes(lower)) return null;
  const letter =
    lower === "ô"
      ? (base === "ô" ? "o" : "O") + HORN
      : lower === "ö"
        ? (base === "ö" ? "u" : "U") + HORN
        : base;
  return (letter + combining).normalize("NFC");
}

/** Text of a VNI page, decoded as windows-1252 first: pairs and one-byte letters in one pass. */
export function vniToUnicode(cp1252: string): string {
  return cp1252
    .replace(
      /([aeouyAEOUYôöÔÖ])([øùûõïâêáàåãäéèúüëØÙÛÕÏÂÊÁÀÅÃÄÉÈÚÜË])|([ñÑôÔöÖóÓòÒæÆîÎ])/g,
      (match, base: string | undefined, mark: string | undefined, single: string | undefined) =>
        single ? VNI_SINGLE[single]! : (vniLetter(base!, mark!) ?? match),
    )
    .normalize("NFC");
}

/** The text of bytes in one of the legacy encodings, NFC. */
export function decodeLegacyVietnamese(bytes: Uint8Array, encoding: LegacyVietnamese): string {
  const buffer = Buffer.from(bytes);
  if (encoding === "windows-1258") return iconv.decode(buffer, "windows-1258").normalize("NFC");
  if (encoding === "tcvn3") return iconv.decode(buffer, "tcvn").normalize("NFC");
  return vniToUnicode(iconv.decode(buffer, "windows-1252"));
}
