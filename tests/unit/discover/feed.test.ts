// Feeds as they are found in the wild, including the recorded feeds of the fixture outlets.
import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/discover/feed.ts";
import { sanitizeXml } from "../../../src/discover/sanitizeXml.ts";
import { recordedDocument } from "./recorded.ts";

describe("parseFeed", () => {
  it("reads RSS 2.0 behind a BOM and blank lines, with dc:creator carrying attributes", async () => {
    const { text, base } = await recordedDocument("baokontum", "/rss/thoi-su.rss");
    const feed = await parseFeed(text, base);
    expect(feed.ok).toBe(true);
    if (!feed.ok) return;
    expect(feed.format).toBe("rss2");
    expect(feed.entries).toHaveLength(6);
    const [first] = feed.entries;
    expect(first?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/thoi-su\/[a-z0-9-]+\.html$/); // utm and fragment gone
    expect(first?.publishedRaw).toMatch(/^\w{3}, \d{2} \w{3} 2024 \d{2}:\d{2}:00 \+0700$/);
    expect(first?.author).toBe("Thu Hằng");
  });

  it("reads Atom and keeps an unreadable <published> instead of losing the feed", async () => {
    const { text, base } = await recordedDocument("vietnamplus", "/rss/xahoi.atom");
    const feed = await parseFeed(text, base);
    expect(feed.ok && feed.format).toBe("atom");
    if (!feed.ok) return;
    expect(feed.entries).toHaveLength(6);
    expect(feed.entries[2]?.publishedRaw).toBe("không rõ");
    expect(feed.entries[0]?.publishedRaw).toMatch(/^2024-\d{2}-\d{2}T\d{2}:\d{2}:00\+07:00$/);
  });

  it("reads RSS 1.0 (RDF) with dc:date and bare & in query strings", async () => {
    const { text, base } = await recordedDocument("congthongtin", "/rss/tin-tuc-su-kien.rss");
    const feed = await parseFeed(text, base);
    expect(feed.ok && feed.format).toBe("rss1");
    if (!feed.ok) return;
    expect(feed.entries).toHaveLength(5);
    expect(feed.entries[0]?.url).toMatch(/ChiTietTin\.aspx\?ItemID=\d+&CateID=5$/);
    expect(feed.entries[0]?.title).toMatch(/[ỷạđ]/u);
  });

  it("survives a PHP notice before the declaration and lists duplicates once per URL spelling", async () => {
    const { text, base } = await recordedDocument("sggp", "/rss/xa-hoi.rss");
    const feed = await parseFeed(text, base);
    expect(feed.ok).toBe(true);
    if (!feed.ok) return;
    expect(feed.entries).toHaveLength(6);
    expect(new Set(feed.entries.map((entry) => entry.url)).size).toBe(5);
  });

  it("survives bare &, HTML entities, a missing and an invalid pubDate", async () => {
    const { text, base } = await recordedDocument("dddn", "/rss/kinh-te.rss");
    const feed = await parseFeed(text, base);
    expect(feed.ok).toBe(true);
    if (!feed.ok) return;
    expect(feed.entries).toHaveLength(5);
    expect(feed.entries[1]?.publishedRaw).toBeUndefined();
    expect(feed.entries[3]?.publishedRaw).toBe("Thứ Hai");
    expect(feed.entries[0]?.title).toContain("Kinh tế & Đầu tư");
  });

  it("reads content:encoded and author objects from inline RSS", async () => {
    const xml = `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
      <item><title>A &amp; B</title><guid isPermaLink="true">https://x.vn/a</guid><dc:creator><![CDATA[Minh Châu]]></dc:creator><content:encoded><![CDATA[<p>a & b</p>]]></content:encoded></item>
      <item><title>No link</title><guid isPermaLink="false">123</guid></item></channel></rss>`;
    const feed = await parseFeed(xml, "https://x.vn/rss");
    expect(feed.ok && feed.entries).toEqual([{ url: "https://x.vn/a", title: "A & B", author: "Minh Châu" }]);
  });

  it("returns a parse failure as a value for truly broken XML", async () => {
    const feed = await parseFeed(
      '<?xml version="1.0"?><rss version="2.0"><channel><title>T<item>',
      "https://x.vn/rss",
    );
    expect(feed.ok).toBe(false);
    expect(!feed.ok && feed.error.kind).toBe("parse");
    const html = await parseFeed("<html><body>Not a feed</body></html>", "https://x.vn/rss");
    expect(!html.ok && html.error.message).toContain("no RSS");
  });

  it("reads each feed on its own: a broken one changes nothing for the next", async () => {
    const feed = (items: string, prolog = "") =>
      `<?xml version="1.0"?>${prolog}<rss version="2.0"><channel><title>Báo Kon Tum</title>${items}</channel></rss>`;
    const item = (i: number) =>
      `<item><title>Tin ${i}</title><link>https://baokontum.vn/tin-${i}.html</link></item>`;
    const broken = feed(
      Array.from({ length: 2_000 }, (_, i) => `<item><title lang=vi>Tin ${i} <b x=1></title></item>`).join(
        "",
      ),
    );
    const twoDoctypes = feed(item(1), "<!DOCTYPE a><!DOCTYPE b>");
    // rss-parser on its own, with a fresh parser, is the reference for both.
    const alone = await new Parser().parseString(twoDoctypes).then(
      () => "parsed",
      (error: Error) => error.message.split("\n")[0],
    );
    expect(alone).toBe("Inappropriately located doctype declaration");

    const first = await parseFeed(broken, "https://baokontum.vn/rss");
    expect(!first.ok && first.error.message).toMatch(
      /^malformed rss2 feed: Unquoted attribute value Line: 0/,
    );
    // A shared rss-parser accepted this one after the broken feed, and read the broken feed's
    // thousands of faults to the end.
    const second = await parseFeed(twoDoctypes, "https://baokontum.vn/rss");
    expect(!second.ok && second.error.message).toContain(alone);
    const third = await parseFeed(feed(item(1) + item(2)), "https://baokontum.vn/rss");
    expect(third.ok && third.entries.map((e) => e.url)).toEqual([
      "https://baokontum.vn/tin-1.html",
      "https://baokontum.vn/tin-2.html",
    ]);
  });
});

describe("sanitizeXml", () => {
  it("repairs outside CDATA only", () => {
    expect(sanitizeXml("\uFEFF  <rss><t>A & B&nbsp;C</t><![CDATA[x & y]]></rss>")).toBe(
      "<rss><t>A &amp; B\u00a0C</t><![CDATA[x & y]]></rss>",
    );
  });
  it("removes control characters XML forbids", () => {
    expect(sanitizeXml("<rss>a\u0001b\u000bc</rss>")).toBe("<rss>abc</rss>");
  });
});
