/**
 * The Vietnamese analysis of every text field, built from the same tables as `src/text/normalize`
 * so the engine and the application agree on what "the same word" is.
 *
 * Each text is indexed twice: `vi_exact` keeps diacritics (so "Hà" and "Hạ" stay apart when the
 * user typed them), `vi_folded` drops them (so "sam ngoc linh" finds "Sâm Ngọc Linh"). Both
 * recompose NFD input. `vi_shingles` adds two- and three-syllable shingles so multi-syllable names
 * score as units.
 *
 * Tone placement ("hoà" → "hòa") is unified by the application before a document is indexed
 * (`normalizeVietnamese`, one pass in JavaScript) and again by the engine at search time
 * (`vi_exact_search`), so any query matches either way. Doing it in the engine at index time costs
 * 45 regular-expression passes over every body: it made indexing seven times slower.
 */
import { tonePlacementVariants } from "../text/normalize.ts";

export const ANALYSIS_VERSION = 1;

/** NFD sequence → precomposed letter, for every Vietnamese letter that has a decomposition. */
function recompositionMappings(): string[] {
  const mappings: string[] = [];
  const ranges: Array<[number, number]> = [
    [0x00c0, 0x01b0],
    [0x1ea0, 0x1ef9],
  ];
  for (const [from, to] of ranges) {
    for (let code = from; code <= to; code++) {
      const letter = String.fromCodePoint(code);
      const decomposed = letter.normalize("NFD");
      if (decomposed !== letter && /^\p{L}/u.test(letter)) mappings.push(`${decomposed}=>${letter}`);
    }
  }
  return mappings;
}

function toneCharFilters(): Record<string, object> {
  const filters: Record<string, object> = {};
  tonePlacementVariants().forEach(([newStyle, traditional], index) => {
    filters[`vi_tone_${index}`] = {
      type: "pattern_replace",
      // Only an open syllable changes ("hoà" but not "hoàng"), and never after "q" ("quà").
      pattern: `(?<![qQ])${newStyle}(?![\\p{L}\\p{M}])`,
      replacement: traditional,
    };
  });
  return filters;
}

export function vietnameseAnalysisSettings() {
  const tones = toneCharFilters();
  const charFilters = ["vi_nfc"];
  return {
    analysis: {
      char_filter: {
        vi_nfc: { type: "mapping", mappings: recompositionMappings() },
        ...tones,
      },
      filter: {
        vi_shingle: { type: "shingle", min_shingle_size: 2, max_shingle_size: 3, output_unigrams: false },
        vi_folding: { type: "asciifolding", preserve_original: false },
      },
      analyzer: {
        vi_exact: { type: "custom", char_filter: charFilters, tokenizer: "standard", filter: ["lowercase"] },
        vi_exact_search: {
          type: "custom",
          char_filter: ["vi_nfc", ...Object.keys(tones)],
          tokenizer: "standard",
          filter: ["lowercase"],
        },
        vi_folded: {
          type: "custom",
          char_filter: charFilters,
          tokenizer: "standard",
          filter: ["lowercase", "vi_folding"],
        },
        vi_shingles: {
          type: "custom",
          char_filter: charFilters,
          tokenizer: "standard",
          filter: ["lowercase", "vi_folding", "vi_shingle"],
        },
      },
      normalizer: {
        vi_keyword: { type: "custom", char_filter: ["vi_nfc"], filter: ["lowercase", "asciifolding"] },
      },
    },
  };
}

/** Mapping of one Vietnamese text field: exact, folded and shingled views of the same text. */
export function vietnameseTextField() {
  return {
    type: "text",
    analyzer: "vi_exact",
    search_analyzer: "vi_exact_search",
    fields: {
      folded: { type: "text", analyzer: "vi_folded" },
      shingles: { type: "text", analyzer: "vi_shingles" },
    },
  };
}
