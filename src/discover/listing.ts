/**
 * A section or category page to article URLs, picked with the CSS selector configured for the
 * source. The selector may point at the links themselves or at blocks containing them (an article
 * card), in which case the card's first link is the article. Links resolve against <base href>.
 */
import { loadDocument } from "../extract/dom.ts";
import { canonicalUrl } from "./canonical.ts";
import type { FeedEntry } from "./feed.ts";

/** Throws a ParseError (TooDeepError) for a page nested deeper than any real one. */
export function parseListing(html: string, pageUrl: string, selector: string): FeedEntry[] {
  const $ = loadDocument(html, { xml: false, url: pageUrl });
  const baseHref = $("base[href]").attr("href");
  const base = baseHref ? (canonicalUrl(baseHref, pageUrl) ?? pageUrl) : pageUrl;
  const seen = new Set<string>();
  const entries: FeedEntry[] = [];
  $(selector).each((_, element) => {
    const link = $(element).is("a[href]") ? $(element) : $(element).find("a[href]").first();
    const href = link.attr("href");
    const url = href ? canonicalUrl(href, base) : null;
    if (!url || seen.has(url)) return;
    seen.add(url);
    const title = (link.attr("title") ?? link.text()).replace(/\s+/g, " ").trim();
    entries.push(title ? { url, title } : { url });
  });
  return entries;
}
