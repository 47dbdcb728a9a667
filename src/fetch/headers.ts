/** How Presswatch introduces itself to the sites it reads. */

/** The token robots.txt groups are matched against. */
export const ROBOTS_TOKEN = "Presswatch";

/** Descriptive, with a way to reach the operator, as robots.txt etiquette asks. */
export const USER_AGENT =
  "Presswatch/0.1 (+https://github.com/presswatch/presswatch; press monitoring for a provincial communication office)";

export const ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";
export const ACCEPT_FEED =
  "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8";
/**
 * What a browser sends. Some servers (mod_security rules, CDNs) answer 406 to anything else; the
 * fetcher retries once with this after a 406.
 */
export const ACCEPT_BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

export function defaultHeaders(accept: string): Record<string, string> {
  return {
    "user-agent": USER_AGENT,
    accept,
    "accept-language": "vi,en;q=0.7",
    "accept-encoding": "gzip, deflate, br",
  };
}
