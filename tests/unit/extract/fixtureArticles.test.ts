// Every article page of the fixture outlets (except the JavaScript-rendered one, which has no text
// without a browser) extracted exactly: title, body and publication time, as served.

import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { extractArticle } from "../../../src/extract/extract.ts";
import { normalizeVietnamese } from "../../../src/text/normalize.ts";
import { bodyText, utcIso } from "../../fixtures/web/format.ts";
import { OUTLET_SITES } from "../../fixtures/web/server.ts";
import { FAKE_ORIGIN, recordedDocument } from "../discover/recorded.ts";

const cases = OUTLET_SITES.filter((site) => site.name !== "daibieu").flatMap((site) =>
  site.articles.map((article) => ({ site, article, name: `${site.name} ${article.path}` })),
);

describe("extractArticle on the fixture outlets", () => {
  it.each(cases)("$name", async ({ site, article }) => {
    const { text, base } = await recordedDocument(site.name, article.path);
    const origin = FAKE_ORIGIN(site.name);
    const config = parse(
      JSON.stringify(site.sources({ name: site.name, origin, port: 0, originOf: FAKE_ORIGIN })),
    ) as { extract?: Record<string, unknown> };
    const extraction = extractArticle(text, {
      url: base,
      selectors: config.extract ? { remove: [], ...config.extract } : undefined,
      fetchedAt: new Date("2024-07-01T00:00:00Z"),
    });
    expect(extraction.title).toBe(normalizeVietnamese(article.story.title));
    expect(extraction.body).toBe(normalizeVietnamese(bodyText(article.story)));
    expect(extraction.published_at).toBe(utcIso(article.story));
    expect(extraction.lead).toBe(normalizeVietnamese(article.story.lead));
    expect(extraction.author).toBe(normalizeVietnamese(article.story.author));
    expect(extraction.language).toBe("vi");
    expect(extraction.canonical_url).toBe(`${origin}${article.path}`);
    // Every text field comes out in NFC, whatever the page used.
    expect(extraction.body).toBe(extraction.body.normalize("NFC"));
  });
});
