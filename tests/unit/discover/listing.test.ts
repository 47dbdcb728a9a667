import { describe, expect, it } from "vitest";
import { parseListing } from "../../../src/discover/listing.ts";
import { recordedDocument } from "./recorded.ts";

describe("parseListing", () => {
  it("takes the first link of each matched card, resolved against <base href>, tracking stripped", async () => {
    const { text, base } = await recordedDocument("krt", "/tin-tuc");
    const entries = parseListing(text, base, ".list-news .story h3");
    expect(entries).toHaveLength(7);
    expect(entries.every((entry) => !entry.url.includes("utm_") && !entry.url.includes("#"))).toBe(true);
    expect(entries.filter((entry) => entry.url.includes("/private/"))).toHaveLength(1);
    expect(entries[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tin-tuc\/\d+\/[a-z0-9-]+\.html$/);
  });

  it("accepts a selector of links and de-duplicates", () => {
    const html = `<div class="l"><a href="/a">A</a><a href="/a#c">A again</a><a title="B title" href="b">B</a><a>no href</a></div>`;
    expect(parseListing(html, "https://x.vn/muc/", ".l a")).toEqual([
      { url: "https://x.vn/a", title: "A" },
      { url: "https://x.vn/muc/b", title: "B title" },
    ]);
  });

  it("returns nothing when the selector no longer matches (a redesign)", () => {
    expect(
      parseListing("<div class='new-layout'><a href='/a'>A</a></div>", "https://x.vn/", ".list-news a"),
    ).toEqual([]);
  });
});
