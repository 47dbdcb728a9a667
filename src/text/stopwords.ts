/**
 * Vietnamese stopwords from stopwords-iso, in canonical form. The list mixes single syllables
 * ("của", "và") with multi-syllable function words ("có thể", "bởi vì"); phrase entries are kept
 * as written and the single syllables are also offered as a set for token filtering.
 *
 * The list includes negators ("không", "chưa"), so tone analysis must not filter with it.
 */
import stopwordsIso from "stopwords-iso" with { type: "json" };
import { normalizeVietnamese } from "./normalize.ts";

const raw: readonly string[] = (stopwordsIso as Record<string, string[]>).vi ?? [];

/** Every entry of the list, lower-case and normalised ("có thể", "của"). */
export const VIETNAMESE_STOPWORDS: ReadonlySet<string> = new Set(
  raw.map((entry) => normalizeVietnamese(entry).toLowerCase().trim()).filter((entry) => entry.length > 0),
);

/** Entries that are one syllable: what a token filter can test a single token against. */
export const STOP_SYLLABLES: ReadonlySet<string> = new Set(
  [...VIETNAMESE_STOPWORDS].filter((entry) => /^[\p{L}\p{M}]+$/u.test(entry)),
);

export function isStopSyllable(syllable: string): boolean {
  return STOP_SYLLABLES.has(syllable);
}

/** The tokens of a list that are not single-syllable stopwords. */
export function withoutStopwords(syllables: readonly string[]): string[] {
  return syllables.filter((syllable) => !STOP_SYLLABLES.has(syllable));
}
