/**
 * An archived page as a safe, script-free document: the raw HTML of someone else's site is
 * untrusted, so it is sanitised (sanitize-html, an allow-list: no script, no event handler, no
 * style sheet, no form, no frame, no link target, no image but inline `data:` ones, no URL that
 * would make the browser ask anything of another server), then wrapped in a page whose own
 * Content-Security-Policy forbids every load but inline styles and `data:` images and sandboxes
 * it without scripts. The API sends the same policy as a header, and the dashboard shows it in an
 * iframe with `sandbox` (no allow-scripts): three locks, each enough alone.
 */
import sanitizeHtml from "sanitize-html";

/** Header and meta policy of a served snapshot. */
export const SNAPSHOT_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  "sandbox",
].join("; ");

const TAGS = [
  ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== "a"),
  "img",
  "h1",
  "h2",
  "figure",
  "figcaption",
  "time",
  "span",
];

/** The page's content with everything that could run or reach the network taken out. */
export function sanitizeSnapshot(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: TAGS,
    // Links keep their text and lose their target: following one would leave the archive.
    allowedAttributes: {
      img: ["src", "alt", "width", "height"],
      td: ["colspan", "rowspan"],
      th: ["colspan", "rowspan"],
      time: ["datetime"],
    },
    allowedSchemes: [],
    allowedSchemesByTag: { img: ["data"] },
    allowedSchemesAppliedToAttributes: ["src", "href", "cite", "srcset"],
    allowProtocolRelative: false,
    // An image from elsewhere would be a request to that server: dropped, its alt text kept.
    exclusiveFilter: (frame) => frame.tag === "img" && !/^data:image\//i.test(frame.attribs.src ?? ""),
    nonTextTags: ["script", "style", "textarea", "option", "noscript", "template", "title", "head"],
    disallowedTagsMode: "discard",
  });
}

export interface SnapshotFacts {
  url: string | null;
  fetchedAt: string | null;
  hash: string;
  intact: boolean;
}

const escapeText = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** "08:02 18/06/2024 (giờ Việt Nam)": the fetch time as the province reads it. */
function vietnamTime(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Ho_Chi_Minh",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}/${parts.year} (giờ Việt Nam)`;
}

/** The document the API serves: the sanitised page under a banner saying what it is. */
export function snapshotDocument(html: string, facts: SnapshotFacts): string {
  const banner = [
    "Bản lưu (archived copy)",
    facts.fetchedAt ? `lấy lúc ${vietnamTime(facts.fetchedAt)}` : null,
    `sha256 ${facts.hash}`,
    facts.intact ? null : "KHÔNG KHỚP mã băm (hash mismatch)",
  ]
    .filter(Boolean)
    .join(" · ");
  return `<!doctype html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeText(SNAPSHOT_CSP.replace("; frame-ancestors 'self'; sandbox", ""))}">
<meta name="referrer" content="no-referrer">
<title>${escapeText(facts.url ?? facts.hash)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:860px;margin:0 auto;padding:0 1rem;line-height:1.5}img{max-width:100%;height:auto}.pw-banner{font:12px/1.4 monospace;background:#f4f4f4;border-bottom:1px solid #ccc;padding:.5rem;margin:0 -1rem 1rem;overflow-wrap:anywhere}</style>
</head><body><div class="pw-banner">${escapeText(banner)}</div>
${sanitizeSnapshot(html)}
</body></html>`;
}
