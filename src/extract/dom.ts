/**
 * Parsing a fetched document (an article page, a listing page, a sitemap, a feed) into cheerio's
 * tree, refusing what no real document looks like before it costs anything: elements nested deeper
 * than MAX_DEPTH.
 *
 * Bad input is normal input. A CMS that forgets a closing tag nests a few hundred levels at worst,
 * while a fuzzer or an attacker sends 100,000: htmlparser2 keeps its stack of open elements with
 * `unshift` (quadratic in the depth: minutes at 100k), every recursive walk (ours, domutils'
 * `textContent`) overflows the call stack past ~10k, and descendant selectors climb every ancestor.
 * Counting the open elements while the tree is built, and stopping at the limit, bounds all three.
 * The corpus's deepest page is 12 levels; Blink stops nesting at 512. 2,000 leaves broken templates
 * plenty of room and keeps the worst case (every selector climbing 2,000 ancestors) cheap.
 *
 * The tree is the one cheerio itself would build (the same htmlparser2 parser and DOM handler with
 * the same options): only the limit is added.
 */
import { type CheerioAPI, load } from "cheerio";
import { type Document, DomHandler, type DomHandlerOptions, Element } from "domhandler";
import { Parser, type ParserOptions } from "htmlparser2";
import { ParseError } from "../model/errors.ts";

/** The deepest nesting of elements a document may have. */
export const MAX_DEPTH = 2000;

/** A document whose elements nest deeper than any real page: malformed, never worth a retry. */
export class TooDeepError extends ParseError {
  constructor(
    url: string,
    readonly limit: number,
  ) {
    super(`document nested deeper than ${limit} elements`, url);
  }
}

export interface ParseOptions {
  /** XML rules (feeds, sitemaps) rather than HTML's. */
  xml: boolean;
  /** The document's URL, for the error. */
  url: string;
  maxDepth?: number;
}

/**
 * More nodes than this at the top of an HTML document (a page truncated or broken before <html>,
 * its paragraphs left at the root) are moved under one <html> element, as a browser would put them:
 * every cheerio query de-duplicates its context, the root's children, in quadratic time (80 s for
 * 48,000 top-level paragraphs). Well-formed pages have one or two.
 */
const MAX_TOP_LEVEL_NODES = 64;

function wrapTopLevel(root: Document): void {
  if (root.children.length <= MAX_TOP_LEVEL_NODES) return;
  const html = new Element("html", {}, root.children);
  for (const child of html.children) child.parent = html;
  html.parent = root;
  root.children = [html];
}

/** What a browser keeps in <head>; anything else there starts the body. */
const HEAD_CONTENT = new Set(["meta", "title", "link", "style", "script", "base", "noscript", "template"]);

/**
 * Moves what a page put in an unclosed <head> (its whole content, when it never opens <body>) out
 * after the head, where a browser puts it: htmlparser2 keeps it inside, and every reader skips the head.
 */
function liftHeadContent(root: Document): void {
  const html = root.children.find((node): node is Element => node.type === "tag" && node.name === "html");
  const parent: Document | Element = html ?? root;
  const head = parent.children.find((node): node is Element => node.type === "tag" && node.name === "head");
  if (!head) return;
  const start = head.children.findIndex((node) =>
    node.type === "text"
      ? (node as unknown as { data: string }).data.trim() !== ""
      : node.type === "tag" && !HEAD_CONTENT.has((node as Element).name),
  );
  if (start < 0) return;
  const moved = head.children.splice(start);
  const at = parent.children.indexOf(head) + 1;
  parent.children.splice(at, 0, ...moved);
  const siblings = parent.children;
  for (let i = 0; i < siblings.length; i++) {
    const node = siblings[i]!;
    node.parent = parent;
    node.prev = siblings[i - 1] ?? null;
    node.next = siblings[i + 1] ?? null;
  }
  const last = head.children[head.children.length - 1];
  if (last) last.next = null;
}

/** Thrown from inside the parser's callbacks to stop it; never escapes this module. */
class DepthExceeded extends Error {}

class DepthLimitedHandler extends DomHandler {
  constructor(
    options: DomHandlerOptions,
    private readonly maxDepth: number,
  ) {
    super(undefined, options);
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    // tagStack holds the document and the elements open around the new one.
    if (this.tagStack.length > this.maxDepth) throw new DepthExceeded();
    super.onopentag(name, attribs);
  }
}

function parserOptions(xml: boolean): ParserOptions & DomHandlerOptions {
  return { xmlMode: xml, decodeEntities: true };
}

/** Runs the parser, turning the depth stop into the specific error. */
function run(parser: Parser, text: string, options: ParseOptions, limit: number): void {
  try {
    parser.end(text);
  } catch (error) {
    if (error instanceof DepthExceeded) throw new TooDeepError(options.url, limit);
    throw error;
  }
}

/**
 * The document as cheerio's API, as `load(text, { xml: { xmlMode, decodeEntities: true } })` would
 * give it; throws TooDeepError (a ParseError) when it nests deeper than the limit.
 */
export function loadDocument(text: string, options: ParseOptions): CheerioAPI {
  const limit = options.maxDepth ?? MAX_DEPTH;
  const parseOptions = parserOptions(options.xml);
  const handler = new DepthLimitedHandler(parseOptions, limit);
  run(new Parser(handler, parseOptions), text, options, limit);
  if (!options.xml) {
    liftHeadContent(handler.root);
    wrapTopLevel(handler.root);
  }
  return load(handler.root, { xml: parseOptions });
}

/**
 * Only the depth check, without building a tree: for documents another parser reads (rss-parser's
 * xml2js, whose own walks recurse). Throws TooDeepError.
 */
export function checkDepth(text: string, options: ParseOptions): void {
  const limit = options.maxDepth ?? MAX_DEPTH;
  let depth = 0;
  const parser = new Parser(
    {
      onopentag() {
        if (++depth > limit) throw new DepthExceeded();
      },
      onclosetag() {
        depth--;
      },
    },
    parserOptions(options.xml),
  );
  run(parser, text, options, limit);
}
