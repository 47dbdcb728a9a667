/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds to a list of entries, with rss-parser's `parseString` on
 * repaired XML. Pure: text in, entries or a parse failure (a value) out.
 *
 * rss-parser calls `new Date(x).toISOString()` on Atom's <published>/<updated>, which throws on the
 * first invalid date and loses the whole feed; those two elements are renamed before parsing and
 * read back as raw strings. Dates are never interpreted here: the raw string travels with the URL
 * and is read by the Vietnamese date parser in extraction.
 */
import Parser from "rss-parser";
import { checkDepth } from "../extract/dom.ts";
import { ParseError } from "../model/errors.ts";
import { canonicalUrl } from "./canonical.ts";
import { sanitizeXml } from "./sanitizeXml.ts";

export interface FeedEntry {
  url: string;
  title?: string;
  publishedRaw?: string;
  author?: string;
}

export type FeedFormat = "rss2" | "rss1" | "atom";

export type FeedParse =
  | { ok: true; format: FeedFormat; title: string | undefined; entries: FeedEntry[] }
  | { ok: false; error: ParseError };

type RawItem = Record<string, unknown>;

/**
 * A parser per document: rss-parser keeps one xml2js parser, which after a fault leaves state that
 * changes how the next document is read. In the fuzz drill a shared one accepted feeds it rejects
 * on its own, and let sax read a broken 4 MB feed to the end, one Error per fault (35-45 s).
 */
function newParser() {
  return new Parser<Record<string, unknown>, RawItem>({
    customFields: {
      item: [["pw-published", "publishedRaw"], ["pw-updated", "updatedRaw"], ["dc:date", "dcDate"], "guid"],
    },
  });
}

/** xml2js gives strings, `{ _: text, $: attributes }` objects or arrays, depending on the markup. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (Array.isArray(value)) return textOf(value[0]);
  if (value && typeof value === "object") {
    const node = value as { _?: unknown; name?: unknown; $?: { href?: unknown } };
    return textOf(node._) ?? textOf(node.name) ?? textOf(node.$?.href);
  }
  return undefined;
}

function detectFormat(xml: string): FeedFormat | null {
  const root = /<(rss|feed|rdf:RDF)\b/.exec(xml);
  if (!root) return null;
  return root[1] === "feed" ? "atom" : root[1] === "rss" ? "rss2" : "rss1";
}

function entryUrl(item: RawItem, base: string): string | null {
  const link = textOf(item.link);
  if (link) return canonicalUrl(link, base);
  // RSS 2.0 allows an item with only a permalink guid.
  const guid = item.guid as { $?: { isPermaLink?: string } } | string | undefined;
  const guidText = textOf(guid);
  const permalink = typeof guid === "object" ? guid?.$?.isPermaLink !== "false" : true;
  if (guidText && permalink && /^https?:\/\//i.test(guidText)) return canonicalUrl(guidText, base);
  return null;
}

function collapse(text: string | undefined): string | undefined {
  return text?.replace(/\s+/g, " ").trim() || undefined;
}

/**
 * Longer attribute values are emptied before parsing: no feed attribute that is read (a link's href,
 * a guid's isPermaLink) is anywhere near this long, and sax reads attribute values a character at a
 * time (4 s for one 4 MB value).
 */
const MAX_ATTRIBUTE_CHARS = 16_384;
const HUGE_ATTRIBUTE = new RegExp(
  `(\\s[\\w:.-]+\\s*=\\s*)(?:"[^"]{${MAX_ATTRIBUTE_CHARS},}"|'[^']{${MAX_ATTRIBUTE_CHARS},}')`,
  "g",
);

export async function parseFeed(xml: string, feedUrl: string): Promise<FeedParse> {
  let repaired = sanitizeXml(xml);
  const format = detectFormat(repaired.slice(0, 4096));
  if (!format) return { ok: false, error: new ParseError("no RSS, RDF or Atom root element", feedUrl) };
  // xml2js and rss-parser walk the tree recursively: refuse what would overflow the stack first.
  try {
    checkDepth(repaired, { xml: true, url: feedUrl });
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, error };
    throw error;
  }
  repaired = repaired.replace(HUGE_ATTRIBUTE, '$1""');
  if (format === "atom") repaired = repaired.replace(/<(\/?)(published|updated)(?=[\s>/])/g, "<$1pw-$2");
  let output: Awaited<ReturnType<ReturnType<typeof newParser>["parseString"]>>;
  try {
    output = await newParser().parseString(repaired);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n").slice(0, 2).join(" ") : String(error);
    return { ok: false, error: new ParseError(`malformed ${format} feed: ${reason}`, feedUrl) };
  }
  const entries: FeedEntry[] = [];
  for (const item of output.items as RawItem[]) {
    const url = entryUrl(item, feedUrl);
    if (!url) continue;
    const entry: FeedEntry = { url };
    const title = collapse(textOf(item.title));
    const publishedRaw =
      textOf(item.publishedRaw) ?? textOf(item.pubDate) ?? textOf(item.dcDate) ?? textOf(item.updatedRaw);
    // `creator` holds dc:creator or author; with attributes it arrives as an object.
    const author = collapse(textOf(item.creator) ?? textOf(item.author) ?? textOf(item["dc:creator"]));
    if (title) entry.title = title;
    if (publishedRaw) entry.publishedRaw = publishedRaw;
    if (author) entry.author = author;
    entries.push(entry);
  }
  return { ok: true, format, title: collapse(textOf(output.title)), entries };
}
