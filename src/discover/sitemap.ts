/**
 * XML sitemaps, sitemap indexes and Google News sitemaps (`<news:news>` with a publication date and
 * title) to article URLs, through cheerio in XML mode. Pure. Namespace prefixes vary between CMSs
 * (`news:`, `n:`, none), so elements are matched by local name.
 */
import type { CheerioAPI } from "cheerio";
import type { Element } from "domhandler";
import { loadDocument } from "../extract/dom.ts";
import { ParseError } from "../model/errors.ts";
import { canonicalUrl } from "./canonical.ts";
import type { FeedEntry } from "./feed.ts";
import { sanitizeXml } from "./sanitizeXml.ts";

export interface SitemapChild {
  url: string;
  lastmod?: string;
}

export type SitemapParse =
  | { ok: true; kind: "urlset"; entries: FeedEntry[] }
  | { ok: true; kind: "index"; sitemaps: SitemapChild[] }
  | { ok: false; error: ParseError };

const localName = (name: string) => name.slice(name.indexOf(":") + 1).toLowerCase();

function children(node: Element, name: string): Element[] {
  return node.children.filter(
    (child): child is Element => child.type === "tag" && localName(child.name) === name,
  );
}

export function parseSitemap(xml: string, sitemapUrl: string): SitemapParse {
  let $: CheerioAPI;
  try {
    $ = loadDocument(sanitizeXml(xml), { xml: true, url: sitemapUrl });
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, error };
    throw error;
  }
  const childText = (node: Element, name: string): string | undefined => {
    const child = children(node, name)[0];
    return (child && $(child).text().trim()) || undefined;
  };
  const root = $.root()
    .children()
    .toArray()
    .find((node): node is Element => node.type === "tag");
  const rootName = root ? localName(root.name) : "";
  if (!root || (rootName !== "urlset" && rootName !== "sitemapindex"))
    return { ok: false, error: new ParseError("no <urlset> or <sitemapindex> root", sitemapUrl) };

  if (rootName === "sitemapindex") {
    const sitemaps: SitemapChild[] = [];
    for (const node of children(root, "sitemap")) {
      const url = canonicalUrl(childText(node, "loc") ?? "", sitemapUrl);
      const lastmod = childText(node, "lastmod");
      if (url) sitemaps.push(lastmod ? { url, lastmod } : { url });
    }
    return { ok: true, kind: "index", sitemaps };
  }

  const entries: FeedEntry[] = [];
  for (const node of children(root, "url")) {
    const url = canonicalUrl(childText(node, "loc") ?? "", sitemapUrl);
    if (!url) continue;
    const entry: FeedEntry = { url };
    const news = children(node, "news")[0];
    const published = (news && childText(news, "publication_date")) ?? childText(node, "lastmod");
    const title = news && childText(news, "title");
    if (published) entry.publishedRaw = published;
    if (title) entry.title = title.replace(/\s+/g, " ");
    entries.push(entry);
  }
  return { ok: true, kind: "urlset", entries };
}

/** The newest children of an index first (by lastmod, as given), so a limited walk reads fresh news. */
export function newestSitemaps(sitemaps: SitemapChild[], limit: number): SitemapChild[] {
  return [...sitemaps].sort((a, b) => (b.lastmod ?? "").localeCompare(a.lastmod ?? "")).slice(0, limit);
}
