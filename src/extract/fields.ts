/**
 * The small fields of an article (title, lead, author, section, dates, image, canonical URL), each
 * read from an ordered list of places: the site's own selectors first (an operator wrote them
 * because the rest got it wrong), then JSON-LD, then Open Graph / article:* meta, then what the
 * visible page shows. Pure functions of the parsed page.
 */
import type { CheerioAPI } from "cheerio";
import type { AnyNode, Document, Element } from "domhandler";
import { canonicalUrl } from "../discover/canonical.ts";
import type { SiteSelectors } from "../sources/schema.ts";
import type { FurnitureJudge } from "./content.ts";
import type { JsonLdArticle } from "./jsonld.ts";
import type { PageMeta } from "./meta.ts";
import { attribute, queryAll, queryOne, textOf } from "./query.ts";
import { cleanText, elementsOf, inlineText } from "./text.ts";

export interface PageContext {
  $: CheerioAPI;
  /** The document `$` wraps, for the fixed selectors (src/extract/query.ts). */
  root: Document;
  url: string;
  selectors: SiteSelectors | undefined;
  jsonld: JsonLdArticle | null;
  meta: PageMeta;
  isFurniture: FurnitureJudge;
}

function firstNonEmpty(...values: Array<string | undefined | null>): string | undefined {
  for (const value of values) {
    const cleaned = value ? cleanText(value) : "";
    if (cleaned) return cleaned;
  }
  return undefined;
}

/** Text of the first element matching a site selector, if the selector is configured and matches. */
export function selectorText(
  { $, selectors }: PageContext,
  field: keyof Omit<SiteSelectors, "remove">,
): string | undefined {
  const selector = selectors?.[field];
  if (!selector) return undefined;
  const element = $(selector).get(0);
  return element ? cleanText(inlineText([element])) || undefined : undefined;
}

function hasFurnitureAncestor(element: Element, isFurniture: FurnitureJudge): boolean {
  for (
    let node = element.parent as Element | null;
    node && node.type === "tag";
    node = node.parent as Element | null
  ) {
    if (isFurniture(node)) return true;
  }
  return false;
}

const comparable = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/** "Headline - Báo Kon Tum" → "Headline", when the tail is the site's name or much shorter. */
export function stripSiteName(title: string, siteName: string | undefined): string {
  const parts = title.split(/\s+[|\-–—:»]\s+/);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1]!;
  const isSite = siteName ? comparable(last) === comparable(siteName) : false;
  const head = parts.slice(0, -1).join(" - ");
  if (isSite || (last.split(/\s+/).length <= 4 && head.length > last.length * 2))
    return title.slice(0, title.lastIndexOf(last)).replace(/\s+[|\-–—:»]\s+$/, "");
  return title;
}

export function readTitle(ctx: PageContext): string {
  const { root, jsonld, meta } = ctx;
  const fromSelector = selectorText(ctx, "title");
  if (fromSelector) return fromSelector;
  const siteName = meta.get("og:site_name");
  const declared = firstNonEmpty(jsonld?.headline, meta.get("og:title"), meta.get("twitter:title"));
  const documentTitle = firstNonEmpty(textOf(queryOne(root, "title") ?? []));
  const reference = declared ?? (documentTitle ? stripSiteName(documentTitle, siteName) : undefined);
  // The visible <h1> is exact where metadata is often truncated or suffixed; trust it when it agrees.
  const headings = queryAll(root, "h1")
    .filter((element) => !hasFurnitureAncestor(element, ctx.isFurniture))
    .map((element) => cleanText(inlineText([element])))
    .filter((text) => text.split(" ").length >= 3);
  if (reference) {
    const wanted = comparable(stripSiteName(reference, siteName));
    const agreeing = headings.find((heading) => {
      const candidate = comparable(heading);
      return (
        candidate === wanted ||
        (candidate.length > 20 && (wanted.startsWith(candidate) || candidate.startsWith(wanted)))
      );
    });
    return agreeing ?? stripSiteName(reference, siteName);
  }
  return headings[0] ?? "";
}

const LEAD_SELECTOR = [
  "[class*=sapo]",
  "[id*=sapo]",
  "[class*=chapeau]",
  "[class*=lead]",
  "[class*=summary]",
  "[class*=excerpt]",
  "[class*=intro]",
  "[class*=description]",
  "[class*=tom-tat]",
  "[class*=tomtat]",
].join(",");

const MAX_LEAD_CHARS = 1000;

export function readLead(ctx: PageContext): string {
  const fromSelector = selectorText(ctx, "lead");
  if (fromSelector) return fromSelector;
  const { root, jsonld, meta } = ctx;
  for (const element of queryAll(root, LEAD_SELECTOR)) {
    if (element.name === "meta" || element.name === "body" || hasFurnitureAncestor(element, ctx.isFurniture))
      continue;
    const text = cleanText(inlineText([element]));
    // A lead is a paragraph or two; a longer block so named ("article-intro" around the story) is not one.
    if (text.length >= 40 && text.length <= MAX_LEAD_CHARS) return text;
  }
  const declared =
    firstNonEmpty(jsonld?.description, meta.get("og:description"), meta.get("description")) ?? "";
  return unescapeTwice(declared);
}

const NAMED: Record<string, string> = { quot: '"', amp: "&", apos: "'", lt: "<", gt: ">", nbsp: " " };

/**
 * Entities left in a declared description after the parser decoded it once (`&amp;quot;` in the
 * source, a CMS escaping twice): the page shows `"`, so the lead must say `"` too.
 */
function unescapeTwice(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : entity;
    }
    return NAMED[name.toLowerCase()] ?? entity;
  });
}

const BYLINE_PREFIX =
  /^(tác giả|bài và ảnh|bài, ảnh|bài\/ảnh|bài|phóng viên|pv|nhóm pv|người viết)\s*[:\-–]\s*/i;

/** "Bài, ảnh: Thu Hằng/VOV-Tây Nguyên" → "Thu Hằng": the byline's label and outlet attribution go. */
export function cleanAuthor(text: string): string {
  const name = cleanText(text)
    .replace(BYLINE_PREFIX, "")
    .replace(/^by\s+/i, "");
  const withoutOutlet = name.replace(/\s*(\/|\(|–\s|-\s).*$/, "").trim();
  return withoutOutlet || name.trim();
}

export function readAuthor(ctx: PageContext): string | undefined {
  const { root, jsonld, meta } = ctx;
  const metaAuthor = meta.first("author", "article:author", "dc.creator", "sailthru.author");
  const candidates = [
    selectorText(ctx, "author"),
    jsonld?.author,
    metaAuthor && !/^https?:\/\//.test(metaAuthor) ? metaAuthor : undefined,
  ];
  for (const element of queryAll(root, "[class*=author],[class*=byline],[rel=author],[itemprop=author]")) {
    if (element.name === "meta" || element.name === "link") continue;
    const text = cleanText(inlineText([element]));
    if (text && text.length <= 80) {
      candidates.push(text);
      break;
    }
  }
  for (const candidate of candidates) {
    const cleaned = candidate ? cleanAuthor(candidate) : "";
    if (cleaned) return cleaned;
  }
  return undefined;
}

export function readSection(ctx: PageContext): string | undefined {
  const { root, jsonld, meta } = ctx;
  const crumbs = queryAll(root, "[class*=breadcrumb] a, [class*=Breadcrumb] a, nav[aria-label*=readcrumb] a");
  const lastCrumb = crumbs.length ? cleanText(inlineText([crumbs[crumbs.length - 1]!])) : undefined;
  return firstNonEmpty(selectorText(ctx, "section"), jsonld?.section, meta.get("article:section"), lastCrumb);
}

/** A day in the URL's path: /2024/06/05/, /2024-06-05-, /20240605/ (a month alone says no day). */
export function urlDate(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match =
    /(?:^|[/_-])((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)/.exec(path) ??
    /(?:^|[/_-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|\d{4,6}[/_.-]|$)/.exec(path);
  if (!match) return undefined;
  return `${match[1]}-${match[2]!.padStart(2, "0")}-${match[3]!.padStart(2, "0")}`;
}

/** Words that label a visible date as an update rather than the publication. */
const UPDATE_LABEL =
  /cập nhật|updated|last updated|aktualisiert|akt\.|mis à jour|actualizado|aggiornato|stand:|uppdaterad|oppdatert|opdateret|güncelleme/i;
/** A date-looking run of text: numeric, Vietnamese, or with a month name in a common language. */
const DATE_IN_TEXT =
  /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s*tháng\s*\d{1,2}|\d{1,2}(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?[a-zà-ÿ]{3,10}\.?,?\s+(?:de\s+)?\d{4}|[a-zà-ÿ]{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}/i;
const TEASER = new Set(["a", "h2", "h3", "h4", "h5", "h6", "li"]);

/** Boxes of other articles: their dates are not this page's. (A page's own <header> is not one.) */
const OTHER_ARTICLES =
  /related|lien-?quan|tin-?khac|xem-?them|teaser|recommend|popular|trending|most-?read|doc-?nhieu|sidebar|widget|comment|binh-?luan|footer|more-?news|read-?more/i;
const OTHER_ARTICLE_TAGS = new Set(["aside", "nav", "footer"]);

/** Inside a link, a teaser heading, a list item or a box of other articles: another article's date. */
function inTeaser(element: Element, isFurniture: FurnitureJudge): boolean {
  for (
    let node = element.parent as Element | null;
    node && node.type === "tag";
    node = node.parent as Element | null
  ) {
    if (TEASER.has(node.name) || OTHER_ARTICLE_TAGS.has(node.name)) return true;
    // The furniture judge keeps a main column whatever its name (VnExpress's sidebar-1).
    if (OTHER_ARTICLES.test(`${node.attribs.class ?? ""} ${node.attribs.id ?? ""}`) && isFurniture(node))
      return true;
  }
  return TEASER.has(element.name);
}

/** The visible dates a page shows for itself, publication before update. */
function visibleDates(ctx: PageContext): string[] {
  const { root } = ctx;
  const found: string[] = [];
  const selector =
    "article time, header time, time[pubdate], [class*=date i],[class*=time i],[class*=publish i],[class*=ngay i],[class*=byline i],[class*=meta i],[class*=dateline i]";
  for (const element of queryAll(root, selector)) {
    if (inTeaser(element, ctx.isFurniture)) continue;
    const text = inlineText([element]);
    if (text.length >= 8 && text.length <= 120 && DATE_IN_TEXT.test(text)) found.push(text);
    if (found.length >= 4) break;
  }
  // No element names its date: the line under the headline, as a reader finds it.
  if (found.length === 0) {
    const h1 = queryAll(root, "h1").find((element) => !inTeaser(element, ctx.isFurniture));
    if (h1) {
      const after = bylineText(h1);
      const match = DATE_IN_TEXT.exec(after);
      if (match) found.push(after.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30));
    }
  }
  const published = found.filter((text) => !UPDATE_LABEL.test(text));
  return [...published, ...found.filter((text) => UPDATE_LABEL.test(text))];
}

const BYLINE_CHARS = 300;

/**
 * Up to 300 characters of the text that follows a headline in document order. Of an element only
 * its first 300 characters are read (the article body often follows the headline): an element's
 * text has single spaces only, so that prefix alone already fills the 300 and ends the loop, as
 * the whole text would, and collapsing whitespace keeps it a prefix of what the whole would give.
 */
function bylineText(h1: Element): string {
  let text = "";
  let node: AnyNode | null = h1;
  while (node && text.length < BYLINE_CHARS) {
    let next: AnyNode | null = node.next;
    while (!next && node.parent && node.parent.type === "tag") {
      node = node.parent;
      next = node.next;
    }
    if (!next) break;
    if (next.type === "tag" && !SKIPPED.has((next as Element).name))
      text += ` ${inlineText([next], BYLINE_CHARS)}`;
    else if (next.type === "text") text += ` ${(next as unknown as { data: string }).data}`;
    node = next;
  }
  return text.replace(/\s+/g, " ").slice(0, BYLINE_CHARS);
}

const SKIPPED = new Set(["script", "style", "noscript", "template"]);

/**
 * The raw date strings a page offers for its publication, most trustworthy first: the site's
 * selector, JSON-LD, article/OpenGraph/Dublin Core meta and microdata, the <time> of the article,
 * a day in the URL, then what the reader sees (a dated element, or the line under the headline),
 * publication before update.
 */
export function publishedCandidates(ctx: PageContext): string[] {
  const { $, root, jsonld, meta, selectors } = ctx;
  const out: Array<string | undefined> = [];
  if (selectors?.published) {
    const element = elementsOf($(selectors.published).toArray())[0];
    if (element) out.push(element.attribs.datetime ?? element.attribs.content ?? inlineText([element]));
  }
  out.push(
    jsonld?.datePublished,
    meta.first(
      "article:published_time",
      "og:published_time",
      "datepublished",
      "pubdate",
      "publishdate",
      "publish-date",
      "article.published",
      "dc.date.issued",
      "dcterms.created",
      "dc.date",
      "date",
    ),
    attribute(
      queryOne(root, "article time[datetime], time[pubdate][datetime], header time[datetime]"),
      "datetime",
    ),
    urlDate(ctx.url),
    ...visibleDates(ctx),
  );
  return out
    .filter((value): value is string => !!value?.trim())
    .map((value) => value.replace(/\s+/g, " ").trim());
}

export function modifiedCandidates(ctx: PageContext): string[] {
  const { jsonld, meta } = ctx;
  return [
    jsonld?.dateModified,
    meta.first("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified"),
  ].filter((value): value is string => !!value?.trim());
}

function absolute(src: string | undefined, base: string): string | undefined {
  if (!src || src.startsWith("data:")) return undefined;
  try {
    return new URL(src.trim(), base).href;
  } catch {
    return undefined;
  }
}

export function readImage(ctx: PageContext, bodyRoots: Element[]): string | undefined {
  const { $, jsonld, meta, selectors, url } = ctx;
  const imageOf = (element: Element | undefined) =>
    element
      ? (element.attribs["data-src"] ?? element.attribs["data-original"] ?? element.attribs.src)
      : undefined;
  const fromSelector = selectors?.image ? imageOf(elementsOf($(selectors.image).toArray())[0]) : undefined;
  const inBody = imageOf(elementsOf($(bodyRoots).find("img").toArray())[0]);
  return absolute(
    fromSelector ?? jsonld?.image ?? meta.first("og:image", "twitter:image", "image") ?? inBody,
    url,
  );
}

function bareHost(host: string): string {
  return host.toLowerCase().replace(/^(www|m|amp|mobile)\./, "");
}

/**
 * rel=canonical (or og:url, or the JSON-LD url) when it stays on the same site. A canonical that
 * points to another outlet marks a syndicated copy: the article was still published here, and
 * following it would attribute it to the other outlet.
 */
export function readCanonical(ctx: PageContext): string {
  const { meta, jsonld, url } = ctx;
  const fetched = canonicalUrl(url) ?? url;
  for (const candidate of [meta.canonical, meta.get("og:url"), jsonld?.url]) {
    const canonical = candidate ? canonicalUrl(candidate, url) : null;
    if (canonical && bareHost(new URL(canonical).host) === bareHost(new URL(fetched).host)) return canonical;
  }
  return fetched;
}
