// The browser renderer in Debian's Chromium: scripts run, images, fonts and media never load, the
// page's own requests pass the SSRF guard, and every context is closed whatever happens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../../src/browser/chromium.ts";
import { GuardedDispatchers } from "../../../src/fetch/guard.ts";
import { type FetchRequest, httpFetch } from "../../../src/fetch/http.ts";
import { BrowserRenderer } from "../../../src/fetch/render.ts";
import { services } from "../../helpers/isolation.ts";
import { type LocalServer, serve } from "../../unit/fetch/localServer.ts";

let server: LocalServer;
let renderer: BrowserRenderer;
const dispatchers = new GuardedDispatchers();
const allow = ["127.0.0.1"];

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/style.css"></head><body>
<img src="/photo.jpg"><video src="/clip.mp4"></video><div id="out">đang tải</div>
<script>
  fetch("/api/bai.json").then((r) => r.json()).then((a) => { document.getElementById("out").textContent = a.title; });
  fetch("http://169.254.169.254/latest/meta-data/").then(() => { document.body.dataset.metadata = "reached"; }, () => { document.body.dataset.metadata = "blocked"; });
</script></body></html>`;

beforeAll(async () => {
  server = await serve((request, response) => {
    const path = request.url ?? "/";
    if (path === "/bai") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return response.end(PAGE);
    }
    if (path === "/api/bai.json") {
      response.writeHead(200, { "content-type": "application/json" });
      return response.end(JSON.stringify({ title: "Ngày hội văn hóa các dân tộc Kon Tum" }));
    }
    if (path === "/style.css") {
      response.writeHead(200, { "content-type": "text/css" });
      return response.end("@font-face{font-family:X;src:url(/font.woff2)} body{font-family:X}");
    }
    if (path === "/busy") {
      // Polls forever: the network never goes idle, so the page times out.
      response.writeHead(200, { "content-type": "text/html" });
      return response.end("<script>setInterval(() => fetch('/api/bai.json?' + Math.random()), 50)</script>");
    }
    response.writeHead(200, { "content-type": "application/octet-stream" });
    response.end("x");
  });
  const fetch = (request: FetchRequest) =>
    httpFetch(request, { dispatcherFor: (url, hosts) => dispatchers.for(url, hosts) });
  renderer = new BrowserRenderer({
    launch: () => launchChromium(services().chromiumPath),
    poolSize: 2,
    pageTimeoutMs: 3000,
    fetch,
  });
}, 60_000);

afterAll(async () => {
  await renderer?.close();
  await dispatchers.close();
  await server?.close();
});

describe("BrowserRenderer", () => {
  it("runs the page's scripts and returns the rendered HTML", async () => {
    const result = await renderer.render({ url: `${server.origin}/bai`, allowHosts: allow });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.page.html).toContain("Ngày hội văn hóa các dân tộc Kon Tum");
    expect(result.page.html).toContain('data-metadata="blocked"');
    expect(renderer.openContexts).toBe(0);
  });

  it("never requests images, fonts or media", () => {
    const paths = server.requests.map((request) => request.path);
    expect(paths).toContain("/style.css");
    expect(paths.filter((path) => /\.(jpg|woff2|mp4)$/.test(path))).toEqual([]);
  });

  it("closes the page when it times out, and reports a timeout", async () => {
    const result = await renderer.render({ url: `${server.origin}/busy`, allowHosts: allow });
    expect(!result.ok && result.error.kind).toBe("timeout");
    expect(renderer.openContexts).toBe(0);
  });

  it("returns a refused document without opening a page", async () => {
    const result = await renderer.render({ url: "http://10.0.0.1/", allowHosts: allow });
    expect(!result.ok && result.error.kind).toBe("ssrf");
    expect(renderer.openContexts).toBe(0);
  });

  it("closes the page when the job is cancelled", async () => {
    const controller = new AbortController();
    const rendering = renderer.render({
      url: `${server.origin}/busy`,
      allowHosts: allow,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("cancelled")), 300);
    await expect(rendering).rejects.toThrow("cancelled");
    expect(renderer.openContexts).toBe(0);
  });

  it("never has more pages open than its pool", async () => {
    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, renderer.openContexts)), 5);
    await Promise.all(
      Array.from({ length: 3 }, () => renderer.render({ url: `${server.origin}/bai`, allowHosts: allow })),
    );
    clearInterval(watch);
    expect(peak).toBeLessThanOrEqual(2);
    expect(renderer.openContexts).toBe(0);
  });
});
