/**
 * A page's HTML to an article: metadata first (read before anything is removed), then the body from
 * the site's selectors or the generic algorithm, then the clean-up that both share. Pure and
 * synchronous: the same input always gives the same article.
 */
import type { Element } from "domhandler";
import type { SiteSelectors } from "../sources/schema.ts";
import { nonSpaceLength } from "./chars.ts";
import { furnitureJudge, genericBody } from "./content.ts";
import { parseVietnameseDate } from "./dates.ts";
import { loadDocument } from "./dom.ts";
import {
  cleanAuthor,
  modifiedCandidates,
  type PageContext,
  publishedCandidates,
  readAuthor,
  readCanonical,
  readImage,
  readLead,
  readSection,
  readTitle,
} from "./fields.ts";
import { readJsonLd } from "./jsonld.ts";
import { detectLanguage } from "./language.ts";
import { readMeta } from "./meta.ts";
import { cleanText, elementsOf, type Paragraph, paragraphsOf } from "./text.ts";

export interface ExtractOptions {
  /** The URL the HTML was fetched from, after redirects. */
  url: string;
  selectors?: SiteSelectors | undefined;
  /** When the page was fetched: the reference for "2 giờ trước". */
  fetchedAt?: Date;
  /** What discovery already knew (feed title and date), used only when the page says nothing. */
  hint?: { title?: string | undefined; publishedRaw?: string | undefined } | undefined;
}

export interface Extraction {
  title: string;
  lead: string;
  /** Paragraphs separated by a blank line. */
  body: string;
  author: string | undefined;
  section: string | undefined;
  /** ISO 8601 in UTC, or null when no date could be read. */
  published_at: string | null;
  /** The string the date was read from, as the page wrote it. */
  published_raw: string | null;
  modified_at: string | undefined;
  language: string;
  canonical_url: string;
  image: string | undefined;
  /** Which path produced the body, for diagnostics. */
  method: "selectors" | "generic" | "jsonld" | "none";
}

const NOT_BODY =
  /^(xem thêm|tin liên quan|đọc thêm|bài liên quan|mời (quý )?(bạn|độc giả)|>>|video:|clip:|ảnh:|nguồn:\s*$)/i;
const SENTENCE_END = /[.!?…:;"”)»]$/;

function isByline(paragraph: Paragraph): boolean {
  const words = paragraph.text.split(" ").length;
  if (words > 6 || SENTENCE_END.test(paragraph.text)) return false;
  const block = paragraph.block;
  const alignedRight = block
    ? /text-align\s*:\s*right/i.test(block.attribs.style ?? "") || block.attribs.align === "right"
    : false;
  const labelled = block
    ? /author|byline|tac-?gia/i.test(`${block.attribs.class ?? ""} ${block.attribs.id ?? ""}`)
    : false;
  return paragraph.emphasized || alignedRight || labelled;
}

/** Drops what is not the article's running text and returns the byline found at its end, if any. */
function cleanParagraphs(
  paragraphs: Paragraph[],
  title: string,
  lead: string,
): { kept: Paragraph[]; byline?: string } {
  const titleKey = title.toLowerCase();
  const leadKey = lead.toLowerCase();
  const kept = paragraphs.filter((paragraph) => {
    const key = paragraph.text.toLowerCase();
    if (key === titleKey || (leadKey && key === leadKey)) return false;
    if (NOT_BODY.test(paragraph.text)) return false;
    // Link lists inside the body ("Tin liên quan" boxes without a label).
    if (paragraph.linkChars > nonSpaceLength(paragraph.text) * 0.5) return false;
    return true;
  });
  const last = kept[kept.length - 1];
  if (last && kept.length > 1 && isByline(last)) {
    kept.pop();
    return { kept, byline: last.text };
  }
  return { kept };
}

function siteBody(ctx: PageContext): { paragraphs: Paragraph[]; roots: Element[] } | null {
  const selector = ctx.selectors?.body;
  if (!selector) return null;
  const roots = elementsOf(ctx.$(selector).toArray());
  if (roots.length === 0) return null;
  // The same furniture pruning as the generic path: a configured body still holds share bars.
  return { paragraphs: paragraphsOf(roots, ctx.isFurniture), roots };
}

function readDate(candidates: string[], reference: Date): { at: string | null; raw: string | null } {
  for (const raw of candidates) {
    const date = parseVietnameseDate(raw, reference);
    if (date) return { at: date.toISOString(), raw };
  }
  return { at: null, raw: candidates[0] ?? null };
}

/**
 * Throws a ParseError (TooDeepError) for a page nested deeper than any real one: a malformed
 * document, which the job records and never retries.
 */
export function extractArticle(html: string, options: ExtractOptions): Extraction {
  const $ = loadDocument(html, { xml: false, url: options.url });
  const ctx: PageContext = {
    $,
    root: $.root()[0]!,
    url: options.url,
    selectors: options.selectors,
    jsonld: readJsonLd($),
    meta: readMeta($),
    isFurniture: furnitureJudge($),
  };
  const fetchedAt = options.fetchedAt ?? new Date();

  const title = readTitle(ctx) || cleanText(options.hint?.title ?? "");
  const lead = readLead(ctx);
  const published = readDate(
    [...publishedCandidates(ctx), ...(options.hint?.publishedRaw ? [options.hint.publishedRaw] : [])],
    fetchedAt,
  );
  const modified = readDate(modifiedCandidates(ctx), fetchedAt);
  const declaredAuthor = readAuthor(ctx);
  const section = readSection(ctx);
  const canonical = readCanonical(ctx);

  for (const selector of ctx.selectors?.remove ?? []) $(selector).remove();
  let method: Extraction["method"] = "selectors";
  let found = siteBody(ctx);
  if (!found || found.paragraphs.length === 0) {
    method = "generic";
    found = genericBody($, ctx.isFurniture);
  }
  let { kept, byline } = cleanParagraphs(found.paragraphs, title, lead);
  const bodyText = kept.map((paragraph) => paragraph.text).join("\n\n");
  // Some pages render the text client-side but ship it in JSON-LD; prefer it when the DOM has less.
  const jsonBody = ctx.jsonld?.articleBody ? cleanText(ctx.jsonld.articleBody) : "";
  let body = bodyText;
  if (jsonBody.length >= 200 && bodyText.length < jsonBody.length * 0.5) {
    body = ctx
      .jsonld!.articleBody!.split(/\n\s*\n|\r?\n/)
      .map(cleanText)
      .filter(Boolean)
      .join("\n\n");
    method = "jsonld";
    byline = undefined;
  }
  if (!body) method = "none";

  const image = readImage(ctx, found.roots);
  const author = declaredAuthor ?? (byline ? cleanAuthor(byline) : undefined);
  return {
    title,
    lead,
    body,
    author: author || undefined,
    section,
    published_at: published.at,
    published_raw: published.raw,
    modified_at: modified.at ?? undefined,
    language: detectLanguage(
      [ctx.jsonld?.language, ctx.meta.htmlLang, ctx.meta.get("content-language"), ctx.meta.get("og:locale")],
      `${title} ${body}`,
    ),
    canonical_url: canonical,
    image,
    method,
  };
}
