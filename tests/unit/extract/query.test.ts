// The compiled queries of src/extract/query.ts give what cheerio's `$(selector)`, `.first().attr()`
// and `.text()` give, element for element, on every page of the fixture web (outlets and hostile
// sites) and on a few malformed pages, for the kinds of selector the extraction uses.
import type { Element } from "domhandler";
import { describe, expect, it } from "vitest";
import { loadDocument } from "../../../src/extract/dom.ts";
import { attribute, queryAll, queryOne, textOf } from "../../../src/extract/query.ts";
import { ALL_SITES } from "../../fixtures/web/server.ts";
import { recordedDocument } from "../discover/recorded.ts";

const SELECTORS = [
  "meta",
  "html",
  "title",
  "h1",
  'link[rel~="canonical"]',
  'script[type="application/ld+json"]',
  "[itemprop=datePublished],[itemprop=dateModified]",
  "[class*=sapo],[id*=sapo],[class*=lead],[class*=summary]",
  "[class*=author],[class*=byline],[rel=author],[itemprop=author]",
  "[class*=breadcrumb] a, [class*=Breadcrumb] a, nav[aria-label*=readcrumb] a",
  "article time, header time, time[pubdate], [class*=date i],[class*=time i],[class*=meta i]",
  "article time[datetime], time[pubdate][datetime], header time[datetime]",
];

async function pages(): Promise<Array<{ name: string; html: string }>> {
  const out: Array<{ name: string; html: string }> = [];
  for (const site of ALL_SITES)
    for (const path of [...site.articles.map((article) => article.path), "/"]) {
      try {
        out.push({ name: `${site.name}${path}`, html: (await recordedDocument(site.name, path)).text });
      } catch {
        // A site without that page.
      }
    }
  out.push(
    { name: "unclosed head", html: "<html><head><title>T</title><div class='DATE'>1/2/2024</div>" },
    { name: "no html", html: "<p class='byline'>A</p><p class='sapo x'>B</p><h1>C</h1><h1>D</h1>" },
    { name: "empty", html: "" },
  );
  return out;
}

describe("compiled queries", () => {
  it("match what cheerio's selections give on the fixture web", async () => {
    const all = await pages();
    expect(all.length).toBeGreaterThan(40);
    let matched = 0;
    for (const { name, html } of all) {
      const $ = loadDocument(html, { xml: false, url: "http://x/" });
      const root = $.root()[0]!;
      for (const selector of SELECTORS) {
        const expected = $(selector).toArray() as Element[];
        const got = queryAll(root, selector);
        expect(got, `${name}: ${selector}`).toEqual(expected);
        expect(got.every((element, i) => element === expected[i])).toBe(true);
        expect(queryOne(root, selector)).toBe(expected[0] ?? null);
        expect(textOf(queryOne(root, selector) ?? [])).toBe($(selector).first().text());
        for (const name of ["href", "datetime", "lang", "content"])
          expect(attribute(queryOne(root, selector), name)).toBe($(selector).first().attr(name));
        matched += expected.length;
      }
    }
    // The selectors do find elements on these pages: the comparison is not between empty lists.
    expect(matched).toBeGreaterThan(300);
  });
});
