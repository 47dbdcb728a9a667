/**
 * Old Vietnamese encodings, one page per encoding, each written byte by byte from the published
 * tables (windows-1258 through the fixture encoder, TCVN3 and VNI as the windows-1252 characters
 * their fonts draw as Vietnamese letters), never through the decoder under test.
 */
import { describe, expect, it } from "vitest";
import { decodeBody } from "../../../src/fetch/charset.ts";
import { detectLegacyVietnamese, vniToUnicode } from "../../../src/fetch/vietnameseLegacy.ts";
import { toWindows1258 } from "../../fixtures/web/encode.ts";

const TEXT =
  "Lễ hội Văn hóa - Du lịch Măng Đen năm nay thu hút đông đảo người dân và du khách. Trường học, thời tiết, Việt Nam.";
// The same sentence as TCVN3 (ABC) bytes, one byte per letter: ễ=Ô ộ=é ă=¨ ó=ã ị=Þ Đ=§ đ=® ả=¶ ư=­ ờ=ê â=© à=µ á=¸ ơ=¬ ê=ª ế=Õ ệ=Ö
const TCVN3 =
  "LÔ héi V¨n hãa - Du lÞch M¨ng §en n¨m nay thu hót ®«ng ®¶o ng\u00adêi d©n vµ du kh¸ch. Tr\u00adêng häc, thêi tiÕt, ViÖt Nam.";
// And as VNI: a base letter then a mark (ø ` ù ´ û ? õ ~ ï . â ^ ê breve; á à å ã ä ^+tone; é è ú ü ë breve+tone), ñ=đ ö=ư ô=ơ ò=ị.
const VNI =
  "Leã hoäi Vaên hoùa - Du lòch Maêng Ñen naêm nay thu huùt ñoâng ñaûo ngöôøi daân vaø du khaùch. Tröôøng hoïc, thôøi tieát, Vieät Nam.";

const page = (head: string, body: string) =>
  `<html><head>${head}<title>Tin tức</title></head><body><div class="content"><p>${body}</p><p>${body}</p></div></body></html>`;

describe("old Vietnamese encodings", () => {
  it("reads undeclared windows-1258 and composes its tone marks", () => {
    const bytes = toWindows1258(page("", TEXT));
    const decoded = decodeBody(bytes, "text/html");
    expect(decoded).toMatchObject({ charset: "windows-1258", source: "detected" });
    expect(decoded.text).toContain(TEXT);
  });

  it("reads windows-1258 behind a Western label", () => {
    const decoded = decodeBody(toWindows1258(page("", TEXT)), "text/html; charset=iso-8859-1");
    expect(decoded.charset).toBe("windows-1258");
    expect(decoded.text).toContain(TEXT);
  });

  it("converts a TCVN3 page named by its .VnTime font", () => {
    const html = page('<meta charset="windows-1252"><style>p{font-family:".VnTime"}</style>', TCVN3);
    const decoded = decodeBody(Buffer.from(html, "latin1"), "text/html");
    expect(decoded).toMatchObject({ charset: "tcvn3", source: "detected" });
    expect(decoded.text).toContain(TEXT);
  });

  it("converts a TCVN3 page without a font name, from its bytes", () => {
    const decoded = decodeBody(Buffer.from(page("", TCVN3), "latin1"));
    expect(decoded.charset).toBe("tcvn3");
    expect(decoded.text).toContain(TEXT);
  });

  it("converts a VNI page named by its VNI-Times font", () => {
    const html = page("", `<font face="VNI-Times">${VNI}</font>`);
    const decoded = decodeBody(Buffer.from(html, "latin1"), "text/html; charset=windows-1252");
    expect(decoded).toMatchObject({ charset: "vni", source: "detected" });
    expect(decoded.text).toContain(TEXT);
  });

  it("converts a VNI page without a font name, from its bytes", () => {
    const decoded = decodeBody(Buffer.from(page("", VNI), "latin1"));
    expect(decoded.charset).toBe("vni");
    expect(decoded.text).toContain(TEXT);
  });

  it("leaves French and German in windows-1252 alone", () => {
    const french =
      "Où est la gare? Le garçon a mangé une crème brûlée à côté du théâtre, naïve et sûre. Über die Brücke gehen wir öfter, schön.";
    const bytes = Buffer.from(page('<meta charset="windows-1252">', french.repeat(5)), "latin1");
    expect(detectLegacyVietnamese(bytes, "windows-1252")).toBeNull();
    expect(decodeBody(bytes).text).toContain(french);
  });

  it("records UTF-8 it cannot read instead of passing mojibake on silently", () => {
    const bytes = Buffer.concat([
      Buffer.from(page('<meta charset="utf-8">', "abc")),
      Buffer.from([0xff, 0xfe, 0x41]),
    ]);
    expect(decodeBody(bytes).problem).toBe("invalid-utf8");
  });

  it("takes valid UTF-8 for UTF-8 whatever legacy charset the page still declares", () => {
    const bytes = Buffer.from(page('<meta charset="gb2312">', "DeepMind 新电脑已可利用记忆自学"));
    expect(decodeBody(bytes)).toMatchObject({ charset: "utf-8", source: "utf8-override" });
  });

  it("maps VNI's pairs and one-byte letters in one pass (an ó from a pair is not VNI's ĩ)", () => {
    expect(vniToUnicode("hoùa ñoù lóa")).toBe("hóa đó lĩa");
  });
});
