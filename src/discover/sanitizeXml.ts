/**
 * Repairs the mistakes that make a strict XML parser reject real-world feeds, without touching what
 * is inside CDATA sections (whose text is literal):
 *   - a byte-order mark, PHP notices or blank lines before the root;
 *   - bare `&` in titles and URLs ("Kon Tum & Gia Lai", "?id=1&cat=2");
 *   - HTML entities XML does not define (`&nbsp;`, `&agrave;`), turned into characters;
 *   - control characters XML 1.0 forbids.
 * Anything still broken after this (unclosed tags, truncation) is left for the parser to reject.
 */
import { load } from "cheerio";

const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);
const ROOT = /<\?xml|<(?:rss|feed|rdf:RDF|urlset|sitemapindex)\b/;
// Characters XML 1.0 forbids; tab, newline and carriage return are allowed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const AMPERSAND = /&(?!(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)/g;
const NAMED_ENTITY = /&([A-Za-z][A-Za-z0-9]*);/g;

const decodedEntities = new Map<string, string>();

/** An HTML named entity as the character(s) it stands for, via the HTML parser's own table. */
function decodeHtmlEntity(name: string): string {
  let decoded = decodedEntities.get(name);
  if (decoded === undefined) {
    const text = load(`<i>&${name};</i>`, { xml: { xmlMode: false, decodeEntities: true } })("i").text();
    // Unknown names decode to themselves; escape them so the XML stays well-formed.
    decoded = text === `&${name};` ? `&amp;${name};` : escapeXmlText(text);
    decodedEntities.set(name, decoded);
  }
  return decoded;
}

function escapeXmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

function repairOutsideCdata(text: string): string {
  return text
    .replace(AMPERSAND, "&amp;")
    .replace(NAMED_ENTITY, (whole, name: string) =>
      XML_ENTITIES.has(name) ? whole : decodeHtmlEntity(name),
    );
}

export function sanitizeXml(input: string): string {
  let text = input.replace(/^\uFEFF/, "");
  const root = ROOT.exec(text);
  if (root && root.index > 0) text = text.slice(root.index);
  text = text.replace(FORBIDDEN_CHARS, "");
  const parts = text.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/);
  return parts.map((part) => (part.startsWith("<![CDATA[") ? part : repairOutsideCdata(part))).join("");
}
