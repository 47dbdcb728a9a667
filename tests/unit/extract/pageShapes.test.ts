/**
 * Page shapes met on the public extraction benchmarks (bench/extract.ts) where the body was lost,
 * written here as small pages of our own: regression tests, not evidence of quality.
 */
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/extract/extract.ts";

const PARAGRAPHS = [
  "The council met on Tuesday evening to discuss the new budget, which has been delayed twice this year.",
  "Members argued for three hours over the cost of repairing the old bridge, and the vote was postponed again.",
  "A final decision is now expected next month, after the engineers deliver their report on the structure.",
];
const paragraphs = PARAGRAPHS.map((text) => `<p>${text}</p>`).join("");

const extract = (html: string) => extractArticle(html, { url: "https://example.org/a" });

describe("page shapes", () => {
  it("reads a page whose head is never closed and which has no body element", () => {
    const html = `<html><head><title>Budget delayed</title><meta charset="utf-8"><div id="story">${paragraphs}</div></html>`;
    const article = extract(html);
    expect(article.body.split("\n\n")).toEqual(PARAGRAPHS);
    expect(article.title).toBe("Budget delayed");
  });

  it("reads the text under a second <body> element", () => {
    const html = `<html><head><title>t</title></head><body id="home"><div class="nav"><a href="/">Home</a></div></body><body id="home"><div class="story">${paragraphs}</div></body></html>`;
    expect(extract(html).body.split("\n\n")).toEqual(PARAGRAPHS);
  });

  it("keeps a post whose wrapper is named after a small part of it (a date, its author)", () => {
    const html = `<html><body><div id="content"><div class="entry_Date"><h3 class="entry_date">Monday, 11 December 2006</h3><div class="entry entry_author_Mark">${paragraphs}</div></div></div></body></html>`;
    expect(extract(html).body).toContain(PARAGRAPHS[1]);
  });

  it("still drops a short element named after a date or an author", () => {
    const html = `<html><body><div class="story"><div class="post-date">Monday, 11 December 2006, 10:20</div>${paragraphs}<div class="author">By Mark Kretschmann</div></div></body></html>`;
    const body = extract(html).body;
    expect(body).not.toContain("December");
    expect(body).not.toContain("Kretschmann");
  });

  it("returns the page's text when nothing in it is long enough to score", () => {
    const html = `<html><body>\n  Test\n</body></html>`;
    expect(extract(html).body).toBe("Test");
  });
});

describe("more page shapes", () => {
  it("skips text hidden with visibility: hidden", () => {
    const html = `<html><body><div class="story">${paragraphs}<p style="visibility: hidden">Hidden sentence that nobody sees on the page at all, ever.</p></div></body></html>`;
    expect(extract(html).body).not.toContain("Hidden sentence");
  });

  it("reads a body split over sibling sections, each wrapped alone in its own wrappers", () => {
    const part = (text: string) =>
      `<div class="bodyText section"><div class="component"><div class="component-content"><p>${text}</p></div></div></div>`;
    const html = `<html><body><article>${PARAGRAPHS.map(part).join('<div class="ad">Advertisement</div>')}</article></body></html>`;
    expect(extract(html).body.split("\n\n")).toEqual(PARAGRAPHS);
  });

  it("decodes entities a CMS escaped twice in the declared description", () => {
    const html = `<html><head><meta name="description" content="Mugabe's &amp;quot;Blue House&amp;quot; compound"></head><body><div>${paragraphs}</div></body></html>`;
    expect(extract(html).lead).toBe('Mugabe\'s "Blue House" compound');
  });
});

describe("text beside blocks, and hidden drawers", () => {
  it("reads a post written as one run of text with <br>s beside empty blocks", () => {
    const run = PARAGRAPHS.join("<br><br>");
    const html = `<html><body><div class="nav"><a href="/">Home</a></div><div class="post"><h3>Title</h3><div class="post-body"><p></p><div></div><strong>${run}</strong><div></div></div></div></body></html>`;
    expect(extract(html).body.split("\n\n")).toEqual(PARAGRAPHS);
  });

  it("skips an element hidden by its class (a collapsed transcript drawer)", () => {
    const transcript = `<div class="drawer-content hide">${PARAGRAPHS.map((p) => `<p>Transcript: ${p}</p>`).join("")}${PARAGRAPHS.map((p) => `<p>More transcript: ${p}</p>`).join("")}</div>`;
    const html = `<html><body>${transcript}<div class="story">${paragraphs}</div></body></html>`;
    expect(extract(html).body).not.toContain("Transcript");
  });
});

describe("lead", () => {
  it("does not take a whole story wrapped in an 'intro' block for the lead", () => {
    const long = PARAGRAPHS.join(" ").repeat(4);
    const html = `<html><body><div class="article-intro-wrapper"><div class="story"><p>${long}</p>${paragraphs}</div></div></body></html>`;
    expect(extract(html).lead.length).toBeLessThan(1000);
  });
});
