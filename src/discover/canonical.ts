/**
 * One spelling per article URL, so that the same article found in a feed, a sitemap and a listing
 * page is fetched once: resolved against its base, fragment dropped, tracking parameters removed,
 * host lower-cased, default port and empty query dropped. Parameter order is kept: some CMSs route
 * on it, and the same article is practically never linked with its parameters reordered.
 */

/** Parameters that only say where a click came from. */
const TRACKING_PARAMS = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "twclid",
  "ttclid",
  "igshid",
  "mc_cid",
  "mc_eid",
  "_ga",
  "_gl",
  "_hsenc",
  "_hsmi",
  "mkt_tok",
  "zarsrc", // Zalo, the messaging app most Vietnamese readers arrive from
  "zalo_source",
  "ref_src",
  "spm",
  "vn_source",
  "vn_medium",
  "vn_campaign",
]);

export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith("utm_") || TRACKING_PARAMS.has(lower);
}

/** The canonical form of `href` read relative to `base`; null when it is not an http(s) URL. */
export function canonicalUrl(href: string, base?: string | URL): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  url.username = "";
  url.password = "";
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, "");
  for (const name of [...url.searchParams.keys()]) {
    if (isTrackingParam(name)) url.searchParams.delete(name);
  }
  if (url.search === "?") url.search = "";
  return url.href;
}

/** Canonicalises and de-duplicates a list, keeping first-seen order. */
export function canonicalUnique(hrefs: Iterable<string>, base?: string | URL): string[] {
  const seen = new Set<string>();
  for (const href of hrefs) {
    const canonical = canonicalUrl(href, base);
    if (canonical) seen.add(canonical);
  }
  return [...seen];
}
