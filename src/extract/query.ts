/**
 * The extraction's own CSS selectors, compiled once per process and run straight on the tree.
 *
 * `$(selector)` parses and compiles its selector on every call and wraps the result in a cheerio
 * object: about 12–30 µs a query on a news page, against 4–8 µs for the compiled query, and an
 * article reads a dozen fixed selectors. The compiled query is css-select's, the engine cheerio
 * itself runs, with the options cheerio passes for an HTML document (no XML mode), so the same
 * elements come back in the same (document) order. Selectors an operator writes in a source file
 * still go through cheerio, which adds jQuery's extensions (`:first`, `:eq`, …) to CSS.
 */
import { compile, selectAll, selectOne } from "css-select";
import type { AnyNode, Element } from "domhandler";
import { textContent } from "domutils";

type Compiled = ReturnType<typeof compile<AnyNode, Element>>;

const compiled = new Map<string, Compiled>();

function compiledQuery(selector: string): Compiled {
  let query = compiled.get(selector);
  if (!query) {
    query = compile<AnyNode, Element>(selector, { xmlMode: false });
    compiled.set(selector, query);
  }
  return query;
}

/**
 * Every element under `root` that matches, in document order. `root` is the document (its children
 * and their descendants are searched, as `$(selector)` does) or a list of nodes (the nodes
 * themselves and their descendants).
 */
export function queryAll(root: AnyNode | AnyNode[], selector: string): Element[] {
  return selectAll<AnyNode, Element>(compiledQuery(selector), root);
}

/** The first element `queryAll` would give, or null. */
export function queryOne(root: AnyNode | AnyNode[], selector: string): Element | null {
  return selectOne<AnyNode, Element>(compiledQuery(selector), root);
}

/** An attribute as cheerio's `.attr(name)` reads it on an element (never a boolean attribute here). */
export function attribute(element: Element | null | undefined, name: string): string | undefined {
  return element && Object.hasOwn(element.attribs, name) ? element.attribs[name] : undefined;
}

/** The text of the nodes as cheerio's `.text()` gives it: every text node below, concatenated. */
export function textOf(nodes: AnyNode | AnyNode[]): string {
  return textContent(nodes);
}
