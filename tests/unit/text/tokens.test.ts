import { describe, expect, it } from "vitest";
import {
  diacriticShare,
  foldSyllable,
  isUnmarked,
  ngrams,
  syllables,
  tokenize,
  tokenizeText,
} from "../../../src/text/tokens.ts";

describe("tokenize", () => {
  it("keeps whole Vietnamese syllables, which \\w would split", () => {
    expect(syllables("Đắk Hà, Ngọc Hồi")).toEqual(["đắk", "hà", "ngọc", "hồi"]);
    expect("Đắk".match(/\w+/g)).not.toEqual(["Đắk"]);
  });

  it("normalises before tokenising (NFD, tone placement)", () => {
    expect(syllables("Hoà bình thuỷ điện".normalize("NFD"))).toEqual(["hòa", "bình", "thủy", "điện"]);
  });

  it("gives folded forms and offsets into the normalised text", () => {
    const text = "Sâm Ngọc Linh";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.folded)).toEqual(["sam", "ngoc", "linh"]);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(["Sâm", "Ngọc", "Linh"]);
  });

  it("makes digit runs their own tokens", () => {
    const tokens = tokenizeText("Năm 2024 có 1.000 khách");
    expect(tokens.filter((t) => t.number).map((t) => t.text)).toEqual(["2024", "1", "000"]);
  });

  it("marks the first token of each sentence", () => {
    const tokens = tokenizeText("Mưa lớn. Đường sạt lở! Xe dừng lại\nngười dân chờ; xong");
    expect(tokens.filter((t) => t.sentenceStart).map((t) => t.text)).toEqual([
      "mưa",
      "đường",
      "xe",
      "người",
      "xong",
    ]);
  });

  it("does not end a sentence at a decimal point", () => {
    const tokens = tokenizeText("tăng 3.5 lần");
    expect(tokens.filter((t) => t.sentenceStart).map((t) => t.text)).toEqual(["tăng"]);
  });

  it("splits at apostrophes the same way in text and in names", () => {
    expect(syllables("Ia H'Drai")).toEqual(syllables("Ia H’Drai".replace("’", "'")));
    expect(syllables("Ia H'Drai")).toEqual(["ia", "h", "drai"]);
  });
});

describe("ngrams", () => {
  it("joins consecutive items", () => {
    expect(ngrams(["du", "lịch", "măng", "đen"], 2)).toEqual(["du lịch", "lịch măng", "măng đen"]);
    expect(ngrams(["a"], 2)).toEqual([]);
    expect(ngrams(["a", "b"], 1)).toEqual(["a", "b"]);
  });

  it("rejects n below 1", () => {
    expect(() => ngrams(["a"], 0)).toThrow(RangeError);
  });
});

describe("diacritics detection", () => {
  it("tells marked text from text typed without marks", () => {
    expect(isUnmarked(tokenizeText("Du lịch Măng Đen thu hút đông đảo du khách"))).toBe(false);
    expect(isUnmarked(tokenizeText("Du lich Mang Den thu hut dong dao du khach"))).toBe(true);
    expect(diacriticShare(tokenizeText("2024"))).toBe(0);
    expect(isUnmarked([])).toBe(false);
  });

  it("folds one syllable the same way every time", () => {
    expect(foldSyllable("đắk")).toBe("dak");
    expect(foldSyllable("đắk")).toBe("dak");
  });
});
