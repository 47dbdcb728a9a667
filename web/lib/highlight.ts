/**
 * Search highlights arrive as HTML-escaped text with `<mark>`…`</mark>` around the matches
 * (OpenSearch's html encoder). They are never given to innerHTML: the fragment is split on the
 * exact marker tags, every other part is decoded to plain text, and Preact renders text nodes.
 * A `<mark>` written in an article arrives escaped (`&lt;mark&gt;`), so it stays text.
 */
export interface Segment {
  text: string;
  mark: boolean;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

export function highlightSegments(fragment: string): Segment[] {
  const segments: Segment[] = [];
  let mark = false;
  for (const part of fragment.split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") mark = true;
    else if (part === "</mark>") mark = false;
    else if (part) segments.push({ text: decodeEntities(part), mark });
  }
  return segments;
}
