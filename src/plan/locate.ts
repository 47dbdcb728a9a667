/** Finds where in the YAML source a plan path (`obligations[3].themes[0]`) was written. */
import { type Document, isCollection, isMap, isNode, isScalar, type LineCounter } from "yaml";
import type { IssuePath } from "./problems.ts";

export interface SourcePosition {
  line: number;
  column: number;
  /** False when the path itself is absent (a missing field): the position is then its parent's. */
  found: boolean;
}

export function locate(doc: Document, lineCounter: LineCounter, path: IssuePath): SourcePosition {
  // Walk up from the full path: a missing field is reported where the object that lacks it starts.
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    const node = depth === 0 ? doc.contents : doc.getIn(prefix, true);
    if (isNode(node) && node.range) {
      // A block list or map starts on the line after its key; the key is where a reader looks.
      const start = (isCollection(node) ? keyStart(doc, prefix) : undefined) ?? node.range[0];
      const { line, col } = lineCounter.linePos(start);
      return { line, column: col, found: depth === path.length };
    }
  }
  // An empty document has no node at all; its first line is the honest answer.
  return { line: 1, column: 1, found: path.length === 0 };
}

/** Where the key of the last path segment starts, when that segment is a key of a mapping. */
function keyStart(doc: Document, path: IssuePath): number | undefined {
  const key = path.at(-1);
  if (typeof key !== "string") return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
  return isNode(pair?.key) ? pair.key.range?.[0] : undefined;
}
