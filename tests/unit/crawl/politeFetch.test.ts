import { describe, expect, it } from "vitest";
import { type PoliteDeps, politeFetch } from "../../../src/crawl/politeFetch.ts";
import type { FetchRequest, FetchResult } from "../../../src/fetch/http.ts";
import type { RobotsRecord } from "../../../src/fetch/robots.ts";
import { SsrfError } from "../../../src/model/errors.ts";
import { DelayRequest } from "../../../src/queue/contract.ts";

const ok = (url: string, body = "ok", status = 200): FetchResult => ({
  ok: true,
  page: { requestedUrl: url, url, status, headers: {}, body: Buffer.from(body), redirects: [] },
});

function deps(robotsTxt: string | null, options: { busyMs?: number } = {}) {
  const fetched: string[] = [];
  const acquired: Array<{ host: string; limit: number }> = [];
  const released: number[] = [];
  const store = new Map<string, RobotsRecord>();
  const d: PoliteDeps = {
    guard: async (url) =>
      url.hostname === "10.0.0.1" ? new SsrfError(url.href, "10.0.0.1", "private") : null,
    http: async (request: FetchRequest) => {
      fetched.push(request.url);
      if (request.url.endsWith("/robots.txt"))
        return robotsTxt === null ? ok(request.url, "", 404) : ok(request.url, robotsTxt);
      return ok(request.url);
    },
    limiter: {
      acquire: async (host, limit) => {
        if (options.busyMs) return { ok: false, waitMs: options.busyMs };
        acquired.push({ host, limit });
        return { ok: true, lease: { host, release: async (delay) => void released.push(delay) } };
      },
    },
    robots: {
      get: async (origin) => store.get(origin) ?? null,
      put: async (origin, record) => void store.set(origin, record),
    },
  };
  return { d, fetched, acquired, released };
}

const request = (url: string) => ({
  url,
  accept: "text/html",
  allowHosts: [],
  politeness: { concurrency: 3, delay: 200 },
  maxWaitMs: 0,
});

describe("politeFetch", () => {
  it("never fetches a path robots.txt disallows", async () => {
    const { d, fetched } = deps("User-agent: *\nDisallow: /private/");
    const result = await politeFetch(request("https://x.vn/private/draft.html"), d);
    expect(!result.ok && result.error.kind).toBe("robots");
    expect(fetched).toEqual(["https://x.vn/robots.txt"]);
  });

  it("turns a Crawl-delay into one request at a time with that pause", async () => {
    const { d, acquired, released } = deps("User-agent: *\nCrawl-delay: 2");
    expect((await politeFetch(request("https://x.vn/a"), d)).ok).toBe(true);
    expect(acquired.at(-1)).toEqual({ host: "x.vn", limit: 1 });
    expect(released.at(-1)).toBe(2000);
  });

  it("uses the source's politeness when robots.txt says nothing", async () => {
    const { d, acquired, released } = deps(null);
    await politeFetch(request("https://x.vn/a"), d);
    expect(acquired.at(-1)).toEqual({ host: "x.vn", limit: 3 });
    expect(released.at(-1)).toBe(200);
  });

  it("hands the job back with the wait when the host is busy", async () => {
    const { d, fetched } = deps(null, { busyMs: 900 });
    await expect(politeFetch(request("https://x.vn/a"), d)).rejects.toMatchObject({
      constructor: DelayRequest,
      delayMs: 900,
    });
    expect(fetched).toEqual([]);
  });

  it("refuses a forbidden target before touching robots.txt or a slot", async () => {
    const { d, fetched, acquired } = deps(null);
    const result = await politeFetch(request("http://10.0.0.1/admin"), d);
    expect(!result.ok && result.error.kind).toBe("ssrf");
    expect(fetched).toEqual([]);
    expect(acquired).toEqual([]);
  });
});
