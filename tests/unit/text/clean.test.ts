import { describe, expect, it } from "vitest";
import { cleanText, stripDiacritics } from "../../../src/text/clean.ts";

describe("cleanText", () => {
  it("removes invisible characters and collapses spaces", () => {
    expect(cleanText("  Kon\u200b Tum\u00a0\u00a0 đẹp \t lắm  ")).toBe("Kon Tum đẹp lắm");
  });

  it("unifies quotes, dashes and ellipses", () => {
    expect(cleanText("“Măng Đen” – ‘đẹp’...")).toBe("\"Măng Đen\" - 'đẹp'…");
  });

  it("keeps paragraph breaks as single newlines", () => {
    expect(cleanText("Đoạn một.\r\n\r\n   Đoạn hai.")).toBe("Đoạn một.\nĐoạn hai.");
  });

  it("normalises Vietnamese", () => {
    expect(cleanText("hoà".normalize("NFD"))).toBe("hòa");
  });
});

describe("stripDiacritics", () => {
  it("keeps case and letters, drops marks", () => {
    expect(stripDiacritics("Đắk Hà, Sâm Ngọc Linh")).toBe("Dak Ha, Sam Ngoc Linh");
  });
});
