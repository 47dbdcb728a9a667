import { describe, expect, it } from "vitest";
import type { FetchResult } from "../../../src/fetch/http.ts";
import {
  MAX_CRAWL_DELAY_MS,
  type RobotsRecord,
  recordFromFetch,
  robotsVerdict,
  verdictFor,
} from "../../../src/fetch/robots.ts";
import { HttpStatusError, SsrfError, TimeoutError } from "../../../src/model/errors.ts";

const origin = "http://baokontum.example";
const page = (status: number, body: string): FetchResult => ({
  ok: true,
  page: {
    requestedUrl: `${origin}/robots.txt`,
    url: `${origin}/robots.txt`,
    status,
    headers: {},
    body: Buffer.from(body),
    redirects: [],
  },
});
const failure = (error: HttpStatusError | TimeoutError | SsrfError): FetchResult => ({
  ok: false,
  error,
  redirects: [],
});

describe("recordFromFetch (RFC 9309)", () => {
  it("keeps the rules of a 200", () => {
    expect(recordFromFetch(page(200, "User-agent: *\nDisallow: /a"), 0)?.outcome).toBe("rules");
  });
  it("allows everything after a 404", () => {
    expect(recordFromFetch(failure(new HttpStatusError(`${origin}/robots.txt`, 404)), 0)?.outcome).toBe(
      "allow_all",
    );
  });
  it("disallows everything while robots.txt answers 5xx or times out", () => {
    expect(recordFromFetch(failure(new HttpStatusError(`${origin}/robots.txt`, 503)), 0)?.outcome).toBe(
      "disallow_all",
    );
    expect(recordFromFetch(failure(new TimeoutError("slow", origin)), 0)?.outcome).toBe("disallow_all");
  });
  it("passes a refusal through instead of caching it", () => {
    expect(recordFromFetch(failure(new SsrfError(origin, "127.0.0.1", "loopback")), 0)).toBeNull();
  });
});

describe("verdictFor", () => {
  const record = (body: string): RobotsRecord => ({ outcome: "rules", body, note: "", fetchedAt: 0 });

  it("applies the group for our token and reads Crawl-delay in ms", () => {
    const rules = record(
      "User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n\nUser-agent: OtherBot\nDisallow: /",
    );
    expect(verdictFor(new URL(`${origin}/private/draft.html`), rules)).toMatchObject({ allowed: false });
    expect(verdictFor(new URL(`${origin}/tin-tuc/1.html`), rules)).toMatchObject({
      allowed: true,
      crawlDelayMs: 2000,
    });
  });

  it("caps absurd Crawl-delays", () => {
    expect(verdictFor(new URL(`${origin}/`), record("User-agent: *\nCrawl-delay: 86400"))).toMatchObject({
      crawlDelayMs: MAX_CRAWL_DELAY_MS,
    });
  });

  it("matches a group written for Presswatch", () => {
    expect(verdictFor(new URL(`${origin}/x`), record("User-agent: Presswatch\nDisallow: /x"))).toMatchObject({
      allowed: false,
    });
  });
  it("judges by the text it is given when an origin's robots.txt changes (the parse is reused only for the same text)", () => {
    const site = "http://changing.example";
    const before = record("User-agent: *\nDisallow: /a/");
    const after = record("User-agent: *\nDisallow: /b/\nCrawl-delay: 3");
    for (let i = 0; i < 3; i++) {
      expect(verdictFor(new URL(`${site}/a/1`), before)).toMatchObject({
        allowed: false,
        crawlDelayMs: undefined,
      });
      expect(verdictFor(new URL(`${site}/b/1`), before)).toMatchObject({ allowed: true });
    }
    expect(verdictFor(new URL(`${site}/a/1`), after)).toMatchObject({ allowed: true, crawlDelayMs: 3000 });
    expect(verdictFor(new URL(`${site}/b/1`), after)).toMatchObject({ allowed: false });
    // And back: the first text again, a copy of it, not the object seen before.
    expect(verdictFor(new URL(`${site}/a/1`), { ...before, body: `${before.body}` })).toMatchObject({
      allowed: false,
    });
  });
});

describe("robotsVerdict", () => {
  it("fetches robots.txt once per origin and then reads the store", async () => {
    const stored = new Map<string, RobotsRecord>();
    let fetches = 0;
    const deps = {
      store: {
        get: async (o: string) => stored.get(o) ?? null,
        put: async (o: string, r: RobotsRecord) => void stored.set(o, r),
      },
      fetchRobots: async () => {
        fetches++;
        return page(200, "User-agent: *\nDisallow: /admin");
      },
    };
    expect(await robotsVerdict(new URL(`${origin}/a`), deps)).toMatchObject({ ok: true, allowed: true });
    expect(await robotsVerdict(new URL(`${origin}/admin/x`), deps)).toMatchObject({
      ok: true,
      allowed: false,
    });
    expect(fetches).toBe(1);
  });
});

describe("robotsVerdict under contention", () => {
  it("fetches once when several callers miss the cache together, given an exclusive section", async () => {
    const stored = new Map<string, RobotsRecord>();
    let fetches = 0;
    let lock: Promise<unknown> = Promise.resolve();
    const deps = {
      store: {
        get: async (o: string) => stored.get(o) ?? null,
        put: async (o: string, r: RobotsRecord) => void stored.set(o, r),
      },
      fetchRobots: async () => {
        fetches++;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return page(200, "User-agent: *\nCrawl-delay: 1");
      },
      // One at a time, as a host slot with concurrency 1 would do.
      exclusive: <T>(work: () => Promise<T>): Promise<T> => {
        const run = lock.then(work);
        lock = run.catch(() => undefined);
        return run;
      },
    };
    const verdicts = await Promise.all([1, 2, 3].map((n) => robotsVerdict(new URL(`${origin}/${n}`), deps)));
    expect(fetches).toBe(1);
    expect(verdicts.every((verdict) => verdict.ok && verdict.crawlDelayMs === 1000)).toBe(true);
  });
});
