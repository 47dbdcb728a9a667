/**
 * robots.txt, fetched once per origin and cached in a store shared by all worker processes, read as
 * RFC 9309 says: a 4xx means no rules, a 5xx or an unreachable server means "assume everything is
 * disallowed" for a short while, and Crawl-delay (not in the RFC, but widely used by Vietnamese
 * outlets' CMSs) is honoured up to a ceiling.
 */
import robotsParserModule from "robots-parser";
import { CrawlError, HttpStatusError } from "../model/errors.ts";
import { ROBOTS_TOKEN } from "./headers.ts";
import type { FetchResult } from "./http.ts";

export interface RobotsRecord {
  outcome: "rules" | "allow_all" | "disallow_all";
  body: string;
  /** Why, for the error message when everything is disallowed. */
  note: string;
  fetchedAt: number;
}

export interface RobotsStore {
  get(origin: string): Promise<RobotsRecord | null>;
  put(origin: string, record: RobotsRecord, ttlMs: number): Promise<void>;
}

export type RobotsVerdict =
  | { ok: true; allowed: boolean; crawlDelayMs: number | undefined; note: string }
  | { ok: false; error: CrawlError };

type RobotsParser = (
  url: string,
  body: string,
) => {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
};
// A CommonJS module whose typings declare an ES default export: at run time the default import is
// the function itself, to the type checker it is the module object.
const robotsParser: RobotsParser =
  (robotsParserModule as unknown as { default?: RobotsParser }).default ??
  (robotsParserModule as unknown as RobotsParser);

export const ROBOTS_TTL_MS = 60 * 60 * 1000;
const UNREACHABLE_TTL_MS = 5 * 60 * 1000;
/** A Crawl-delay of an hour would stop a source; a minute between requests is already very polite. */
export const MAX_CRAWL_DELAY_MS = 60_000;
/** How long a record is kept in the shared store: a site in trouble is asked again sooner. */
export function robotsTtlMs(record: Pick<RobotsRecord, "outcome">): number {
  return record.outcome === "disallow_all" ? UNREACHABLE_TTL_MS : ROBOTS_TTL_MS;
}

/** RFC 9309 asks crawlers to read at least 500 KiB. */
export const ROBOTS_MAX_BYTES = 512 * 1024;

/** What a fetch of /robots.txt means, as a record to cache; `null` when the fetch was refused. */
export function recordFromFetch(result: FetchResult, now: number): RobotsRecord | null {
  if (result.ok) {
    if (result.page.status >= 200 && result.page.status < 300)
      return { outcome: "rules", body: result.page.body.toString("utf8"), note: "", fetchedAt: now };
    return { outcome: "allow_all", body: "", note: `HTTP ${result.page.status}`, fetchedAt: now };
  }
  const { error } = result;
  if (error.kind === "ssrf" || error.kind === "bad_url") return null;
  if (error instanceof HttpStatusError) {
    const { status } = error;
    if (status >= 400 && status < 500 && status !== 429)
      return { outcome: "allow_all", body: "", note: `HTTP ${status}`, fetchedAt: now };
  }
  // 5xx, 429, timeouts, resets, redirect loops: the site may be in trouble; stay away for now.
  return {
    outcome: "disallow_all",
    body: "",
    note: `robots.txt unreachable (${error.message})`,
    fetchedAt: now,
  };
}

type ParsedRobots = ReturnType<RobotsParser>;

/**
 * The parsed rules of the last robots.txt seen per origin: every article of a site is judged by the
 * same file, and parsing it again each time cost more than the fetch's own bookkeeping. Reused
 * only for the very same text; the parser's rules are not changed by the questions asked.
 */
const parsedRobots = new Map<string, { body: string; robots: ParsedRobots }>();
const MAX_PARSED_ORIGINS = 1_000;

function parsedFor(robotsUrl: string, body: string): ParsedRobots {
  const known = parsedRobots.get(robotsUrl);
  if (known?.body === body) return known.robots;
  const robots = robotsParser(robotsUrl, body);
  // Oldest first out: a Map iterates in insertion order.
  if (!known && parsedRobots.size >= MAX_PARSED_ORIGINS)
    parsedRobots.delete(parsedRobots.keys().next().value!);
  parsedRobots.set(robotsUrl, { body, robots });
  return robots;
}

export function verdictFor(url: URL, record: RobotsRecord): RobotsVerdict {
  if (record.outcome === "allow_all")
    return { ok: true, allowed: true, crawlDelayMs: undefined, note: record.note };
  if (record.outcome === "disallow_all")
    return { ok: true, allowed: false, crawlDelayMs: undefined, note: record.note };
  const robots = parsedFor(new URL("/robots.txt", url).href, record.body);
  const delaySeconds = robots.getCrawlDelay(ROBOTS_TOKEN);
  const crawlDelayMs =
    typeof delaySeconds === "number" && delaySeconds > 0
      ? Math.min(MAX_CRAWL_DELAY_MS, Math.round(delaySeconds * 1000))
      : undefined;
  // `undefined` from the parser means the URL belongs to another origin: not ours to judge here.
  return { ok: true, allowed: robots.isAllowed(url.href, ROBOTS_TOKEN) !== false, crawlDelayMs, note: "" };
}

export interface RobotsDeps {
  store: RobotsStore;
  /** Fetches an origin's /robots.txt (through the guard). */
  fetchRobots: (robotsUrl: string, signal?: AbortSignal) => Promise<FetchResult>;
  /**
   * Runs the fetch-and-store exclusively (the crawl holds a slot of the host): the store is read
   * again inside, so processes that missed the cache together fetch robots.txt once, not once each.
   */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  now?: () => number;
}

/** Reads robots.txt rules for a URL, fetching and caching them when the store has none. */
export async function robotsVerdict(
  url: URL,
  deps: RobotsDeps,
  signal?: AbortSignal,
): Promise<RobotsVerdict> {
  const now = deps.now ?? Date.now;
  const cached = await deps.store.get(url.origin);
  if (cached) return verdictFor(url, cached);
  const fetchAndStore = async (): Promise<RobotsRecord | CrawlError> => {
    const again = await deps.store.get(url.origin);
    if (again) return again;
    const result = await deps.fetchRobots(new URL("/robots.txt", url).href, signal);
    const record = recordFromFetch(result, now());
    if (!record) return (result as { error: CrawlError }).error;
    await deps.store.put(url.origin, record, robotsTtlMs(record));
    return record;
  };
  const record = deps.exclusive ? await deps.exclusive(fetchAndStore) : await fetchAndStore();
  return record instanceof CrawlError ? { ok: false, error: record } : verdictFor(url, record);
}
