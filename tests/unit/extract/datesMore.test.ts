/**
 * Publication dates as the public date benchmark (bench/dates.ts) showed them: bylines in English,
 * French and German, days in URLs, the original before the update, other articles' dates ignored.
 * Small pages of our own: regression tests, not evidence of quality.
 */
import { describe, expect, it } from "vitest";
import { monthNumber, parseVietnameseDate } from "../../../src/extract/dates.ts";
import { extractArticle } from "../../../src/extract/extract.ts";
import { urlDate } from "../../../src/extract/fields.ts";

const iso = (raw: string) =>
  parseVietnameseDate(raw, new Date("2025-01-01T00:00:00Z"))?.toISOString() ?? null;
const body =
  "<p>The council met on Tuesday evening to discuss the new budget, which has been delayed twice this year.</p>".repeat(
    3,
  );

describe("dates with month names", () => {
  it.each([
    ["June 5, 2024", "2024-06-04T17:00:00.000Z"],
    ["Published Aug 28, 2024 • Last updated 1 hour ago", "2024-08-27T17:00:00.000Z"],
    ["5 June 2024 10:20 +0100", "2024-06-05T09:20:00.000Z"],
    ["5. Juni 2024, 17:47", "2024-06-05T10:47:00.000Z"],
    ["Veröffentlicht am 13. Mai 2026 um 15:44", "2026-05-13T08:44:00.000Z"],
    ["5 juin 2024 à 10h20", "2024-06-05T03:20:00.000Z"],
    ["Publié le 1er mars 2024", "2024-02-29T17:00:00.000Z"],
    ["Lunes, 2 diciembre 2024 - 02:24", "2024-12-01T19:24:00.000Z"],
    ["05.06.2024", "2024-06-04T17:00:00.000Z"],
  ])("%s → %s", (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it("names no month from a prefix two months share, or from a short word", () => {
    expect(monthNumber("ju")).toBeNull();
    expect(monthNumber("Sept.")).toBe(9);
    expect(monthNumber("Okt")).toBe(10);
    expect(iso("Mar 2024 report 12")).toBeNull();
  });
});

describe("publication date of a page", () => {
  const page = (head: string, article: string, url = "https://news.example/a") =>
    extractArticle(`<html><head>${head}</head><body>${article}</body></html>`, {
      url,
      fetchedAt: new Date("2025-01-01T00:00:00Z"),
    });

  it("reads a ReportageNewsArticle's datePublished, not its update", () => {
    const ld = `<script type="application/ld+json">{"@type":"ReportageNewsArticle","datePublished":"2024-08-28T10:00:23+0000","dateModified":"2024-08-29T08:00:00+0000"}</script>`;
    const article = page(ld, `<h1>Budget delayed again</h1><div class="story">${body}</div>`);
    expect(article.published_at).toBe("2024-08-28T10:00:23.000Z");
    expect(article.modified_at).toBe("2024-08-29T08:00:00.000Z");
  });

  it("reads the day in the URL when the page declares none", () => {
    expect(urlDate("https://www.elmundo.es/deportes/2024/12/02/674cdc8a.html")).toBe("2024-12-02");
    expect(urlDate("https://www.lavanguardia.com/politica/20250113/10277301/juez.html")).toBe("2025-01-13");
    expect(urlDate("https://www.der-postillon.com/2018/04/ostsee-krokodil.html")).toBeUndefined();
    const article = page(
      "",
      `<h1>Budget delayed again</h1><div class="story">${body}</div>`,
      "https://news.example/2024/06/05/budget",
    );
    expect(article).toMatchObject({ published_raw: "2024-06-05", published_at: "2024-06-04T17:00:00.000Z" });
  });

  it("prefers the visible publication over the visible update, and skips other articles' dates", () => {
    const html = `<h1>Budget delayed again</h1><div class="meta"><span class="updated-date">Updated June 7, 2024</span> <span class="pub-date">Published June 5, 2024</span></div>
      <div class="story">${body}</div><div class="related"><ul><li><a href="/b">Other story</a> <span class="date">June 1, 2024</span></li></ul></div>`;
    expect(page("", html).published_raw).toBe("Published June 5, 2024");
  });

  it("finds the date in the line under the headline when no element names it", () => {
    const html = `<h1>Nach Kalifat-Rufen in Hamburg</h1><div class="line"><span>Von Anna Muster</span> <span>3. Mai 2024, 17:47</span></div><div class="story">${body}</div>`;
    expect(page("", html).published_raw).toContain("3. Mai 2024, 17:47");
  });

  it("gives no date when the page shows none", () => {
    expect(page("", `<h1>Budget delayed again</h1><div class="story">${body}</div>`).published_at).toBeNull();
  });
});
