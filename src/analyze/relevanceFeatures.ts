/**
 * What relevance reads of an article, for any plan's province: where the province and its places
 * are named (title, lead, how early, how often), and in what company — a list of provinces, a
 * person's home town, a street or shop named after it, other provinces named beside it. The same
 * features serve every province, so a relevance model learned on articles about one province is
 * measured on another.
 */
import type { PreparedDocument, PreparedField } from "./document.ts";
import { addPhrase, type DualMatcher, dualMatcher, phraseKeys } from "./lexicon.ts";
import type { CompiledGeography } from "./places.ts";
import { PROVINCES } from "./provinces.ts";

export interface CompiledNation {
  /** Provinces other than the plan's, each matched under its index. */
  matcher: DualMatcher<number>;
}

export function compileNation(geo: CompiledGeography): CompiledNation {
  const matcher = dualMatcher<number>();
  const own = new Set(geo.provinceKeys.map((keys) => keys.join(" ")));
  PROVINCES.forEach((names, i) => {
    if (names.some((name) => own.has(phraseKeys(name).folded.join(" ")))) return;
    for (const name of names) addPhrase(matcher, name, i);
  });
  return { matcher };
}

const HOMETOWN = ["que", "que quan", "nguyen quan", "nguoi con", "sinh ra", "den tu", "goc", "xuat than"];
const HOMONYM = new Set([
  "duong",
  "pho",
  "hem",
  "ngo",
  "quan",
  "nha hang",
  "khach san",
  "ca phe",
  "xi mang",
  "nuoc mam",
]);
const LIST_GAP = 3;

interface Hit {
  field: PreparedField["field"];
  at: number;
  end: number;
  /** Position in the whole article, 0..1. */
  position: number;
}

function foldedBefore(field: PreparedField, at: number, width: number): string {
  return field.tokens
    .slice(Math.max(0, at - width), at)
    .map((t) => t.folded)
    .join(" ");
}

/**
 * The features of one article for the plan's province. `hits` of the province come from its
 * gazetteer (province, districts, places); official titles count apart, being weak evidence.
 */
export function relevanceFeatures(
  doc: PreparedDocument,
  geo: CompiledGeography,
  nation: CompiledNation,
  localOutlet: boolean,
): Map<string, number> {
  const home = doc.unmarked ? geo.matcher.folded : geo.matcher.exact;
  const others = doc.unmarked ? nation.matcher.folded : nation.matcher.exact;
  const total = doc.fields.reduce((n, f) => n + f.tokens.length, 0) || 1;
  const hits: Hit[] = [];
  const otherHits: Array<{ field: PreparedField["field"]; at: number; end: number; id: number }> = [];
  let titles = 0;
  let offset = 0;
  const byKind = { province: 0, district: 0, place: 0 };
  for (const field of doc.fields) {
    for (const match of home.match(field.tokens)) {
      const kinds = match.values.map((v) => v.kind);
      if (kinds.every((k) => k === "title")) {
        titles++;
        continue;
      }
      for (const kind of kinds) if (kind !== "title") byKind[kind]++;
      hits.push({
        field: field.field,
        at: match.start,
        end: match.end,
        position: (offset + match.start) / total,
      });
    }
    for (const match of others.match(field.tokens))
      for (const id of match.values)
        otherHits.push({ field: field.field, at: match.start, end: match.end, id });
    offset += field.tokens.length;
  }
  const x = new Map<string, number>();
  const distinctOthers = new Set(otherHits.map((h) => h.id)).size;
  if (otherHits.some((h) => h.field === "title")) x.set("others_in_title", 1);
  if (distinctOthers > 0) x.set("others", Math.log1p(distinctOthers));
  else x.set("no_others", 1);
  if (titles > 0) x.set("official_titles", Math.log1p(titles));
  if (localOutlet) x.set("local_outlet", 1);
  if (hits.length === 0) {
    x.set("no_mention", 1);
    return x;
  }
  const fieldOf = new Map(doc.fields.map((f) => [f.field, f]));
  let listed = 0;
  let hometown = 0;
  let homonym = 0;
  for (const hit of hits) {
    const field = fieldOf.get(hit.field)!;
    const near = otherHits.some(
      (o) =>
        o.field === hit.field &&
        (Math.abs(o.at - hit.end) <= LIST_GAP || Math.abs(hit.at - o.end) <= LIST_GAP),
    );
    if (near) listed++;
    const before = foldedBefore(field, hit.at, 6);
    if (HOMETOWN.some((cue) => ` ${before} `.includes(` ${cue} `))) hometown++;
    const one = foldedBefore(field, hit.at, 1);
    const two = foldedBefore(field, hit.at, 2);
    if (HOMONYM.has(one) || HOMONYM.has(two)) homonym++;
  }
  const n = hits.length;
  const inTitle = hits.filter((h) => h.field === "title").length;
  const inLead = hits.filter((h) => h.field === "lead").length;
  const inBody = n - inTitle - inLead;
  if (inTitle) x.set("in_title", 1);
  if (inLead) x.set("in_lead", 1);
  x.set("mentions", Math.log1p(n));
  if (inBody) x.set("body_mentions", Math.log1p(inBody));
  x.set("early", 1 - Math.min(...hits.map((h) => h.position)));
  if (byKind.province) x.set("province_named", Math.log1p(byKind.province));
  if (byKind.district + byKind.place) x.set("places_named", Math.log1p(byKind.district + byKind.place));
  if (listed) x.set("in_list", listed / n);
  if (hometown) x.set("home_town", hometown / n);
  if (homonym) x.set("homonym", homonym / n);
  x.set("share", n / (n + otherHits.length));
  if (distinctOthers > 3) x.set("many_others", 1);
  return x;
}
