/**
 * What can go wrong when Presswatch reads the outside web, as error classes, and the one place
 * (`retryDecision`) that decides whether an error is worth another attempt and after how long.
 *
 * These are *expected* failures: the fetcher returns them as values (`FetchResult`), the jobs record
 * them on the source's health, and only the queue layer turns a retryable one into a BullMQ retry.
 * Anything that is not a `CrawlError` is a bug or an outage of our own and is thrown as it is.
 */

export type CrawlErrorKind =
  | "bad_url"
  | "ssrf"
  | "robots"
  | "http_status"
  | "timeout"
  | "too_large"
  | "too_many_redirects"
  | "network"
  | "parse"
  | "render";

/**
 * An expected failure of a job that knows whether another attempt may succeed. The queue contract's
 * consumer (`consume` in src/queue/contract.ts) is the one place that turns `retryable: false` into
 * a job failed for good; job bodies throw these and never decide a BullMQ outcome themselves.
 */
export abstract class OutcomeError extends Error {
  abstract readonly retryable: boolean;
}

/** The search engine did not take a document: busy or away is retryable, a refused document not. */
export class IndexError extends OutcomeError {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "IndexError";
  }
}

export abstract class CrawlError extends OutcomeError {
  abstract readonly kind: CrawlErrorKind;
  /** Whether the same request may succeed later (5xx, timeouts, resets); 4xx and refusals never. */
  abstract override readonly retryable: boolean;
  /** A delay the remote asked for (Retry-After), when it did. */
  readonly retryAfterMs: number | undefined = undefined;

  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadUrlError extends CrawlError {
  readonly kind = "bad_url";
  readonly retryable = false;
}

/** The target resolves to a private, loopback, link-local or metadata address. */
export class SsrfError extends CrawlError {
  readonly kind = "ssrf";
  readonly retryable = false;
  constructor(
    url: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(`refused ${url}: ${address} is ${reason}`, url);
  }
}

export class RobotsDisallowedError extends CrawlError {
  readonly kind = "robots";
  readonly retryable = false;
  constructor(url: string) {
    super(`robots.txt disallows ${url}`, url);
  }
}

export class HttpStatusError extends CrawlError {
  readonly kind = "http_status";
  override readonly retryAfterMs: number | undefined;
  constructor(
    url: string,
    readonly status: number,
    retryAfterMs?: number,
  ) {
    super(`HTTP ${status} from ${url}`, url);
    this.retryAfterMs = retryAfterMs;
  }
  // 408 and 429 are the two 4xx that mean "later", not "never".
  get retryable(): boolean {
    return this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

export class TimeoutError extends CrawlError {
  readonly kind = "timeout";
  readonly retryable = true;
}

export class TooLargeError extends CrawlError {
  readonly kind = "too_large";
  readonly retryable = false;
  constructor(
    url: string,
    readonly limitBytes: number,
  ) {
    super(`body of ${url} exceeds ${limitBytes} bytes`, url);
  }
}

export class TooManyRedirectsError extends CrawlError {
  readonly kind = "too_many_redirects";
  readonly retryable = false;
  constructor(
    url: string,
    readonly hops: number,
  ) {
    super(`more than ${hops} redirects from ${url}`, url);
  }
}

/** Connection refused or reset, DNS failure: usually transient. */
export class NetworkError extends CrawlError {
  readonly kind = "network";
  readonly retryable = true;
  constructor(
    message: string,
    url: string,
    readonly code: string | undefined,
  ) {
    super(message, url);
  }
}

/** A document arrived but is not what it claims (malformed XML, no feed root). */
export class ParseError extends CrawlError {
  readonly kind = "parse";
  readonly retryable = false;
}

export class RenderError extends CrawlError {
  readonly kind = "render";
  readonly retryable = true;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

export interface BackoffPolicy {
  /** Attempts in total, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * The single retry rule: retryable errors back off exponentially with full jitter (so processes
 * that failed together do not retry together), honouring Retry-After when it is longer.
 * `attempt` counts from 1 for the attempt that just failed.
 */
export function retryDecision(
  error: unknown,
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): RetryDecision {
  if (!(error instanceof CrawlError) || !error.retryable || attempt >= policy.attempts)
    return { retry: false };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return { retry: true, delayMs: Math.max(jittered, Math.min(error.retryAfterMs ?? 0, policy.maxDelayMs)) };
}

/** Anything thrown, as an Error (JavaScript lets code throw strings and objects). */
export function coerceError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(typeof thrown === "string" ? thrown : JSON.stringify(thrown));
}
