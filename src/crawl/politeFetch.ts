/**
 * A GET as the crawl makes it, composed from the pieces in src/fetch and the host limiter:
 *
 *   robots.txt allows it? → take a slot for the host → fetch (guarded, quick retries) → free the
 *   slot, with the pause the source or robots.txt asks for.
 *
 * The same steps wrap a browser render (`politely`), so rendered pages are just as polite.
 * robots.txt itself is fetched inside a slot too, so it counts against the host's concurrency.
 * A host that is busy for longer than `maxWaitMs` throws a DelayRequest: the job comes back later
 * instead of holding a worker.
 */

import type { FetchRequest, FetchResult } from "../fetch/http.ts";
import { ROBOTS_MAX_BYTES, type RobotsDeps, type RobotsStore, robotsVerdict } from "../fetch/robots.ts";
import { BadUrlError, type CrawlError, RobotsDisallowedError } from "../model/errors.ts";
import { DelayRequest } from "../queue/contract.ts";
import type { Acquired } from "../queue/hostLimiter.ts";
import type { Politeness } from "../sources/schema.ts";

export interface PoliteDeps {
  /** The SSRF guard alone, checked first so a refusal names the page, not its robots.txt. */
  guard: (url: URL, allowHosts: readonly string[]) => Promise<CrawlError | null>;
  /** The guarded fetcher, with quick retries applied. */
  http: (request: FetchRequest) => Promise<FetchResult>;
  limiter: {
    acquire(
      host: string,
      limit: number,
      options: { maxWaitMs: number; signal?: AbortSignal },
    ): Promise<Acquired>;
  };
  robots: RobotsStore;
}

export interface PoliteRequest {
  url: string;
  accept: string;
  headers?: Record<string, string>;
  allowHosts: readonly string[];
  politeness: Politeness;
  signal?: AbortSignal;
  /** How long to wait for a slot in this process before handing the job back to the queue. */
  maxWaitMs: number;
}

/** Runs `work` holding a slot of the URL's host; throws DelayRequest when none comes in time. */
async function inSlot<T>(
  deps: PoliteDeps,
  url: URL,
  limit: number,
  delayMs: number,
  request: Pick<PoliteRequest, "maxWaitMs" | "signal">,
  work: () => Promise<T>,
): Promise<T> {
  const slot = await deps.limiter.acquire(url.host, limit, {
    maxWaitMs: request.maxWaitMs,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  if (!slot.ok) throw new DelayRequest(slot.waitMs, `host ${url.host} is busy`);
  try {
    return await work();
  } finally {
    await slot.lease.release(delayMs);
  }
}

/**
 * Runs `work` (an HTTP fetch or a browser render of `request.url`) only if robots.txt allows the URL,
 * holding a slot of its host, and hands it the `beforeHop` check its redirects must pass.
 */
export async function politely<T extends { ok: boolean }>(
  request: PoliteRequest,
  deps: PoliteDeps,
  work: (hooks: { beforeHop: (hop: URL) => Promise<CrawlError | null> }) => Promise<T | FetchResult>,
): Promise<T | FetchResult> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { ok: false, error: new BadUrlError(`not a URL: ${request.url}`, request.url), redirects: [] };
  }
  const refusal = await deps.guard(url, request.allowHosts);
  if (refusal) return { ok: false, error: refusal, redirects: [] };
  const { politeness } = request;
  const robotsDeps = (slotted: boolean): RobotsDeps => ({
    store: deps.robots,
    fetchRobots: (robotsUrl: string, signal?: AbortSignal) =>
      deps.http({
        url: robotsUrl,
        allowHosts: request.allowHosts,
        accept: "text/plain,*/*;q=0.5",
        limits: { maxBytes: ROBOTS_MAX_BYTES },
        ...(signal ? { signal } : {}),
      }),
    ...(slotted
      ? {
          exclusive: <T>(work: () => Promise<T>) =>
            inSlot(deps, url, politeness.concurrency, politeness.delay, request, work),
        }
      : {}),
  });

  const verdict = await robotsVerdict(url, robotsDeps(true), request.signal);
  if (!verdict.ok) return { ok: false, error: verdict.error, redirects: [] };
  if (!verdict.allowed) return { ok: false, error: robotsError(url.href, verdict.note), redirects: [] };

  // A Crawl-delay means one request at a time, that far apart.
  const limit = verdict.crawlDelayMs ? 1 : politeness.concurrency;
  const delayMs = Math.max(politeness.delay, verdict.crawlDelayMs ?? 0);

  // Redirect targets must be allowed by their own robots.txt; other origins' files are fetched
  // outside the slot (the slot is this host's, and waiting for another host here could deadlock).
  const beforeHop = async (hop: URL): Promise<CrawlError | null> => {
    if (hop.href === url.href) return null;
    const hopVerdict = await robotsVerdict(hop, robotsDeps(false), request.signal);
    if (!hopVerdict.ok) return hopVerdict.error;
    return hopVerdict.allowed ? null : robotsError(hop.href, hopVerdict.note);
  };

  return inSlot(deps, url, limit, delayMs, request, () => work({ beforeHop }));
}

/** A GET of `request.url` the polite way. */
export function politeFetch(request: PoliteRequest, deps: PoliteDeps): Promise<FetchResult> {
  return politely<FetchResult>(request, deps, ({ beforeHop }) =>
    deps.http({
      url: request.url,
      allowHosts: request.allowHosts,
      accept: request.accept,
      beforeHop,
      ...(request.headers ? { headers: request.headers } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    }),
  );
}

function robotsError(url: string, note: string): CrawlError {
  const error = new RobotsDisallowedError(url);
  if (note) error.message = `${error.message} (${note})`;
  return error;
}
