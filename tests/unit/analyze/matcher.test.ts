import { describe, expect, it } from "vitest";
import { phraseKeys } from "../../../src/analyze/lexicon.ts";
import { PhraseMatcher } from "../../../src/analyze/matcher.ts";
import { tokenizeText } from "../../../src/text/tokens.ts";

function matcher(key: "text" | "folded", phrases: string[]) {
  const m = new PhraseMatcher<string>(key);
  for (const p of phrases) m.add(phraseKeys(p)[key], p);
  return m;
}

describe("PhraseMatcher", () => {
  it("takes the longest phrase at a position and does not count its parts", () => {
    const m = matcher("text", ["khoáng sản", "khai thác khoáng sản trái phép"]);
    const found = m.match(
      tokenizeText("Bắt nhóm khai thác khoáng sản trái phép ở Đăk Glei, thu giữ khoáng sản."),
    );
    expect(found.map((f) => f.values[0])).toEqual(["khai thác khoáng sản trái phép", "khoáng sản"]);
  });

  it("never matches across a sentence boundary", () => {
    const m = matcher("text", ["du lịch"]);
    expect(m.match(tokenizeText("Khách đi du. Lịch trình dài"))).toHaveLength(0);
    expect(m.match(tokenizeText("Khách đi du lịch"))).toHaveLength(1);
  });

  it("matches with or without diacritics depending on its key", () => {
    const exact = matcher("text", ["Măng Đen"]);
    const folded = matcher("folded", ["Măng Đen"]);
    expect(exact.match(tokenizeText("du lich Mang Den"))).toHaveLength(0);
    expect(folded.match(tokenizeText("du lich Mang Den"))).toHaveLength(1);
    expect(exact.match(tokenizeText("MĂNG ĐEN mùa hoa"))).toHaveLength(1);
  });

  it("reports token spans and keeps every value of a shared phrase", () => {
    const m = new PhraseMatcher<string>("text");
    m.add(["cà", "phê"], "agriculture");
    m.add(["cà", "phê"], "economy");
    m.add(["cà", "phê"], "economy");
    const [found] = m.match(tokenizeText("Giá cà phê tăng"));
    expect(found).toMatchObject({ start: 1, end: 3 });
    expect(found!.values).toEqual(["agriculture", "economy"]);
    expect(m.size).toBe(1);
  });
});

describe("isSafeFolded", () => {
  it("keeps multi-syllable and unmarked phrases, drops single marked syllables", async () => {
    const { isSafeFolded } = await import("../../../src/analyze/lexicon.ts");
    expect(isSafeFolded(phraseKeys("Lào"))).toBe(false);
    expect(isSafeFolded(phraseKeys("OCOP"))).toBe(true);
    expect(isSafeFolded(phraseKeys("cà phê"))).toBe(true);
  });
});

describe("prepareDocument", () => {
  it("cleans each field and tells unmarked text", async () => {
    const { prepareDocument, surface } = await import("../../../src/analyze/document.ts");
    const doc = prepareDocument({ title: "  Hoà  bình ", body: null });
    expect(doc.fields[0]!.text).toBe("Hòa bình");
    expect(surface(doc.fields[0]!, 0, 2)).toBe("Hòa bình");
    expect(doc.fields[2]!.tokens).toEqual([]);
    expect(prepareDocument({ title: "Hoa binh" }).unmarked).toBe(true);
    expect(doc.unmarked).toBe(false);
  });
});
