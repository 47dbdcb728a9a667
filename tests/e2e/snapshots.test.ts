// The archived page of an article opened in Debian's Chromium: a snapshot full of scripts, event
// handlers, an external image, style sheet, frame, refresh and link, all pointing at a real local
// HTTP server that counts its hits. The page shows the text, the fetch time and the hash, and not
// one request leaves for that server, and no script runs.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../src/cases/workflow.ts";
import type { ArticleDoc } from "../../src/model/article.ts";
import { createCaseStore } from "../../src/store/cases.ts";
import { createSnapshotStore } from "../../src/store/pageSnapshots.ts";
import { e2eArticles } from "./fixtures.ts";
import { openPage, type Stack, screenshot, signIn, startStack } from "./harness.ts";

let stack: Stack;
let article: ArticleDoc;
let coordinator: { username: string; password: string };
let elsewhere: Server;
let origin: string;
const hits: string[] = [];

/** A 1×1 PNG, inline: the one kind of image a snapshot may keep. */
const PIXEL =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

const hostile = (o: string) => `<!doctype html>
<html><head>
<meta http-equiv="refresh" content="0;url=${o}/refresh">
<base href="${o}/base/">
<script src="${o}/script.js"></script>
<link rel="stylesheet" href="${o}/style.css">
<style>body { background: url(${o}/background.png) } @import url(${o}/import.css);</style>
</head><body onload="fetch('${o}/onload')">
<h1>Sâm Ngọc Linh giả tràn lan trên mạng</h1>
<p onclick="fetch('${o}/onclick')">Người dân phản ánh sâm giả bán qua mạng xã hội.</p>
<script>window.parent.__snapshotRan = true; fetch("${o}/inline-script"); new Image().src = "${o}/beacon";</script>
<img src="${o}/photo.jpg" alt="Ảnh sâm" onerror="fetch('${o}/onerror')">
<img srcset="${o}/srcset.jpg 2x" src="${o}/src.jpg">
<img src="${PIXEL}" alt="điểm ảnh nội tuyến">
<iframe src="${o}/frame"></iframe>
<object data="${o}/object"></object>
<video src="${o}/video.mp4" autoplay></video>
<a href="${o}/link" style="background:url(${o}/inline-style.png)">Đọc tiếp</a>
<form action="${o}/form"><input name="q" autofocus onfocus="fetch('${o}/onfocus')"></form>
<svg><image href="${o}/svg-image.png"/><script>fetch("${o}/svg-script")</script></svg>
</body></html>`;

beforeAll(async () => {
  elsewhere = createServer((request, response) => {
    hits.push(request.url ?? "");
    response.writeHead(200, { "content-type": "text/plain" }).end("hit");
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  stack = await startStack("e2e-snapshots");
  const hash = await createSnapshotStore(stack.client, { prefix: stack.prefix }).put(
    Buffer.from(hostile(origin)),
    { url: "https://baokontum.example.vn/sam-gia.htm", fetchedAt: "2024-06-18T01:02:03.000Z" },
  );
  article = {
    ...e2eArticles(1)[0]!,
    title: "Sâm Ngọc Linh giả tràn lan trên mạng",
    snapshot: hash,
    fetched_at: "2024-06-18T01:02:03.000Z",
  };
  await stack.index([article]);
  coordinator = await stack.addUser("dieuphoi", "coordinator");
});

afterAll(async () => {
  await stack?.close();
  await new Promise((resolve) => elsewhere?.close(resolve));
});

describe("the archived page", () => {
  it("opens from the article as a script-free rendering that loads nothing from elsewhere", async () => {
    const { page, dialogs, pageErrors, close } = await openPage(stack);
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    try {
      await signIn(page, stack, coordinator);
      await page.goto(`${stack.baseUrl}/#/articles/${article.id}`);
      await page.getByTestId("snapshot-link").click();
      await page.getByTestId("snapshot-view").waitFor();
      expect(await page.getByTestId("snapshot-hash").textContent()).toBe(article.snapshot);
      expect(await page.getByTestId("snapshot-fetched").textContent()).toBe("18/06/2024 08:02");

      const iframe = page.getByTestId("snapshot-frame");
      expect(await iframe.getAttribute("sandbox")).toBe("");
      const frame = page.frameLocator('[data-testid="snapshot-frame"]');
      await frame.getByText("Người dân phản ánh sâm giả bán qua mạng xã hội.").waitFor();
      await expect.poll(() => frame.locator("img").count()).toBe(1);
      expect(await frame.locator("img").getAttribute("alt")).toBe("điểm ảnh nội tuyến");
      expect(await frame.locator("script, iframe, object, video, form, link, style[src]").count()).toBe(0);
      expect(await frame.locator("a[href]").count()).toBe(0);
      expect(await frame.getByText(article.snapshot!, { exact: false }).count()).toBe(1);
      // Give anything that could still fire (a refresh, a late image) time to try.
      await page.waitForTimeout(1500);
      await screenshot(page, "snapshot");

      expect(hits).toEqual([]);
      expect(requested.filter((url) => url.startsWith(origin))).toEqual([]);
      expect(
        await page.evaluate(() => (window as { __snapshotRan?: boolean }).__snapshotRan),
      ).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("opens from the case page's evidence too", async () => {
    const cases = createCaseStore(stack.client, { prefix: stack.prefix });
    await cases.ensureReady();
    await cases.create(
      createCase(
        { id: "case-sam-gia", title: "Tin đồn sâm giả", alert_ids: [], article_ids: [article.id] },
        { id: null, username: "seed", role: "coordinator", agency: null },
        new Date("2024-06-18T03:00:00Z"),
      ),
    );
    const { page, close } = await openPage(stack);
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    try {
      await signIn(page, stack, coordinator);
      await page.goto(`${stack.baseUrl}/#/cases/case-sam-gia`);
      await page.getByTestId("evidence").getByTestId("snapshot-link").click();
      await page.getByTestId("snapshot-view").waitFor();
      const frame = page.frameLocator('[data-testid="snapshot-frame"]');
      await frame.getByText("Người dân phản ánh sâm giả bán qua mạng xã hội.").waitFor();
      expect(requested.filter((url) => url.startsWith(origin))).toEqual([]);
      expect(hits).toEqual([]);
    } finally {
      await close();
    }
  });

  it("is served sanitised under a policy that allows no load, and only to those who may read it", async () => {
    const { page, close } = await openPage(stack);
    try {
      await signIn(page, stack, coordinator);
      const response = await page.request.get(`${stack.baseUrl}/api/articles/${article.id}/snapshot`);
      expect(response.status()).toBe(200);
      const csp = response.headers()["content-security-policy"] ?? "";
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("img-src data:");
      expect(csp).toContain("sandbox");
      expect(csp).not.toContain("allow-scripts");
      const body = await response.text();
      expect(body).not.toContain(origin);
      expect(body.toLowerCase()).not.toMatch(/<script|onerror|onclick|onload=|onfocus|<iframe|<form|<base/);
      expect(body).toContain("Sâm Ngọc Linh giả tràn lan trên mạng");
    } finally {
      await close();
    }
    const agency = await stack.addUser("sovanhoa", "agency", "no_such_agency");
    const other = await openPage(stack);
    try {
      await signIn(other.page, stack, agency);
      const response = await other.page.request.get(`${stack.baseUrl}/api/articles/${article.id}/snapshot`);
      expect(response.status()).toBe(404);
    } finally {
      await other.close();
    }
    expect(hits).toEqual([]);
  });
});
