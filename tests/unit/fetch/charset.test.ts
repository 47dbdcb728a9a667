import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { charsetFromContentType, charsetFromMarkup, decodeBody } from "../../../src/fetch/charset.ts";
import { toWindows1258 } from "../../fixtures/web/encode.ts";

const VIETNAMESE = "Lễ hội Văn hóa - Du lịch Măng Đen, huyện Kon Plông";

describe("decodeBody", () => {
  it("lets a byte-order mark win over a wrong header", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VIETNAMESE)]);
    expect(decodeBody(bytes, "text/html; charset=windows-1252")).toMatchObject({
      text: VIETNAMESE,
      source: "bom",
    });
  });

  it("reads windows-1258 declared only in the XML declaration", () => {
    const xml = `<?xml version="1.0" encoding="windows-1258"?><t>${VIETNAMESE}</t>`;
    const decoded = decodeBody(toWindows1258(xml), "text/xml");
    expect(decoded.source).toBe("xml-declaration");
    expect(decoded.text.normalize("NFC")).toContain(VIETNAMESE);
  });

  it("reads windows-1258 declared in <meta http-equiv>", () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><p>${VIETNAMESE}</p>`;
    const decoded = decodeBody(toWindows1258(html), "text/html");
    expect(decoded).toMatchObject({ charset: "windows-1258", source: "meta" });
    expect(decoded.text.normalize("NFC")).toContain(VIETNAMESE);
  });

  it("treats UTF-8 labelled iso-8859-1 as UTF-8", () => {
    expect(decodeBody(Buffer.from(VIETNAMESE), "text/html; charset=iso-8859-1")).toMatchObject({
      text: VIETNAMESE,
      source: "utf8-override",
    });
  });

  it("keeps real Latin-1 as Latin-1", () => {
    const bytes = iconv.encode("Café crème", "latin1");
    expect(decodeBody(bytes, "text/html; charset=iso-8859-1").text).toBe("Café crème");
  });

  it("prefers the page's own charset over a server's default Western label", () => {
    const html = `<meta charset="windows-1258"><p>${VIETNAMESE}</p>`;
    const decoded = decodeBody(toWindows1258(html), "text/html; charset=ISO-8859-1");
    expect(decoded.charset).toBe("windows-1258");
    expect(decoded.text.normalize("NFC")).toContain(VIETNAMESE);
  });

  it("falls back to UTF-8 for unknown or missing labels", () => {
    expect(decodeBody(Buffer.from(VIETNAMESE), "text/html; charset=x-unknown").text).toBe(VIETNAMESE);
    expect(decodeBody(Buffer.from(VIETNAMESE)).source).toBe("default");
  });
});

describe("charset sniffing", () => {
  it("reads Content-Type and markup declarations", () => {
    expect(charsetFromContentType('text/html; charset="UTF-8"')).toBe("utf-8");
    expect(charsetFromContentType("text/html")).toBeNull();
    expect(charsetFromMarkup('<?xml version="1.0" encoding="TCVN"?>')).toEqual({
      charset: "tcvn",
      source: "xml-declaration",
    });
    expect(charsetFromMarkup("<meta charset=utf-8>")).toEqual({ charset: "utf-8", source: "meta" });
  });
});
