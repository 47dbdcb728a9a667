/**
 * One prepared view of a text for every signal: folded syllables (no diacritics, lower case, common
 * social-media spellings expanded), their content shingles, and a space-joined form for phrase
 * search. Built once per article and shared by the claim matcher, the stance and sensational
 * checks, so the text is tokenised once.
 *
 * Syllables come from the shared tokenizer (src/text/tokens.ts). Shingles are made here because
 * src/text has none yet: content syllables (function syllables dropped) and the bigrams of
 * consecutive content syllables, so "thu hồi toàn bộ đất của dân" and "thu hồi toàn bộ đất dân" share them.
 */
import { tokenizeText } from "../text/tokens.ts";

/**
 * Spellings of social posts and messages, folded, mapped to the folded syllables they stand for.
 * Only unambiguous ones: "k" and "kg" are left alone (prices, weights), "hong" too (hỏng, hồng).
 */
const SOCIAL_SPELLINGS: ReadonlyMap<string, readonly string[]> = new Map([
  ["ko", ["khong"]],
  ["kh", ["khong"]],
  ["khg", ["khong"]],
  ["hok", ["khong"]],
  ["dc", ["duoc"]],
  ["ng", ["nguoi"]],
  ["ngta", ["nguoi", "ta"]],
  ["mn", ["moi", "nguoi"]],
  ["mng", ["moi", "nguoi"]],
  ["mk", ["minh"]],
  ["vs", ["voi"]],
  ["j", ["gi"]],
  ["bik", ["biet"]],
  ["trc", ["truoc"]],
  ["sdt", ["so", "dien", "thoai"]],
  ["ttin", ["thong", "tin"]],
]);

/**
 * Function syllables left out of shingles, folded. Not the full stopword list of src/text: folded,
 * many of its entries collide with content syllables ("bộ" and "Bờ" in "Bờ Y", "đen" in "Măng
 * Đen" and "đền" in "đền bù", "tại" and "tài" in "tài khoản", "thì" and "thi"). These are the
 * frequent ones whose folded form is rarely anything else, or whose other reading is rare too.
 */
const FUNCTION_SYLLABLES: ReadonlySet<string> = new Set([
  "cua",
  "va",
  "la",
  "cac",
  "nhung",
  "mot",
  "duoc",
  "cho",
  "trong",
  "de",
  "voi",
  "nay",
  "da",
  "se",
  "ve",
  "ma",
  "nhu",
  "o",
  "khi",
  "cung",
  "con",
  "rang",
  "nen",
  "vi",
  "bi",
  "len",
  "ra",
  "vao",
  "nua",
  "roi",
  "oi",
  "a",
  "nha",
  "nhe",
  "ay",
  "day",
  "thoi",
  "lai",
  "hay",
  "hoac",
  "nao",
  "gi",
  "ai",
  "ta",
  "minh",
  "ho",
  "the",
  "vay",
  "neu",
  "sau",
  "truoc",
  "tren",
  "duoi",
  "giua",
  "qua",
  "moi",
  "nhieu",
  "rat",
  "cai",
  "chiec",
  "viec",
  "su",
  "cuoc",
  "nguoi",
  "nhung",
]);

export interface PreparedText {
  /** Folded syllables in order, social spellings expanded. */
  syllables: string[];
  /** `" " + syllables.join(" ") + " "`: a phrase occurs when `" " + phrase + " "` is inside it. */
  joined: string;
  /** Content syllables (function syllables dropped), in order. */
  content: string[];
  /** `bigrams[i]` is content syllables i and i + 1 joined by a space. */
  bigrams: string[];
  /** Content syllables and bigrams of consecutive content syllables. */
  shingles: ReadonlySet<string>;
}

/** Folded syllables of raw text, social spellings expanded ("ko dc" → "khong duoc"). */
export function foldedSyllables(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenizeText(text)) {
    const expanded = token.number ? undefined : SOCIAL_SPELLINGS.get(token.folded);
    if (expanded) out.push(...expanded);
    else out.push(token.folded);
  }
  return out;
}

/** Content unigrams and bigrams of folded syllables: the units claim similarity counts. */
export function contentShingles(syllables: readonly string[]): Set<string> {
  return shinglesOf(contentSyllables(syllables));
}

export function contentSyllables(syllables: readonly string[]): string[] {
  return syllables.filter((syllable) => !FUNCTION_SYLLABLES.has(syllable));
}

function shinglesOf(content: readonly string[]): Set<string> {
  const shingles = new Set<string>(content);
  for (let i = 0; i + 1 < content.length; i++) shingles.add(`${content[i]} ${content[i + 1]}`);
  return shingles;
}

export function prepareText(text: string): PreparedText {
  const syllables = foldedSyllables(text);
  const content = contentSyllables(syllables);
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < content.length; i++) bigrams.push(`${content[i]} ${content[i + 1]}`);
  return {
    syllables,
    joined: ` ${syllables.join(" ")} `,
    content,
    bigrams,
    shingles: new Set([...content, ...bigrams]),
  };
}

/**
 * Where each shingle of interest occurs: content-syllable positions of the unigram or of the
 * bigram's first syllable. Only shingles in `vocabulary` are kept, so what follows scans hits, not
 * the whole text.
 */
export function shinglePositions(
  text: PreparedText,
  vocabulary: ReadonlyMap<string, unknown>,
): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  const add = (shingle: string | undefined, at: number) => {
    if (shingle === undefined || !vocabulary.has(shingle)) return;
    const list = positions.get(shingle);
    if (list) list.push(at);
    else positions.set(shingle, [at]);
  };
  for (let i = 0; i < text.content.length; i++) {
    add(text.content[i], i);
    add(text.bigrams[i], i);
  }
  return positions;
}

/**
 * The largest share of `target`'s shingles found together within `window` consecutive content
 * syllables of the text: how much of one claim phrasing a passage repeats. Local, so a long
 * article does not resemble everything by having many words. `positions` comes from
 * `shinglePositions` with a vocabulary that holds the target's shingles.
 */
export function windowContainment(
  positions: ReadonlyMap<string, readonly number[]>,
  target: ReadonlySet<string>,
  window: number,
): number {
  if (target.size === 0) return 0;
  const hits: Array<[number, number]> = []; // [position, index of the shingle in target]
  let index = 0;
  for (const shingle of target) {
    for (const at of positions.get(shingle) ?? []) hits.push([at, index]);
    index++;
  }
  if (hits.length === 0) return 0;
  hits.sort((a, b) => a[0] - b[0]);
  const counts = new Uint32Array(target.size);
  let distinct = 0;
  let best = 0;
  let first = 0;
  for (const [at, shingle] of hits) {
    if (counts[shingle]!++ === 0) distinct++;
    while (hits[first]![0] <= at - window) {
      const leaving = hits[first++]![1];
      if (--counts[leaving]! === 0) distinct--;
    }
    if (distinct > best) best = distinct;
  }
  return best / target.size;
}

/** The folded form of a phrase as `prepareText` would search it: `" mang den "`. */
export function foldedPhrase(phrase: string): string {
  const syllables = foldedSyllables(phrase);
  return syllables.length ? ` ${syllables.join(" ")} ` : "";
}

/** True when the folded phrase (from `foldedPhrase`) occurs in the prepared text. */
export function containsPhrase(text: PreparedText, phrase: string): boolean {
  return phrase.length > 0 && text.joined.includes(phrase);
}
