/**
 * Finding an article's body in a page nobody wrote selectors for, on cheerio's tree.
 *
 * The idea is Readability's (score text blocks by length and commas, credit their ancestors, damp
 * link-heavy ones, pick the best container and the siblings that belong with it), kept to what
 * news pages need and done in two linear passes over a tree parsed once by htmlparser2, with no
 * second DOM and no repeated innerText: that is where the speed over Readability-on-jsdom comes from.
 * Vietnamese CMS vocabulary (sapo, tin liên quan, bình luận, quảng cáo) is in the class patterns.
 */
import type { CheerioAPI } from "cheerio";
import type { AnyNode, Element, ParentNode } from "domhandler";
import { nonSpaceLength } from "./chars.ts";
import { elementsOf, type Paragraph, paragraphsOf, SKIPPED_TAGS } from "./text.ts";

/**
 * Words that name furniture when they are a word of a class or id ("detail-time", "box-related",
 * "post_author", "NgayDang" is not one): furniture whatever else the class says.
 */
const FURNITURE_WORDS = new Set([
  "sapo",
  "lead",
  "author",
  "byline",
  "meta",
  "date",
  "time",
  "tag",
  "tags",
  "source",
  "breadcrumb",
  "breadcrumbs",
  "share",
  "social",
  "related",
  "comment",
  "comments",
  "caption",
  "ad",
  "ads",
  "advert",
  "banner",
  "sidebar",
  "widget",
  "nav",
  "navbar",
  "menu",
  "footer",
  "header",
  "toolbar",
  "print",
  "topbar",
  "masthead",
  "copyright",
  "pagination",
  "paging",
  "newsletter",
  "subscribe",
  "popup",
  "modal",
  "cookie",
  "rating",
  "vote",
  "poll",
  "keyword",
  "keywords",
  "trending",
  "hot",
  "other",
]);
/** Furniture written as one compound or in Vietnamese; protected by LIKELY ("article-comments-count"?). */
const UNLIKELY =
  /binh-?luan|disqus|sharing|lien-?quan|tin-?khac|xem-?them|more-?news|read-?more|quang-?cao|sponsor|promo|hot-?news|most-?read|doc-?nhieu|tin-?moi|tin-?noi-?bat/i;
/** Words that mark the article itself. Not "main" or "text": "main-menu", "footer-text". */
const LIKELY = /article|body|content|entry|post|story|detail|chi-?tiet|noi-?dung|fck|cms-?body/i;
const POSITIVE = /article|body|content|entry|main|post|story|text|detail|chi-?tiet|noi-?dung|fck|cms/i;
// Not <form>: ASP.NET portals (many provincial sites) wrap the whole page in one.
const STRUCTURAL_OUT = new Set(["nav", "aside", "footer", "header", "figure", "menu", "dialog"]);
const PARAGRAPH_TAGS = new Set(["p", "pre", "td", "blockquote"]);
const BLOCK_CHILDREN = new Set([
  "div",
  "p",
  "table",
  "ul",
  "ol",
  "section",
  "article",
  "blockquote",
  "pre",
  "h1",
  "h2",
  "h3",
]);

function classAndId(element: Element): string {
  return `${element.attribs.class ?? ""} ${element.attribs.id ?? ""}`;
}

/** The words of each class and id: "article__meta box-tags" → article, meta, box, tags. */
function labelWords(label: string): string[] {
  const words: string[] = [];
  for (const name of label.split(/\s+/)) {
    // Modifier classes ("has-sidebar", "with-ads") describe a wrapper, not furniture.
    if (!name || /^(has|with|no|is)[-_]/i.test(name)) continue;
    for (const word of name.split(/[-_]+/)) if (word) words.push(word.toLowerCase());
  }
  return words;
}

/**
 * Furniture words that name something small (a date, a byline, a tag list, a share bar): an element
 * so named that holds paragraphs of running text is a wrapper named after one of its parts, as in
 * Serendipity's `<div class="serendipity_Entry_Date">` around each whole blog post, or
 * `entry_author_Mark` around a post's body.
 */
const SMALL_FURNITURE_WORDS = new Set([
  "sapo",
  "lead",
  "author",
  "byline",
  "meta",
  "date",
  "time",
  "tag",
  "tags",
  "source",
  "share",
  "social",
  "caption",
  "print",
  "rating",
  "vote",
  "keyword",
  "keywords",
  "toolbar",
]);
/** Unlinked characters above which a "small" furniture name no longer describes the element. */
const SMALL_FURNITURE_MAX_CHARS = 600;

/** "small" when every furniture word in the label names something small. */
function furnitureKind(label: string): "none" | "small" | "large" {
  const words = labelWords(label).filter((word) => FURNITURE_WORDS.has(word));
  if (words.length > 0) return words.every((word) => SMALL_FURNITURE_WORDS.has(word)) ? "small" : "large";
  return UNLIKELY.test(label) && !LIKELY.test(label) ? "large" : "none";
}

function looksLikeFurniture(label: string): boolean {
  return furnitureKind(label) !== "none";
}

function classWeight(element: Element): number {
  const label = classAndId(element);
  if (label.trim() === "") return 0;
  let weight = 0;
  if (looksLikeFurniture(label)) weight -= 25;
  if (POSITIVE.test(label)) weight += 25;
  return weight;
}

/** What the class, id and tag of an element say about it, given how much unlinked text it holds. */
function labelledFurniture(element: Element, plainChars: number): boolean {
  const name = element.name;
  if (name === "body" || name === "html" || name === "article" || name === "main") return false;
  if (STRUCTURAL_OUT.has(name)) return true;
  const label = classAndId(element);
  if (label.length <= 1) return false;
  const kind = furnitureKind(label);
  return kind === "large" || (kind === "small" && plainChars <= SMALL_FURNITURE_MAX_CHARS);
}

/** Class names that hide an element by convention (Bootstrap's d-none, a collapsed "hide" drawer). */
const HIDDEN_CLASS = /(?:^|\s)(?:hide|hidden|d-none|display-none|invisible)(?:\s|$)/i;

function hidden(element: Element): boolean {
  return (
    element.attribs.hidden !== undefined ||
    HIDDEN_CLASS.test(element.attribs.class ?? "") ||
    element.attribs["aria-hidden"] === "true" ||
    /display\s*:\s*none|visibility\s*:\s*hidden/i.test(element.attribs.style ?? "")
  );
}

/** Decides, for one page, which elements are furniture to prune. */
export type FurnitureJudge = (element: Element) => boolean;

/**
 * An element holding this share of the page's text is the page's main column, whatever its class
 * says: VnExpress wraps its article in `<div class="sidebar-1">`, and removing an element removes
 * everything inside it, so a wrong name must never be allowed to delete the article.
 */
const MAIN_COLUMN_SHARE = 0.4;

/** Non-blank characters of a text node's data. */
function textChars(node: AnyNode): number {
  return nonSpaceLength((node as unknown as { data: string }).data);
}

/** An element or the document, whose children count (skipped elements count as empty). */
function counted(node: AnyNode): node is ParentNode {
  return node.type === "root" || (node.type === "tag" && !SKIPPED_TAGS.has((node as Element).name));
}

/**
 * Visible characters under `root`, and under each element into `out` (all of them, and those
 * outside links), in one post-order walk.
 * Iterative: the document's depth is bounded when it is parsed, but a walk must not depend on it.
 */
function visibleChars(root: AnyNode, out: Map<Element, { all: number; plain: number }>): number {
  if (root.type === "text") return textChars(root);
  if (!counted(root)) return 0;
  const stack: Array<{ node: ParentNode; index: number; total: number; plain: number }> = [
    { node: root, index: 0, total: 0, plain: 0 },
  ];
  let result = 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const child = frame.node.children[frame.index++];
    if (child) {
      if (child.type === "text") {
        const chars = textChars(child);
        frame.total += chars;
        frame.plain += chars;
      } else if (counted(child)) stack.push({ node: child, index: 0, total: 0, plain: 0 });
      continue;
    }
    stack.pop();
    if (frame.node.type === "tag" && (frame.node as Element).name === "a") frame.plain = 0;
    if (frame.node.type === "tag") out.set(frame.node as Element, { all: frame.total, plain: frame.plain });
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.total += frame.total;
      parent.plain += frame.plain;
    } else result = frame.total;
  }
  return result;
}

/** Where the page's text is walked from: the document, so that a second <body> or a page without one is read. */
export function pageRoot($: CheerioAPI): AnyNode | undefined {
  return $.root().get(0);
}

export function furnitureJudge($: CheerioAPI): FurnitureJudge {
  const chars = new Map<Element, { all: number; plain: number }>();
  const root = pageRoot($);
  const page = root ? visibleChars(root, chars) : 0;
  const memo = new Map<Element, boolean>();
  return (element) => {
    let verdict = memo.get(element);
    if (verdict === undefined) {
      const count = chars.get(element) ?? { all: 0, plain: 0 };
      verdict =
        hidden(element) || (labelledFurniture(element, count.plain) && count.all < MAIN_COLUMN_SHARE * page);
      memo.set(element, verdict);
    }
    return verdict;
  };
}

interface Stats {
  chars: number;
  linkChars: number;
  commas: number;
}

const EMPTY: Stats = { chars: 0, linkChars: 0, commas: 0 };

function textStats(node: AnyNode): Stats {
  const data = (node as unknown as { data: string }).data;
  let chars = 0;
  let commas = 0;
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (code > 32 && code !== 160) chars++;
    if (code === 44) commas++;
  }
  return { chars, linkChars: 0, commas };
}

/**
 * Text statistics of every element, computed bottom-up in one post-order walk (iterative, like
 * visibleChars); furniture counts as empty.
 */
function computeStats(root: AnyNode, stats: Map<Element, Stats>, isFurniture: FurnitureJudge): Stats {
  const walked = (node: AnyNode): node is ParentNode =>
    node.type === "root" ||
    (node.type === "tag" && !SKIPPED_TAGS.has((node as Element).name) && !isFurniture(node as Element));
  if (root.type === "text") return textStats(root);
  if (!walked(root)) return { ...EMPTY };
  const stack: Array<{ node: ParentNode; index: number; total: Stats }> = [
    { node: root, index: 0, total: { ...EMPTY } },
  ];
  let result: Stats = { ...EMPTY };
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const child = frame.node.children[frame.index++];
    if (child) {
      if (child.type === "text") add(frame.total, textStats(child));
      else if (walked(child)) stack.push({ node: child, index: 0, total: { ...EMPTY } });
      continue;
    }
    stack.pop();
    const { node, total } = frame;
    if (node.type === "tag") {
      if ((node as Element).name === "a") total.linkChars = total.chars;
      stats.set(node as Element, total);
    }
    const parent = stack[stack.length - 1];
    if (parent) add(parent.total, total);
    else result = total;
  }
  return result;
}

function add(into: Stats, sub: Stats): void {
  into.chars += sub.chars;
  into.linkChars += sub.linkChars;
  into.commas += sub.commas;
}

function isParagraphLike(element: Element): boolean {
  if (PARAGRAPH_TAGS.has(element.name)) return true;
  if (element.name !== "div" && element.name !== "section") return false;
  // A div used as a paragraph: no block children of its own.
  return !element.children.some(
    (child) => child.type === "tag" && BLOCK_CHILDREN.has((child as Element).name),
  );
}

function initialScore(element: Element): number {
  const base =
    element.name === "div" || element.name === "article"
      ? 5
      : ["pre", "td", "blockquote"].includes(element.name)
        ? 3
        : ["ol", "ul", "dl", "li", "form", "address"].includes(element.name)
          ? -3
          : /^h[1-6]$|^th$/.test(element.name)
            ? -5
            : 0;
  return base + classWeight(element);
}

/** Blocks whose own text beside their block children is read as a paragraph. */
const BLOCK_CONTAINERS = new Set(["div", "section", "article", "td", "main"]);

/** The text of an element outside its block children (whose statistics are already known). */
function ownInlineStats(element: Element, whole: Stats, stats: Map<Element, Stats>): Stats {
  const own = { ...whole };
  for (const child of element.children) {
    if (child.type !== "tag" || !BLOCK_CHILDREN.has((child as Element).name)) continue;
    const sub = stats.get(child as Element);
    if (!sub) continue;
    own.chars -= sub.chars;
    own.linkChars -= sub.linkChars;
    own.commas -= sub.commas;
  }
  return own;
}

/** How many ancestors a paragraph's score is credited to (Readability's five). */
const ANCESTOR_LEVELS = 5;

/** The element most likely to hold the article text, with the score it won by. */
export function topCandidate(
  $: CheerioAPI,
  isFurniture: FurnitureJudge,
): { element: Element; score: number; scores: Map<Element, number>; stats: Map<Element, Stats> } | null {
  const stats = new Map<Element, Stats>();
  const root = pageRoot($);
  if (!root) return null;
  computeStats(root, stats, isFurniture);
  const scores = new Map<Element, number>();
  for (const [element, whole] of stats) {
    // A block holding text of its own beside its blocks (a post written as one <strong> run with
    // <br>s next to empty <p>s) counts that text as a paragraph of its own, as Readability does by
    // wrapping such runs in <p>.
    const paragraphLike = isParagraphLike(element);
    const stat = paragraphLike ? whole : ownInlineStats(element, whole, stats);
    if (stat.chars < 25 || (!paragraphLike && !BLOCK_CONTAINERS.has(element.name))) continue;
    const score = 1 + stat.commas + Math.min(Math.floor(stat.chars / 100), 3);
    let ancestor = (paragraphLike ? element.parent : element) as Element | null;
    for (let level = 0; ancestor && ancestor.type === "tag" && level < ANCESTOR_LEVELS; level++) {
      if (!scores.has(ancestor)) scores.set(ancestor, initialScore(ancestor));
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(ancestor, scores.get(ancestor)! + score / divider);
      ancestor = ancestor.parent as Element | null;
    }
  }
  let best: { element: Element; score: number } | null = null;
  for (const [element, raw] of scores) {
    const stat = stats.get(element);
    if (!stat || stat.chars === 0) continue;
    const score = raw * (1 - stat.linkChars / stat.chars);
    scores.set(element, score);
    if (!best || score > best.score) best = { element, score };
  }
  return best ? { ...best, scores, stats } : null;
}

/** The winner plus siblings that continue the article (split bodies, paragraphs beside the div). */
function withSiblings(
  element: Element,
  topScore: number,
  scores: Map<Element, number>,
  stats: Map<Element, Stats>,
): Element[] {
  const parent = element.parent as Element | null;
  if (parent?.type !== "tag") return [element];
  const threshold = Math.max(10, topScore * 0.2);
  const siblingClass = element.attribs.class;
  const kept: Element[] = [];
  for (const child of parent.children) {
    if (child.type !== "tag") continue;
    const sibling = child as Element;
    if (sibling === element) {
      kept.push(sibling);
      continue;
    }
    const stat = stats.get(sibling);
    if (!stat || stat.chars === 0) continue;
    const bonus = siblingClass && sibling.attribs.class === siblingClass ? topScore * 0.2 : 0;
    const density = stat.linkChars / stat.chars;
    if ((scores.get(sibling) ?? 0) + bonus >= threshold) kept.push(sibling);
    else if (sibling.name === "p" && stat.chars > 80 && density < 0.25) kept.push(sibling);
    else if (sibling.name === "p" && stat.chars > 0 && density === 0 && /[.!?…"”]$/.test($text(sibling)))
      kept.push(sibling);
  }
  return kept;
}

function $text(element: Element): string {
  return paragraphsOf([element])
    .map((paragraph) => paragraph.text)
    .join(" ");
}

/** Candidates of at least this share of the winner's score count as alternatives to it. */
const ALTERNATIVE_SHARE = 0.75;
/** How many alternatives must sit under one ancestor for it to be the article instead. */
const MIN_ALTERNATIVES = 3;

/**
 * Readability's two corrections to the best-scoring element: when several other strong candidates
 * sit under one of its ancestors (a blog page's posts, a body split over many divs), that ancestor
 * is the article; and a parent that scores higher than the winner wins.
 */
function promote(
  winner: { element: Element; score: number },
  scores: Map<Element, number>,
): { element: Element; score: number } {
  const alternatives = [...scores]
    .filter(([element, score]) => element !== winner.element && score >= winner.score * ALTERNATIVE_SHARE)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([element]) => element);
  let top = winner.element;
  if (alternatives.length >= MIN_ALTERNATIVES) {
    for (
      let parent = top.parent as Element | null;
      parent && parent.type === "tag" && parent.name !== "body";
      parent = parent.parent as Element | null
    ) {
      const inside = alternatives.filter((alternative) => contains(parent!, alternative)).length;
      if (inside >= MIN_ALTERNATIVES) {
        top = parent;
        break;
      }
    }
  }
  // A winner alone in its parent (a component wrapped in wrappers) is read at the outermost
  // wrapper, so that the sibling pass sees the article's other parts beside it.
  for (
    let parent = top.parent as Element | null;
    parent && parent.type === "tag" && parent.name !== "body" && elementChildren(parent) === 1;
    parent = parent.parent as Element | null
  )
    top = parent;
  let lastScore = scores.get(top) ?? winner.score;
  const threshold = lastScore / 3;
  for (
    let parent = top.parent as Element | null;
    parent && parent.type === "tag" && parent.name !== "body";
    parent = parent.parent as Element | null
  ) {
    const parentScore = scores.get(parent);
    if (parentScore === undefined) continue;
    if (parentScore < threshold) break;
    if (parentScore > lastScore) {
      top = parent;
      break;
    }
    lastScore = parentScore;
  }
  return { element: top, score: scores.get(top) ?? winner.score };
}

function elementChildren(element: Element): number {
  let count = 0;
  for (const child of element.children) if (child.type === "tag") count++;
  return count;
}

function contains(ancestor: Element, node: Element): boolean {
  for (let at: Element | null = node; at && at.type === "tag"; at = at.parent as Element | null)
    if (at === ancestor) return true;
  return false;
}

/** The article's paragraphs by the generic algorithm, furniture pruned; empty when nothing scores. */
export function genericBody(
  $: CheerioAPI,
  isFurniture: FurnitureJudge,
): { paragraphs: Paragraph[]; roots: Element[] } {
  const winner = topCandidate($, isFurniture);
  if (!winner) {
    // Nothing long enough to score (a page of short lines): all of the page's text, furniture pruned.
    const roots = elementsOf($("body").toArray());
    const fallback = roots.length > 0 ? roots : elementsOf($.root().children().toArray());
    return { paragraphs: paragraphsOf(fallback, isFurniture), roots: fallback };
  }
  const chosen = promote(winner, winner.scores);
  const roots = withSiblings(chosen.element, chosen.score, winner.scores, winner.stats);
  return { paragraphs: paragraphsOf(roots, isFurniture), roots };
}
