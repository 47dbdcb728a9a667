/**
 * The schema.org article a page describes in JSON-LD, if any. Outlets' JSON-LD is often invalid
 * (raw newlines inside strings, trailing commas, HTML comments around it), several blocks coexist
 * (BreadcrumbList, Organization, NewsArticle), objects hide in `@graph`, and `author` or `image` may
 * be a string, an object or an array. This reads all of that into one flat record.
 */
import type { CheerioAPI } from "cheerio";
import { queryAll, textOf } from "./query.ts";

export interface JsonLdArticle {
  headline?: string;
  description?: string;
  articleBody?: string;
  author?: string;
  datePublished?: string;
  dateModified?: string;
  section?: string;
  image?: string;
  language?: string;
  url?: string;
}

const ARTICLE_TYPES = new Set([
  "newsarticle",
  "article",
  "reportagenews",
  "reportagenewsarticle",
  "report",
  "scholarlyarticle",
  "techarticle",
  "analysisnewsarticle",
  "opinionnewsarticle",
  "backgroundnewsarticle",
  "blogposting",
  "liveblogposting",
]);

type Json = Record<string, unknown>;

function parseLenient(text: string): unknown {
  const cleaned = text
    .replace(/^\s*<!--|-->\s*$/g, "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: raw control characters are the defect being repaired
    .replace(/[\u0000-\u001f]+/g, " ")
    .replace(/,\s*([}\]])/g, "$1");
  try {
    return JSON.parse(cleaned);
  } catch {
    return undefined;
  }
}

function flatten(value: unknown, out: Json[]): void {
  if (Array.isArray(value)) for (const item of value) flatten(item, out);
  else if (value && typeof value === "object") {
    out.push(value as Json);
    const graph = (value as Json)["@graph"];
    if (graph) flatten(graph, out);
  }
}

function types(node: Json): string[] {
  const type = node["@type"];
  return (Array.isArray(type) ? type : [type])
    .filter((t): t is string => typeof t === "string")
    .map((t) => t.toLowerCase());
}

/** A name, URL or text out of a string, a {name|url|@value} object or an array of them. */
function str(value: unknown, key: "name" | "url" = "name"): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    const all = value.map((item) => str(item, key)).filter((item): item is string => !!item);
    return all.length ? (key === "name" ? all.join(", ") : all[0]) : undefined;
  }
  if (value && typeof value === "object") {
    const node = value as Json;
    return str(node[key]) ?? str(node["@value"]) ?? (key === "url" ? str(node["@id"]) : undefined);
  }
  return undefined;
}

export function readJsonLd($: CheerioAPI): JsonLdArticle | null {
  const nodes: Json[] = [];
  for (const element of queryAll($.root()[0]!, 'script[type="application/ld+json"]'))
    flatten(parseLenient(textOf(element)), nodes);
  // An article node; failing one, the page's own WebPage node when it carries the dates.
  const article =
    nodes.find((node) => types(node).some((type) => ARTICLE_TYPES.has(type))) ??
    nodes.find((node) => types(node).some((type) => type === "webpage") && node.datePublished);
  if (!article) return null;
  const result: JsonLdArticle = {};
  const set = (key: keyof JsonLdArticle, value: string | undefined) => {
    if (value) result[key] = value;
  };
  set("headline", str(article.headline) ?? str(article.name));
  set("description", str(article.description));
  set("articleBody", str(article.articleBody));
  set("author", str(article.author));
  set("datePublished", str(article.datePublished) ?? str(article.dateCreated));
  set("dateModified", str(article.dateModified));
  set("section", str(article.articleSection));
  set("image", str(article.image, "url"));
  set("language", str(article.inLanguage));
  set("url", str(article.url, "url") ?? str(article.mainEntityOfPage, "url"));
  return result;
}
