/**
 * A phrase matcher over syllable tokens: a trie keyed by syllable, walked from every token, taking
 * the longest phrase that starts there and skipping past it (so "khai thác khoáng sản trái phép"
 * counts once, not also as "khoáng sản"). Phrases never span a sentence boundary.
 *
 * Each matcher is built for one key: `text` (with diacritics) or `folded` (without), so the same
 * vocabulary can be matched exactly in marked text and accent-insensitively in unmarked text.
 */
import type { Token } from "../text/tokens.ts";

interface Node<T> {
  next: Map<string, Node<T>>;
  values: T[] | null;
}

export interface PhraseMatch<T> {
  /** Token index of the first and one past the last syllable. */
  start: number;
  end: number;
  values: readonly T[];
}

export type TokenKey = "text" | "folded";

export class PhraseMatcher<T> {
  private readonly root: Node<T> = { next: new Map(), values: null };
  private phrases = 0;

  constructor(readonly key: TokenKey) {}

  get size(): number {
    return this.phrases;
  }

  /** Adds a phrase given as its syllables (already lower-case, in this matcher's key form). */
  add(syllables: readonly string[], value: T): void {
    if (syllables.length === 0) return;
    let node = this.root;
    for (const syllable of syllables) {
      let child = node.next.get(syllable);
      if (!child) {
        child = { next: new Map(), values: null };
        node.next.set(syllable, child);
      }
      node = child;
    }
    if (!node.values) {
      node.values = [];
      this.phrases++;
    }
    if (!node.values.includes(value)) node.values.push(value);
  }

  /** Longest, non-overlapping matches, left to right. */
  match(tokens: readonly Token[]): PhraseMatch<T>[] {
    const found: PhraseMatch<T>[] = [];
    const key = this.key;
    let i = 0;
    while (i < tokens.length) {
      let node = this.root.next.get(tokens[i]![key]);
      let bestEnd = -1;
      let bestValues: T[] | null = null;
      let j = i;
      while (node) {
        j++;
        if (node.values) {
          bestEnd = j;
          bestValues = node.values;
        }
        if (j >= tokens.length || tokens[j]!.sentenceStart) break;
        node = node.next.get(tokens[j]![key]);
      }
      if (bestValues) {
        found.push({ start: i, end: bestEnd, values: bestValues });
        i = bestEnd;
      } else {
        i++;
      }
    }
    return found;
  }
}
