/**
 * Where an article is about, and whether it is about the plan's province at all: mentions of the
 * province, its districts, notable places and the titles of its officials, each with the field it
 * was found in. Names are matched with diacritics in marked text (the plan lists the spelling
 * variants the press uses) and without in unmarked text.
 */
import type { Plan } from "../plan/schema.ts";
import type { Field, PreparedDocument } from "./document.ts";
import { surface } from "./document.ts";
import { addPhrase, type DualMatcher, dualMatcher, phraseKeys } from "./lexicon.ts";
import { qualifiedElsewhere } from "./qualifier.ts";

export type MentionKind = "province" | "district" | "place" | "title";

interface GeoEntry {
  kind: MentionKind;
  id: string;
  name: string;
}

export interface CompiledGeography {
  matcher: DualMatcher<GeoEntry>;
  /** Folded syllables of every way the province is written, to recognise "tỉnh Kon Tum". */
  provinceKeys: string[][];
}

export function compileGeography(plan: Plan): CompiledGeography {
  const matcher = dualMatcher<GeoEntry>();
  const province: GeoEntry = { kind: "province", id: "province", name: plan.province.name };
  for (const name of [plan.province.name, ...plan.province.aliases]) addPhrase(matcher, name, province);
  for (const district of plan.districts) {
    const entry: GeoEntry = { kind: "district", id: district.id, name: district.name };
    for (const name of [district.name, ...district.aliases]) addPhrase(matcher, name, entry);
  }
  for (const place of plan.places) {
    const entry: GeoEntry = { kind: "place", id: place.id, name: place.name };
    for (const name of [place.name, ...place.aliases]) addPhrase(matcher, name, entry);
  }
  for (const title of plan.official_titles)
    addPhrase(matcher, title, { kind: "title", id: title, name: title });
  const provinceKeys = [plan.province.name, ...plan.province.aliases]
    .map((name) => phraseKeys(name).folded)
    .filter((keys) => keys.length > 0);
  return { matcher, provinceKeys };
}

export interface Mention {
  kind: MentionKind;
  id: string;
  name: string;
  text: string;
  counts: Partial<Record<Field, number>>;
}

export function findMentions(geo: CompiledGeography, doc: PreparedDocument): Mention[] {
  const matcher = doc.unmarked ? geo.matcher.folded : geo.matcher.exact;
  const byEntry = new Map<GeoEntry, Mention>();
  for (const field of doc.fields) {
    for (const match of matcher.match(field.tokens)) {
      // A title of another province's official ("Chủ tịch UBND tỉnh Gia Lai") says nothing here.
      const elsewhere = qualifiedElsewhere(field, match.start, match.end, geo.provinceKeys);
      for (const entry of match.values) {
        if (elsewhere && entry.kind === "title") continue;
        let mention = byEntry.get(entry);
        if (!mention) {
          mention = {
            kind: entry.kind,
            id: entry.id,
            name: entry.name,
            text: surface(field, match.start, match.end),
            counts: {},
          };
          byEntry.set(entry, mention);
        }
        mention.counts[field.field] = (mention.counts[field.field] ?? 0) + 1;
      }
    }
  }
  return [...byEntry.values()];
}

export interface PlaceResult {
  id: string;
  name: string;
  district: string | null;
  mentions: number;
}

export interface DistrictResult {
  id: string;
  name: string;
  /** "mention" when the district is named, "place" when only a place in it is. */
  via: "mention" | "place";
  mentions: number;
}

export function placesAndDistricts(
  plan: Plan,
  mentions: readonly Mention[],
): { places: PlaceResult[]; districts: DistrictResult[] } {
  const total = (m: Mention) => Object.values(m.counts).reduce((a, b) => a + (b ?? 0), 0);
  const placeById = new Map(plan.places.map((p) => [p.id, p]));
  const districtById = new Map(plan.districts.map((d) => [d.id, d]));
  const places: PlaceResult[] = mentions
    .filter((m) => m.kind === "place")
    .map((m) => ({
      id: m.id,
      name: m.name,
      district: placeById.get(m.id)?.district ?? null,
      mentions: total(m),
    }))
    .sort((a, b) => b.mentions - a.mentions || a.id.localeCompare(b.id));
  const districts = new Map<string, DistrictResult>();
  for (const m of mentions) {
    if (m.kind !== "district") continue;
    districts.set(m.id, { id: m.id, name: m.name, via: "mention", mentions: total(m) });
  }
  for (const place of places) {
    if (!place.district || districts.has(place.district)) continue;
    const district = districtById.get(place.district);
    if (district)
      districts.set(district.id, {
        id: district.id,
        name: district.name,
        via: "place",
        mentions: place.mentions,
      });
  }
  return {
    places,
    districts: [...districts.values()].sort((a, b) => b.mentions - a.mentions || a.id.localeCompare(b.id)),
  };
}

const ADMIN_WORDS = new Set(["tinh", "tp"]);

/**
 * Places outside the province the article names explicitly: "tỉnh Gia Lai", "TP Hồ Chí Minh",
 * "thành phố Đà Nẵng" — a province or city word followed by a capitalised name that is not the
 * plan's province. Used to keep an article about elsewhere from being counted as local.
 */
export function findElsewhere(geo: CompiledGeography, doc: PreparedDocument): string[] {
  const found: string[] = [];
  for (const field of doc.fields) {
    const tokens = field.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const two = t.folded === "thanh" && tokens[i + 1]?.folded === "pho" ? 2 : 0;
      const width = two || (ADMIN_WORDS.has(t.folded) ? 1 : 0);
      if (width === 0) continue;
      if (qualifiedElsewhere(field, i, i + width, geo.provinceKeys)) {
        let end = i + width + 1;
        while (
          end < tokens.length &&
          !tokens[end]!.sentenceStart &&
          /^\p{Lu}/u.test(field.text.slice(tokens[end]!.start, tokens[end]!.end))
        )
          end++;
        found.push(field.text.slice(t.start, tokens[end - 1]!.end));
        i = end - 1;
      }
    }
  }
  return [...new Set(found)];
}
