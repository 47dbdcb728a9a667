/**
 * Reading text out of a parsed page as paragraphs, the way a reader sees it: block elements and
 * <br> break paragraphs, inline elements do not, whitespace collapses, and what a reader never
 * sees (scripts, captions under images, embedded media) is skipped. Works on the domhandler nodes
 * cheerio exposes, walking each node once.
 */
import type { AnyNode, Element } from "domhandler";
import { normalizeVietnamese } from "../text/normalize.ts";
import { isCollapsed, nonSpaceLength } from "./chars.ts";

export const BLOCK_TAGS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "center",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

/** Never part of an article's text. */
export const SKIPPED_TAGS = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "canvas",
  "video",
  "audio",
  "picture",
  "img",
  "figcaption",
  "button",
  "input",
  "select",
  "textarea",
  "head",
  "title",
  "meta",
  "link",
]);

export interface Paragraph {
  text: string;
  /** Characters of `text` that sit inside links. */
  linkChars: number;
  /** The block element the paragraph came from (for byline and alignment checks). */
  block: Element | null;
  /** Every character is inside <strong>, <b> or <em>. */
  emphasized: boolean;
}

/** Elements among cheerio's nodes (its selections are typed as any node). */
export function elementsOf(nodes: AnyNode[]): Element[] {
  return nodes.filter(
    (node): node is Element => node.type === "tag" || node.type === "script" || node.type === "style",
  );
}

export function collapseWhitespace(text: string): string {
  // The check is a scan; the replace builds a new string every time, even when nothing changes.
  if (isCollapsed(text)) return text;
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, " ").trim();
}

/** Collapsed and in the canonical Vietnamese form: how every extracted text field is stored. */
export function cleanText(text: string): string {
  return normalizeVietnamese(collapseWhitespace(text));
}

const EMPHASIS = new Set(["strong", "b", "em", "i"]);

/**
 * The paragraphs under `roots`, in document order. `skip` prunes whole subtrees. With `maxChars`,
 * the walk stops after the first paragraphs whose texts, joined by a space, reach that length: a
 * paragraph is final once flushed, so they are exactly the first paragraphs of the whole list.
 */
export function paragraphsOf(
  roots: AnyNode[],
  skip: (element: Element) => boolean = () => false,
  maxChars = Number.POSITIVE_INFINITY,
): Paragraph[] {
  const out: Paragraph[] = [];
  let parts: string[] = [];
  let linkChars = 0;
  let plainChars = 0;
  let block: Element | null = null;
  let joinedChars = -1;

  const flush = () => {
    const text = cleanText(parts.join(""));
    if (text) {
      out.push({ text, linkChars: Math.min(linkChars, text.length), block, emphasized: plainChars === 0 });
      joinedChars += text.length + 1;
    }
    parts = [];
    linkChars = 0;
    plainChars = 0;
  };

  interface Frame {
    element: Element;
    index: number;
    inLink: boolean;
    inEmphasis: boolean;
    isBlock: boolean;
    /** The block around this one, restored when it closes. */
    outer: Element | null;
  }

  /** Reads a text node, or opens an element and returns its frame when its children are to be read. */
  const enter = (node: AnyNode, inLink: boolean, inEmphasis: boolean): Frame | null => {
    if (node.type === "text") {
      const data = (node as unknown as { data: string }).data;
      parts.push(data);
      const visible = nonSpaceLength(data);
      if (inLink) linkChars += visible;
      if (!inEmphasis) plainChars += visible;
      return null;
    }
    if (node.type !== "tag" && node.type !== "script" && node.type !== "style") return null;
    const element = node as Element;
    const name = element.name.toLowerCase();
    if (SKIPPED_TAGS.has(name) || skip(element)) return null;
    if (name === "br") {
      flush();
      return null;
    }
    const isBlock = BLOCK_TAGS.has(name);
    const outer = block;
    if (isBlock) {
      flush();
      block = element;
    }
    return {
      element,
      index: 0,
      inLink: inLink || name === "a",
      inEmphasis: inEmphasis || EMPHASIS.has(name),
      isBlock,
      outer,
    };
  };

  // Depth-first with an explicit stack: no recursion, whatever the document's depth.
  for (const root of roots) {
    if (joinedChars >= maxChars) return out;
    const first = enter(root, false, false);
    const stack = first ? [first] : [];
    while (stack.length > 0) {
      if (joinedChars >= maxChars) return out;
      const frame = stack[stack.length - 1]!;
      const child = frame.element.children[frame.index++];
      if (child) {
        const opened = enter(child, frame.inLink, frame.inEmphasis);
        if (opened) stack.push(opened);
        continue;
      }
      stack.pop();
      if (frame.isBlock) {
        flush();
        block = frame.outer;
      }
    }
  }
  flush();
  return out;
}

/**
 * Whitespace-collapsed text of a subtree, paragraphs joined with spaces. With `maxChars`, a prefix
 * of it at least that long (or all of it): the reader wanted only the beginning of a long subtree.
 */
export function inlineText(roots: AnyNode[], maxChars?: number): string {
  return paragraphsOf(roots, undefined, maxChars)
    .map((paragraph) => paragraph.text)
    .join(" ");
}
