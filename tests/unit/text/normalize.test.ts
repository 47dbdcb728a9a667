import { describe, expect, it } from "vitest";
import {
  foldDiacritics,
  normalizeVietnamese,
  tonePlacementVariants,
  traditionalTonePlacement,
} from "../../../src/text/normalize.ts";

describe("normalizeVietnamese", () => {
  it("recomposes NFD input", () => {
    const nfd = "Đắk Hà, Kon Tum".normalize("NFD");
    expect(nfd).not.toBe("Đắk Hà, Kon Tum");
    expect(normalizeVietnamese(nfd)).toBe("Đắk Hà, Kon Tum");
  });

  it("moves new-style tone marks of open syllables to the traditional place", () => {
    expect(normalizeVietnamese("hoà bình, khoẻ mạnh, thuỷ điện")).toBe("hòa bình, khỏe mạnh, thủy điện");
    expect(normalizeVietnamese("HOÀ BÌNH")).toBe("HÒA BÌNH");
  });

  it("leaves closed syllables and qu- syllables alone", () => {
    expect(normalizeVietnamese("hoàng huỳnh quà quý")).toBe("hoàng huỳnh quà quý");
  });

  it("is idempotent", () => {
    const once = normalizeVietnamese("Thuỷ điện Ya Ly hoà lưới");
    expect(normalizeVietnamese(once)).toBe(once);
  });
});

describe("traditionalTonePlacement", () => {
  it("handles a single syllable", () => {
    expect(traditionalTonePlacement("toả")).toBe("tỏa");
    expect(traditionalTonePlacement("toàn")).toBe("toàn");
  });
});

describe("foldDiacritics", () => {
  it("drops every mark, maps đ and lower-cases", () => {
    expect(foldDiacritics("Đắk Hà Sâm Ngọc Linh")).toBe("dak ha sam ngoc linh");
    expect(foldDiacritics("ĐĂK GLEI")).toBe("dak glei");
  });
});

describe("tonePlacementVariants", () => {
  it("pairs every differing ending in three cases with five tones", () => {
    const pairs = tonePlacementVariants();
    expect(pairs).toHaveLength(3 * 5 * 3);
    expect(pairs).toContainEqual(["oà", "òa"]);
    for (const [newStyle, traditional] of pairs)
      expect(normalizeVietnamese(`h${newStyle}`)).toBe(`h${traditional}`);
  });
});
