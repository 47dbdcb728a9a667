/**
 * Near-duplicates: syndicated copies of one article (a new headline, "Theo TTXVN" added, the end
 * trimmed, a few words changed) grouped into a family with one original.
 *
 * Each article becomes a set of 3-syllable shingles over its text without diacritics (a copy that
 * lost its marks is still a copy), summarised by a 128-value MinHash signature. Candidate pairs come
 * from locality-sensitive hashing (64 bands of 2 values, which finds pairs with a Jaccard
 * similarity of 0.3 with probability > 0.99); a candidate is a copy when its estimated Jaccard
 * similarity and its containment (shared shingles over the smaller set: a trimmed copy is mostly
 * contained in its original) both clear their thresholds.
 *
 * The original of a family: an article that does not credit another outlet beats one that does
 * ("Theo TTXVN", "Nguồn: VOV"); then the earliest published; then a plan partner (central or
 * economic partner, provincial press) over a portal over anything else; then the URL, for a stable
 * answer.
 */
import { type ArticleInput, type PreparedDocument, prepareDocument } from "./document.ts";
import { fnv1a32, mix32 } from "./hash.ts";

export const SIGNATURE_SIZE = 128;
export const BAND_ROWS = 2;
export const SHINGLE_SIZE = 3;

const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  let state = 0x2545f491;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    state = mix32(state + 0x9e3779b9);
    seeds[i] = state;
  }
  return seeds;
})();

export interface Fingerprint {
  signature: Uint32Array;
  /** Number of distinct shingles (for containment). */
  shingles: number;
}

const syllableHash = new Map<string, number>();

function hashSyllable(syllable: string): number {
  let h = syllableHash.get(syllable);
  if (h === undefined) {
    h = fnv1a32(syllable);
    if (syllableHash.size > 200_000) syllableHash.clear();
    syllableHash.set(syllable, h);
  }
  return h;
}

/**
 * The shingle set of an article's text (title, lead and body together, in that order). `prepared`:
 * the input's `prepareDocument`, when the caller has it already.
 */
export function shingleSet(input: ArticleInput, prepared = prepareDocument(input)): Set<number> {
  const hashes: number[] = [];
  for (const field of prepared.fields) for (const t of field.tokens) hashes.push(hashSyllable(t.folded));
  const set = new Set<number>();
  if (hashes.length < SHINGLE_SIZE) {
    if (hashes.length > 0) set.add(mix32(hashes.reduce((a, b) => mix32(a ^ b), 0)));
    return set;
  }
  for (let i = 0; i + SHINGLE_SIZE <= hashes.length; i++) {
    const a = hashes[i]!;
    const b = hashes[i + 1]!;
    const c = hashes[i + 2]!;
    set.add(mix32(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77)));
  }
  return set;
}

export function fingerprintArticle(input: ArticleInput, prepared?: PreparedDocument): Fingerprint {
  const shingles = Uint32Array.from(shingleSet(input, prepared));
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    const seed = SEEDS[i]!;
    let min = 0xffffffff;
    for (let k = 0; k < shingles.length; k++) {
      // mix32(shingle ^ seed), inlined: this loop is the whole cost of a fingerprint.
      let h = (shingles[k]! ^ seed) >>> 0;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h >>>= 0;
      if (h < min) min = h;
    }
    signature[i] = min;
  }
  return { signature, shingles: shingles.length };
}

/** Estimated Jaccard similarity of two shingle sets from their signatures. */
export function jaccard(a: Fingerprint, b: Fingerprint): number {
  if (a.shingles === 0 || b.shingles === 0) return 0;
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a.signature[i] === b.signature[i]) same++;
  return same / SIGNATURE_SIZE;
}

/** Estimated share of the smaller set found in the larger. */
export function containment(a: Fingerprint, b: Fingerprint, j = jaccard(a, b)): number {
  const smaller = Math.min(a.shingles, b.shingles);
  if (smaller === 0) return 0;
  const intersection = (j / (1 + j)) * (a.shingles + b.shingles);
  return Math.min(1, intersection / smaller);
}

/** Band keys for locality-sensitive hashing: articles sharing any key are candidates. */
export function bandKeys(fp: Fingerprint): string[] {
  const keys: string[] = [];
  for (let band = 0; band * BAND_ROWS < SIGNATURE_SIZE; band++) {
    let h = band;
    for (let r = 0; r < BAND_ROWS; r++) h = mix32(h ^ fp.signature[band * BAND_ROWS + r]!);
    keys.push(`${band}:${h.toString(36)}`);
  }
  return keys;
}

export interface DedupeSettings {
  minJaccard: number;
  minContainment: number;
}

export const DEFAULT_DEDUPE_SETTINGS: DedupeSettings = { minJaccard: 0.15, minContainment: 0.5 };

export function isCopy(
  a: Fingerprint,
  b: Fingerprint,
  settings: DedupeSettings = DEFAULT_DEDUPE_SETTINGS,
): { copy: boolean; jaccard: number; containment: number } {
  const j = jaccard(a, b);
  const c = containment(a, b, j);
  return { copy: j >= settings.minJaccard && c >= settings.minContainment, jaccard: j, containment: c };
}

export type OutletRank = "partner" | "portal" | "other";

export interface DedupeArticle extends ArticleInput {
  id: string;
  /** How the outlet stands in the plan (see `outletRank`); unknown counts as "other". */
  outletRank?: OutletRank;
}

export interface FamilyMember {
  id: string;
  jaccard: number;
  containment: number;
  reprint: boolean;
}

export interface Family {
  /** The original's id: also the family id. */
  id: string;
  original: string;
  members: FamilyMember[];
}

// "Theo TTXVN", "Nguồn: VOV", "(Theo Báo Kon Tum)" at the start or the end of the text.
const CREDIT = /(?:^|[\n.(]\s*)(?:Theo|Nguồn\s*:?)\s+(?:báo\s+|Báo\s+)?\p{Lu}[\p{L}\p{N}&.\- ]{0,40}\)?\s*$/u;
const CREDIT_START = /^\s*\(?(?:Theo|Nguồn\s*:?)\s+\p{Lu}[\p{L}\p{N}&.\- ]{0,40}\)?\s*[-–:]/u;

/** True when the article credits another outlet as its source. */
export function isReprint(input: ArticleInput): boolean {
  const body = (input.body ?? "").trim();
  const lead = (input.lead ?? "").trim();
  const tail = body.slice(-80);
  return CREDIT.test(tail) || CREDIT_START.test(lead) || CREDIT_START.test(body.slice(0, 80));
}

const RANK_ORDER: Record<OutletRank, number> = { partner: 0, portal: 1, other: 2 };

function publishedMs(value: string | null | undefined): number {
  if (!value) return Number.POSITIVE_INFINITY;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** Groups a batch of articles into families of copies; articles without copies are left out. */
export function findFamilies(
  articles: readonly DedupeArticle[],
  settings: DedupeSettings = DEFAULT_DEDUPE_SETTINGS,
): Family[] {
  const fps = articles.map((a) => fingerprintArticle(a));
  const buckets = new Map<string, number[]>();
  fps.forEach((fp, i) => {
    for (const key of bandKeys(fp)) {
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
  });
  const parent = articles.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const checked = new Set<number>();
  const n = articles.length;
  for (const bucket of buckets.values()) {
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const i = bucket[x]!;
        const j = bucket[y]!;
        const pair = i * n + j;
        if (checked.has(pair)) continue;
        checked.add(pair);
        if (isCopy(fps[i]!, fps[j]!, settings).copy) {
          const ri = find(i);
          const rj = find(j);
          if (ri !== rj) parent[ri] = rj;
        }
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  }
  const families: Family[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const reprint = new Map(group.map((i) => [i, isReprint(articles[i]!)]));
    const ranked = [...group].sort((a, b) => {
      const x = articles[a]!;
      const y = articles[b]!;
      return (
        Number(reprint.get(a)) - Number(reprint.get(b)) ||
        publishedMs(x.published_at) - publishedMs(y.published_at) ||
        RANK_ORDER[x.outletRank ?? "other"] - RANK_ORDER[y.outletRank ?? "other"] ||
        (x.url ?? x.id).localeCompare(y.url ?? y.id)
      );
    });
    const original = ranked[0]!;
    const originalFp = fps[original]!;
    families.push({
      id: articles[original]!.id,
      original: articles[original]!.id,
      members: ranked.map((i) => {
        const j = jaccard(originalFp, fps[i]!);
        return {
          id: articles[i]!.id,
          jaccard: Math.round(j * 1000) / 1000,
          containment: Math.round(containment(originalFp, fps[i]!, j) * 1000) / 1000,
          reprint: reprint.get(i)!,
        };
      }),
    });
  }
  families.sort((a, b) => a.id.localeCompare(b.id));
  return families;
}

/** An outlet's standing from its plan kind. */
export function outletRank(kind: string | undefined): OutletRank {
  if (kind === "central_partner" || kind === "economic_partner" || kind === "provincial_press")
    return "partner";
  if (kind === "portal") return "portal";
  return "other";
}
