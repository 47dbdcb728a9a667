/**
 * Counting characters by class without building strings: `text.replace(/\s+/g, "").length` and
 * friends allocate a copy of every text node and paragraph of every page, which showed in the crawl's
 * CPU profile. Each count here equals the regular-expression form it replaces, by construction: a
 * UTF-16 code unit is classified by the very same regular expression the first time it is met, and
 * the answer is kept in a table (65,536 entries, filled lazily).
 */

const WHITESPACE = /\s/;
const LETTER = /\p{L}/u;

// Bit 0: classified; bit 1: /\s/; bit 2: /\p{L}/u (a BMP code point; surrogates are handled apart).
const KNOWN = 1;
const SPACE = 2;
const LETTER_BIT = 4;
const classes = new Uint8Array(65_536);

function classOf(code: number): number {
  let bits = classes[code]!;
  if (bits === 0) {
    const char = String.fromCharCode(code);
    bits = KNOWN | (WHITESPACE.test(char) ? SPACE : 0) | (LETTER.test(char) ? LETTER_BIT : 0);
    classes[code] = bits;
  }
  return bits;
}

/** `text.replace(/\s/g, "").length`: the code units that are not whitespace. */
export function nonSpaceLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if ((classOf(text.charCodeAt(i)) & SPACE) === 0) count++;
  return count;
}

/**
 * Whether `text.replace(/[\s\u200b]+/g, " ").trim()` would give `text` back: no whitespace at
 * either end, none doubled, and every one a plain space (most paragraphs already are).
 */
export function isCollapsed(text: string): boolean {
  let previousSpace = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x200b || (classOf(code) & SPACE) !== 0) {
      if (code !== 0x20 || previousSpace) return false;
      previousSpace = true;
    } else previousSpace = false;
  }
  return !previousSpace || text.length === 0;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * `text.replace(/[^\p{L}]/gu, "").length` (letters, in code units) and how many code points
 * `marked` matches, in one pass. `marked` must be a single-character class of BMP characters with
 * the `u` flag (and no `g`), e.g. /[ăâđ]/iu; the count equals `text.match(<it with g>).length`.
 */
export function letterCounts(text: string, marked: RegExp): { letters: number; marked: number } {
  let letters = 0;
  let count = 0;
  const table = markedTable(marked);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is one code point, outside the BMP: a letter or not, never `marked`.
    if (isHigh(code) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      if (LETTER.test(text.slice(i, i + 2))) letters += 2;
      i++;
      continue;
    }
    if ((classOf(code) & LETTER_BIT) !== 0) letters++;
    if (matches(table, marked, code)) count++;
  }
  return { letters, marked: count };
}

const markedTables = new WeakMap<RegExp, Uint8Array>();

function markedTable(marked: RegExp): Uint8Array {
  let table = markedTables.get(marked);
  if (!table) {
    table = new Uint8Array(65_536);
    markedTables.set(marked, table);
  }
  return table;
}

/** Whether a BMP code unit matches `marked`, remembered in its table like the classes above. */
function matches(table: Uint8Array, marked: RegExp, code: number): boolean {
  let bits = table[code]!;
  if (bits === 0) {
    // A lone surrogate is a code point of its own under the u flag: tested as one, like the rest.
    bits = marked.test(String.fromCharCode(code)) ? 2 : 1;
    table[code] = bits;
  }
  return bits === 2;
}
