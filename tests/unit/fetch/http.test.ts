// The fetcher against a real socket on 127.0.0.1: redirects through the guard, limits, decoding.
import { getEventListeners } from "node:events";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GuardedDispatchers, type Resolve } from "../../../src/fetch/guard.ts";
import { type FetchRequest, httpFetch } from "../../../src/fetch/http.ts";
import { type LocalServer, serve } from "./localServer.ts";

let server: LocalServer;
const dispatchers = new GuardedDispatchers();
const deps = { dispatcherFor: (url: URL, allow: readonly string[]) => dispatchers.for(url, allow) };
const allow = ["127.0.0.1"];
const get = (path: string, extra: Partial<FetchRequest> = {}) =>
  httpFetch({ url: `${server.origin}${path}`, allowHosts: allow, ...extra }, deps);

beforeAll(async () => {
  server = await serve((request, response) => {
    const url = new URL(request.url ?? "/", "http://x");
    const redirect = (location: string) => {
      response.writeHead(302, { location });
      response.end();
    };
    switch (url.pathname) {
      case "/ok":
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return response.end("<p>Kon Tum</p>");
      case "/gzip":
        response.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
        return response.end(gzipSync("Đắk Hà"));
      case "/to-metadata":
        return redirect("http://169.254.169.254/latest/meta-data/");
      case "/to-private":
        return redirect("http://10.0.0.1/admin");
      case "/to-localhost":
        return redirect(`http://localhost:${server.port}/ok`);
      case "/to-ipv6-loopback":
        return redirect(`http://[::1]:${server.port}/ok`);
      case "/to-mapped":
        return redirect(`http://[::ffff:7f00:1]:${server.port}/ok`);
      case "/to-ok":
        return redirect("/ok");
      case "/loop":
        return redirect(`/loop?n=${Number(url.searchParams.get("n") ?? 0) + 1}`);
      case "/big":
        response.writeHead(200, { "content-type": "text/html" });
        return response.end("x".repeat(20_000));
      case "/big-chunked": {
        response.writeHead(200, { "content-type": "text/html" });
        let sent = 0;
        const pump = () => {
          while (sent < 200_000 && !response.destroyed) {
            sent += 1000;
            if (!response.write("y".repeat(1000))) return response.once("drain", pump);
          }
          response.end();
        };
        return pump();
      }
      case "/drip": {
        response.writeHead(200, { "content-type": "text/html" });
        const timer = setInterval(
          () => (response.destroyed ? clearInterval(timer) : response.write(".")),
          50,
        );
        response.on("close", () => clearInterval(timer));
        return;
      }
      case "/picky":
        if (!String(request.headers.accept).includes("text/html")) {
          response.writeHead(406);
          return response.end();
        }
        response.writeHead(200, { "content-type": "application/rss+xml" });
        return response.end("<rss/>");
      case "/503":
        response.writeHead(503, { "retry-after": "7" });
        return response.end();
      default:
        response.writeHead(404);
        response.end();
    }
  });
});

afterAll(async () => {
  await dispatchers.close();
  await server.close();
});

describe("httpFetch", () => {
  it("fetches an allowed host and reports the final URL after redirects", async () => {
    const result = await get("/to-ok");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.page.url).toBe(`${server.origin}/ok`);
    expect(result.page.redirects).toEqual([`${server.origin}/ok`]);
    expect(result.page.body.toString()).toBe("<p>Kon Tum</p>");
  });

  it("sends a descriptive User-Agent", async () => {
    await get("/ok");
    expect(server.requests.at(-1)?.headers["user-agent"]).toMatch(/^Presswatch\/\S+ \(\+https?:\/\//);
  });

  it.each([
    ["/to-metadata", "169.254.169.254"],
    ["/to-private", "10.0.0.1"],
    ["/to-localhost", "127.0.0.1"],
    ["/to-ipv6-loopback", "::1"],
    ["/to-mapped", "::ffff:7f00:1"],
  ])("refuses a redirect %s to a forbidden address", async (path, address) => {
    const before = server.requests.length;
    const result = await get(path);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe("ssrf");
    expect(result.error.message).toContain(address);
    // Only the redirecting request reached a server; the forbidden hop was never attempted.
    expect(server.requests.length - before).toBe(1);
  });

  it("refuses 127.0.0.1 itself when the source does not allow it", async () => {
    const before = server.requests.length;
    const result = await httpFetch({ url: `${server.origin}/ok`, allowHosts: [] }, deps);
    expect(!result.ok && result.error.kind).toBe("ssrf");
    expect(server.requests.length).toBe(before);
  });

  it("stops an endless redirect at the limit", async () => {
    const result = await get("/loop", { limits: { maxRedirects: 3 } });
    expect(!result.ok && result.error.kind).toBe("too_many_redirects");
  });

  it("refuses bodies over the limit, declared or streamed", async () => {
    const declared = await get("/big", { limits: { maxBytes: 10_000 } });
    expect(!declared.ok && declared.error.kind).toBe("too_large");
    const streamed = await get("/big-chunked", { limits: { maxBytes: 50_000 } });
    expect(!streamed.ok && streamed.error.kind).toBe("too_large");
  });

  it("gives up on a server that drips bytes, by the deadline of the whole exchange", async () => {
    const result = await get("/drip", { limits: { totalTimeoutMs: 400, bodyTimeoutMs: 10_000 } });
    expect(!result.ok && result.error.kind).toBe("timeout");
    expect(!result.ok && result.error.retryable).toBe(true);
  });

  it("stops at once when the caller's signal aborts, with the caller's reason", async () => {
    const job = new AbortController();
    const started = Date.now();
    setTimeout(() => job.abort(new Error("job cancelled")), 150);
    await expect(
      get("/drip", { signal: job.signal, limits: { totalTimeoutMs: 10_000, bodyTimeoutMs: 10_000 } }),
    ).rejects.toThrow("job cancelled");
    expect(Date.now() - started).toBeLessThan(5_000);
    // Already aborted before the request: nothing is fetched.
    await expect(get("/ok", { signal: job.signal })).rejects.toThrow("job cancelled");
  });

  it("lets go of the caller's signal once each exchange ends", async () => {
    const job = new AbortController();
    for (let i = 0; i < 20; i++) expect((await get("/ok", { signal: job.signal })).ok).toBe(true);
    expect(await get("/503", { signal: job.signal })).toMatchObject({ ok: false });
    expect(getEventListeners(job.signal, "abort")).toHaveLength(0);
  });

  it("decompresses gzip", async () => {
    const result = await get("/gzip");
    expect(result.ok && result.page.body.toString("utf8")).toBe("Đắk Hà");
  });

  it("retries a 406 once with the headers a browser sends", async () => {
    const result = await get("/picky", { accept: "application/rss+xml" });
    expect(result.ok && result.page.status).toBe(200);
    const [first, second] = server.requests
      .filter((r) => r.path === "/picky")
      .map((r) => String(r.headers.accept));
    expect(first).not.toContain("text/html");
    expect(second).toContain("text/html");
  });

  it("reports 5xx as retryable with Retry-After, 404 as final", async () => {
    const unavailable = await get("/503");
    expect(!unavailable.ok && unavailable.error.retryable).toBe(true);
    expect(!unavailable.ok && unavailable.error.retryAfterMs).toBe(7000);
    const missing = await get("/missing");
    expect(!missing.ok && missing.error.retryable).toBe(false);
  });

  it("refuses a host that resolves to a private address only when connecting (DNS rebinding)", async () => {
    let lookups = 0;
    // Public for the check, loopback for the connection.
    const rebinding: Resolve = async () =>
      lookups++ === 0 ? [{ address: "93.184.216.34", family: 4 }] : [{ address: "127.0.0.1", family: 4 }];
    const guarded = new GuardedDispatchers(rebinding);
    try {
      const result = await httpFetch(
        { url: `http://rebind.example:${server.port}/ok`, allowHosts: [] },
        { dispatcherFor: (url, hosts) => guarded.for(url, hosts), resolve: rebinding },
      );
      expect(!result.ok && result.error.kind).toBe("ssrf");
      expect(lookups).toBe(2);
    } finally {
      await guarded.close();
    }
  });
});
