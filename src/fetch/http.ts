/**
 * One HTTP GET the careful way: redirects followed by hand so that every hop passes the SSRF guard
 * (and the caller's `beforeHop`, e.g. robots.txt), a deadline for the whole exchange (a server that
 * drips one byte a second never trips a per-chunk timeout), a body-size limit, and decompression.
 *
 * Expected failures come back as values (`{ ok: false, error }`); only cancellation through the
 * caller's signal and bugs are thrown.
 */
import { type Dispatcher, request } from "undici";
import {
  BadUrlError,
  type CrawlError,
  HttpStatusError,
  NetworkError,
  SsrfError,
  TimeoutError,
  TooLargeError,
  TooManyRedirectsError,
} from "../model/errors.ts";
import { BodyLimitExceeded, readLimited } from "./body.ts";
import { checkUrl, GuardedLookupError, type Resolve } from "./guard.ts";
import { ACCEPT_BROWSER, ACCEPT_HTML, defaultHeaders } from "./headers.ts";

export interface FetchLimits {
  /** From the first byte sent to the last byte read, redirects included. */
  totalTimeoutMs: number;
  headersTimeoutMs: number;
  /** Longest silence between two body chunks. */
  bodyTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_LIMITS: FetchLimits = {
  totalTimeoutMs: 30_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
};

export interface FetchRequest {
  url: string;
  /** Hosts this source may reach even though they resolve to private addresses. */
  allowHosts: readonly string[];
  accept?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  limits?: Partial<FetchLimits>;
  /** Runs before each hop (the first included) after the SSRF guard; a returned error stops the fetch. */
  beforeHop?: (url: URL) => Promise<CrawlError | null>;
}

export interface FetchedPage {
  requestedUrl: string;
  /** After redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  redirects: string[];
}

export type FetchResult =
  | { ok: true; page: FetchedPage }
  | { ok: false; error: CrawlError; redirects: string[] };

export interface HttpDeps {
  dispatcherFor: (url: URL, allowHosts: readonly string[]) => Dispatcher;
  resolve?: Resolve;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value); // an IMF-fixdate, the one format Date.parse is specified to read
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The signal of one exchange: aborted by the caller's signal or when the whole exchange's time is up. */
interface Deadline {
  signal: AbortSignal;
  /** Whether it was the time that ran out. */
  readonly expired: boolean;
  /** Clears the timer and lets go of the caller's signal (kept for the whole job). */
  done(): void;
}

/**
 * What `AbortSignal.any([caller, AbortSignal.timeout(ms)])` gives, with a timer that is cleared as
 * soon as the exchange ends: those two left a 30-second timer and a signal pair behind for every
 * page fetched, and cost more than the rest of a request's bookkeeping.
 */
function deadlineOf(ms: number, caller: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
  }, ms);
  timer.unref();
  const onAbort = () => controller.abort(caller!.reason);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    done() {
      clearTimeout(timer);
      caller?.removeEventListener("abort", onAbort);
    },
  };
}

/** Maps what undici and the socket throw onto our error classes; unknown errors are rethrown. */
function classify(thrown: unknown, url: string, deadline: Deadline): CrawlError {
  if (thrown instanceof BodyLimitExceeded) return new TooLargeError(url, thrown.limitBytes);
  const seen = new Set<unknown>();
  for (let error = thrown as { code?: string; cause?: unknown } | undefined; error && !seen.has(error); ) {
    seen.add(error);
    if (error instanceof GuardedLookupError) return new SsrfError(url, error.address, error.reason);
    const code = error.code;
    if (
      code === "UND_ERR_HEADERS_TIMEOUT" ||
      code === "UND_ERR_BODY_TIMEOUT" ||
      code === "UND_ERR_CONNECT_TIMEOUT"
    )
      return new TimeoutError(`${code} on ${url}`, url);
    if (code && /^(E[A-Z]+|UND_ERR_SOCKET|UND_ERR_CLOSED)$/.test(code))
      return new NetworkError(`${code} on ${url}`, url, code);
    error = error.cause as typeof error;
  }
  if (deadline.expired) return new TimeoutError(`deadline exceeded on ${url}`, url);
  throw thrown;
}

async function fetchOnce(
  req: FetchRequest,
  deps: HttpDeps,
  accept: string,
  limits: FetchLimits,
  deadline: Deadline,
): Promise<FetchResult> {
  const redirects: string[] = [];
  let current: URL;
  try {
    current = new URL(req.url);
  } catch {
    return { ok: false, error: new BadUrlError(`not a URL: ${req.url}`, req.url), redirects };
  }
  const { signal } = deadline;

  for (let hop = 0; ; hop++) {
    const refusal =
      (await checkUrl(current, req.allowHosts, deps.resolve)) ?? (await req.beforeHop?.(current)) ?? null;
    if (refusal) return { ok: false, error: refusal, redirects };
    let response: Dispatcher.ResponseData;
    try {
      response = await request(current, {
        method: "GET",
        headers: { ...defaultHeaders(accept), ...req.headers },
        signal,
        dispatcher: deps.dispatcherFor(current, req.allowHosts),
        headersTimeout: limits.headersTimeoutMs,
        bodyTimeout: limits.bodyTimeoutMs,
      });
    } catch (error) {
      req.signal?.throwIfAborted();
      return { ok: false, error: classify(error, current.href, deadline), redirects };
    }
    const headers = flatHeaders(response.headers);
    const location = headers.location;
    if (REDIRECTS.has(response.statusCode) && location) {
      await response.body.dump().catch(() => undefined);
      if (hop >= limits.maxRedirects) {
        return { ok: false, error: new TooManyRedirectsError(req.url, limits.maxRedirects), redirects };
      }
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        return {
          ok: false,
          error: new BadUrlError(`bad redirect target ${location}`, current.href),
          redirects,
        };
      }
      redirects.push(next.href);
      current = next;
      continue;
    }
    if (response.statusCode >= 300 && response.statusCode !== 304) {
      await response.body.dump().catch(() => undefined);
      const error = new HttpStatusError(
        current.href,
        response.statusCode,
        parseRetryAfter(headers["retry-after"]),
      );
      return { ok: false, error, redirects };
    }
    const declared = Number(headers["content-length"]);
    if (!headers["content-encoding"] && Number.isFinite(declared) && declared > limits.maxBytes) {
      response.body.destroy();
      return { ok: false, error: new TooLargeError(current.href, limits.maxBytes), redirects };
    }
    let body: Buffer;
    try {
      body = await readLimited(response.body, headers["content-encoding"], limits.maxBytes);
    } catch (error) {
      response.body.destroy();
      req.signal?.throwIfAborted();
      return { ok: false, error: classify(error, current.href, deadline), redirects };
    }
    return {
      ok: true,
      page: {
        requestedUrl: req.url,
        url: current.href,
        status: response.statusCode,
        headers,
        body,
        redirects,
      },
    };
  }
}

/**
 * GET with all the guards. A 406 is retried once with the headers a browser sends: some servers
 * reject anything that does not look like one, and an honest User-Agent is kept either way.
 */
export async function httpFetch(req: FetchRequest, deps: HttpDeps): Promise<FetchResult> {
  const limits = { ...DEFAULT_LIMITS, ...req.limits };
  const deadline = deadlineOf(limits.totalTimeoutMs, req.signal);
  try {
    const first = await fetchOnce(req, deps, req.accept ?? ACCEPT_HTML, limits, deadline);
    if (!first.ok && first.error instanceof HttpStatusError && first.error.status === 406) {
      return await fetchOnce(req, deps, ACCEPT_BROWSER, limits, deadline);
    }
    return first;
  } finally {
    deadline.done();
  }
}
