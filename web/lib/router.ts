/**
 * Hash routing: `#/search?q=sam+ngoc+linh&theme=tourism`. The address carries the page and its
 * query, so a search can be bookmarked, shared and reloaded, and the server serves one page.
 */
import { useEffect, useState } from "preact/hooks";
import { type Query, queryString } from "../api/client.ts";

export interface Route {
  path: string;
  segments: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, "") || "/";
  const [pathPart = "/", queryPart = ""] = raw.split("?", 2);
  const path = pathPart.startsWith("/") ? pathPart : `/${pathPart}`;
  const segments = path
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  return { path, segments, params: new URLSearchParams(queryPart) };
}

export function href(path: string, query: Query = {}): string {
  return `#${path}${queryString(query)}`;
}

export function navigate(path: string, query: Query = {}, options: { replace?: boolean } = {}): void {
  const target = href(path, query);
  if (options.replace) {
    history.replaceState(null, "", target);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else {
    location.hash = target;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}

/** The last search's address, for "back to results" links. */
let lastSearch = "";

export function rememberSearch(query: string): void {
  lastSearch = query;
}

export function lastSearchHref(): string {
  return `#/search${lastSearch ? `?${lastSearch}` : ""}`;
}
