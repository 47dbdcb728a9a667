// The string-free counts of src/extract/chars.ts against the regular-expression forms they replace,
// on texts built from the characters where the two could disagree (every kind of whitespace, the
// zero-width space, astral letters, lone surrogates, Vietnamese letters in both cases), and the
// length-bounded inlineText against the whole text.
import { describe, expect, it } from "vitest";
import { isCollapsed, letterCounts, nonSpaceLength } from "../../../src/extract/chars.ts";
import { loadDocument } from "../../../src/extract/dom.ts";
import { vietnameseLetterRatio } from "../../../src/extract/language.ts";
import { inlineText } from "../../../src/extract/text.ts";

const PIECES = [
  "a",
  "Z",
  "đ",
  "Đ",
  "ệ",
  "Ệ",
  "ơ",
  "Ư",
  "1",
  ",",
  " ",
  "  ",
  "\t",
  "\n",
  "\r\n",
  "\u00a0",
  "\u1680",
  "\u2003",
  "\u2028",
  "\u202f",
  "\u3000",
  "\ufeff",
  "\u200b",
  "𝐀", // an astral letter (a surrogate pair)
  "😀", // an astral symbol
  "\ud800", // a lone high surrogate
  "\udc00", // a lone low surrogate
  "漢",
  "e\u0301", // a combining mark
];

/** A deterministic pseudo-random sequence (a linear congruential generator). */
function texts(count: number, seed = 7): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state;
  };
  return Array.from({ length: count }, () => {
    const length = next() % 24;
    return Array.from({ length }, () => PIECES[next() % PIECES.length]).join("");
  });
}

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;
const VIETNAMESE_ALL = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;
const SAMPLES = [...texts(3000), "", " ", "Người dân  Kon Tum ", "\ud83d\ude00\ud800x"];

describe("character counts without building strings", () => {
  it("nonSpaceLength equals the length without /\\s/", () => {
    for (const text of SAMPLES) expect(nonSpaceLength(text)).toBe(text.replace(/\s/g, "").length);
  });

  it("letterCounts equals the letters left by /[^\\p{L}]/u and the matches of the class", () => {
    for (const text of SAMPLES)
      expect(letterCounts(text, VIETNAMESE)).toEqual({
        letters: text.replace(/[^\p{L}]/gu, "").length,
        marked: text.match(VIETNAMESE_ALL)?.length ?? 0,
      });
  });

  it("isCollapsed is true exactly when collapsing whitespace changes nothing", () => {
    let collapsed = 0;
    for (const text of SAMPLES) {
      const expected = text.replace(/[\s\u00a0\u200b\ufeff]+/g, " ").trim() === text;
      expect(isCollapsed(text), JSON.stringify(text)).toBe(expected);
      if (expected) collapsed++;
    }
    // The samples exercise both answers.
    expect(collapsed).toBeGreaterThan(100);
    expect(collapsed).toBeLessThan(SAMPLES.length - 100);
  });

  it("vietnameseLetterRatio counts Vietnamese letters of either case among all letters", () => {
    expect(vietnameseLetterRatio("Đắk Hà")).toBeCloseTo(2 / 5);
    expect(vietnameseLetterRatio("1234 !!")).toBe(0);
    expect(vietnameseLetterRatio("English text only")).toBe(0);
  });
});

describe("inlineText with a length bound", () => {
  const page = (body: string) => loadDocument(`<html><body>${body}</body></html>`, { xml: false, url: "x" });
  const paragraphs = Array.from(
    { length: 40 },
    (_, i) => `<p>Đoạn văn số ${i} <b>về</b> tỉnh  Kon Tum,<br>dòng mới.</p>`,
  );

  it("gives a prefix of the whole text at least as long as the bound, or the whole text", () => {
    for (const body of [
      paragraphs.join(""),
      `<div>${paragraphs.join("")}</div>`,
      "chữ <i>rời</i> ngoài thẻ",
    ]) {
      const $ = page(body);
      const roots = $("body").toArray();
      const whole = inlineText(roots);
      for (const bound of [0, 1, 10, 37, 300, 5000]) {
        const part = inlineText(roots, bound);
        expect(whole.startsWith(part)).toBe(true);
        expect(part.length >= Math.min(bound, whole.length)).toBe(true);
      }
      expect(inlineText(roots, 10_000)).toBe(whole);
    }
  });

  it("stops early on a long subtree", () => {
    const $ = page(paragraphs.join(""));
    const roots = $("body").toArray();
    expect(inlineText(roots, 50).length).toBeLessThan(inlineText(roots).length / 10);
  });
});
