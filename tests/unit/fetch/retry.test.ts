import { describe, expect, it } from "vitest";
import type { FetchResult } from "../../../src/fetch/http.ts";
import { withRetries } from "../../../src/fetch/retry.ts";
import {
  HttpStatusError,
  NetworkError,
  RobotsDisallowedError,
  retryDecision,
  SsrfError,
  TimeoutError,
} from "../../../src/model/errors.ts";

const policy = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 10_000 };
const url = "http://example.vn/a";

describe("retryDecision", () => {
  it.each([
    [new HttpStatusError(url, 500), true],
    [new HttpStatusError(url, 503), true],
    [new HttpStatusError(url, 429), true],
    [new HttpStatusError(url, 408), true],
    [new TimeoutError("slow", url), true],
    [new NetworkError("reset", url, "ECONNRESET"), true],
    [new HttpStatusError(url, 404), false],
    [new HttpStatusError(url, 403), false],
    [new HttpStatusError(url, 410), false],
    [new SsrfError(url, "10.0.0.1", "private"), false],
    [new RobotsDisallowedError(url), false],
    [new Error("a bug"), false],
  ])("%s → retry %s", (error, retry) => {
    expect(retryDecision(error, 1, policy).retry).toBe(retry);
  });

  it("backs off exponentially with jitter within [ceiling/2, ceiling]", () => {
    const error = new HttpStatusError(url, 502);
    expect(retryDecision(error, 1, policy, () => 0)).toEqual({ retry: true, delayMs: 500 });
    expect(retryDecision(error, 1, policy, () => 0.5)).toEqual({ retry: true, delayMs: 750 });
    expect(retryDecision(error, 2, policy, () => 0)).toEqual({ retry: true, delayMs: 1000 });
  });

  it("stops after the last attempt and honours a longer Retry-After", () => {
    expect(retryDecision(new HttpStatusError(url, 500), 3, policy).retry).toBe(false);
    expect(retryDecision(new HttpStatusError(url, 429, 8000), 1, policy, () => 0)).toEqual({
      retry: true,
      delayMs: 8000,
    });
  });
});

describe("withRetries", () => {
  it("retries a 5xx and returns the first success, sleeping the decided delays", async () => {
    const results: FetchResult[] = [
      { ok: false, error: new HttpStatusError(url, 502), redirects: [] },
      { ok: false, error: new TimeoutError("slow", url), redirects: [] },
    ];
    const slept: number[] = [];
    const success: FetchResult = {
      ok: true,
      page: { requestedUrl: url, url, status: 200, headers: {}, body: Buffer.from(""), redirects: [] },
    };
    const result = await withRetries(async () => results.shift() ?? success, {
      policy,
      sleep: async (ms) => void slept.push(ms),
    });
    expect(result.ok).toBe(true);
    expect(result.attempts).toBe(3);
    expect(slept).toHaveLength(2);
  });

  it("does not retry a 404", async () => {
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        return { ok: false, error: new HttpStatusError(url, 404), redirects: [] };
      },
      { policy, sleep: async () => undefined },
    );
    expect(calls).toBe(1);
    expect(result.ok).toBe(false);
  });
});
