/**
 * What a page says about itself in <head>: Open Graph, `article:*`, Twitter cards, Dublin Core,
 * itemprop microdata, <link rel=canonical> and the document language. One pass over the <meta>
 * elements collects everything into a lower-cased name → content map.
 */
import type { CheerioAPI } from "cheerio";
import { attribute, queryAll, queryOne, textOf } from "./query.ts";

export interface PageMeta {
  get(name: string): string | undefined;
  /** The first of several names that is present. */
  first(...names: string[]): string | undefined;
  canonical: string | undefined;
  htmlLang: string | undefined;
}

export function readMeta($: CheerioAPI): PageMeta {
  const root = $.root()[0]!;
  const values = new Map<string, string>();
  for (const element of queryAll(root, "meta")) {
    const attribs = element.attribs;
    const name = (attribs.property ?? attribs.name ?? attribs.itemprop ?? attribs["http-equiv"])
      ?.trim()
      .toLowerCase();
    const content = (attribs.content ?? attribs.datetime)?.trim();
    // The first occurrence wins: CMSs append defaults after the page's own values.
    if (name && content && !values.has(name)) values.set(name, content);
  }
  // Microdata dates are often on visible elements rather than <meta>.
  for (const element of queryAll(root, "[itemprop=datePublished],[itemprop=dateModified]")) {
    const name = element.attribs.itemprop!.toLowerCase();
    const content = (element.attribs.content ?? element.attribs.datetime ?? textOf(element)).trim();
    if (content && !values.has(name)) values.set(name, content);
  }
  const get = (name: string) => values.get(name.toLowerCase());
  return {
    get,
    first: (...names) => names.map(get).find((value) => value !== undefined),
    canonical: attribute(queryOne(root, 'link[rel~="canonical"]'), "href")?.trim() || undefined,
    htmlLang: attribute(queryOne(root, "html"), "lang")?.trim() || undefined,
  };
}
