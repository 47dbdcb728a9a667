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

describe("UTF-8 validity", () => {
  // decodeBody checks validity with node:buffer's isUtf8, which does not build the text; it must
  // accept exactly what the WHATWG decoder accepts with `fatal` (what the check used to be).
  const fatal = (bytes: Uint8Array) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      return true;
    } catch {
      return false;
    }
  };
  const crafted = [
    [],
    [0x41],
    [0xef, 0xbb, 0xbf, 0x41], // a BOM
    [0xc3, 0xa9], // é
    [0xc0, 0x80], // an overlong NUL
    [0xed, 0xa0, 0x80], // a surrogate
    [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
    [0xf0, 0x9f, 0x98, 0x80], // 😀
    [0xe1, 0xbb], // cut short
    [0x80],
    [0xff, 0xfe],
  ];
  it("agrees with a fatal TextDecoder on crafted and random bytes", async () => {
    const { isUtf8 } = await import("node:buffer");
    let state = 11;
    const random = Array.from({ length: 5000 }, () =>
      Array.from({ length: 1 + (state % 9) }, () => {
        state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
        // Mostly bytes that start or continue multi-byte sequences.
        return state % 4 === 0 ? state % 128 : 0x80 + (state % 128);
      }),
    );
    let valid = 0;
    for (const list of [...crafted, ...random]) {
      const bytes = Uint8Array.from(list);
      expect(isUtf8(bytes), JSON.stringify(list)).toBe(fatal(bytes));
      if (fatal(bytes)) valid++;
    }
    expect(valid).toBeGreaterThan(20);
  });

  it("reports invalid UTF-8 under a UTF-8 label", () => {
    const bytes = Buffer.concat([Buffer.from(VIETNAMESE), Buffer.from([0xed, 0xa0, 0x80])]);
    expect(decodeBody(bytes, "text/html; charset=utf-8").problem).toBe("invalid-utf8");
    expect(decodeBody(Buffer.from(VIETNAMESE), "text/html; charset=utf-8").problem).toBeUndefined();
  });
});
