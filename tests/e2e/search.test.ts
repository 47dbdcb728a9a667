// In Debian's Chromium against the real API, node and Redis: sign in, search without diacritics,
// filter, read an article, an agency user's scope, hostile article text rendered inert, and the
// language switch. Screenshots go to test-results/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArticleDoc } from "../../src/model/article.ts";
import { e2eArticles, hostileArticle, PAYLOAD } from "./fixtures.ts";
import { openPage, type Stack, screenshot, signIn, startStack } from "./harness.ts";

let stack: Stack;
let docs: ArticleDoc[];
let coordinator: { username: string; password: string };
let tourismOfficer: { username: string; password: string };

/** Folded, lower-case text: "Sâm Ngọc Linh" → "sam ngoc linh". */
const fold = (text: string) =>
  text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();

const mentions = (doc: ArticleDoc) => fold(`${doc.title} ${doc.lead} ${doc.body}`).includes("sam ngoc linh");

beforeAll(async () => {
  stack = await startStack("e2e-search");
  docs = [...e2eArticles(400), hostileArticle()];
  await stack.index(docs);
  coordinator = await stack.addUser("dieuphoi", "coordinator");
  tourismOfficer = await stack.addUser("canbo.vhttdl", "agency", "svhttdl");
});

afterAll(async () => {
  await stack?.close();
});

describe("search in the browser", () => {
  it("a coordinator signs in, searches 'sam ngoc linh' without diacritics and filters by theme", async () => {
    const { page, dialogs, pageErrors, close } = await openPage(stack);
    try {
      await page.goto(`${stack.baseUrl}/`);
      await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
      await screenshot(page, "login");
      await signIn(page, stack, coordinator);

      const expected = docs.filter(mentions);
      expect(expected.length).toBeGreaterThan(20);
      await page.getByLabel("Từ khóa (gõ có hoặc không dấu)").fill("sam ngoc linh");
      await page.getByRole("button", { name: "Tìm", exact: true }).click();
      await page.waitForURL(/q=sam\+ngoc\+linh/);
      const total = page.getByTestId("result-total");
      await expect.poll(() => total.textContent()).toBe(`${expected.length} bài viết`);

      // Every result on the page is a Sâm Ngọc Linh article, with the words highlighted.
      const results = page.getByTestId("result");
      await expect.poll(() => results.count()).toBe(20);
      for (const text of await results.allTextContents()) expect(fold(text)).toContain("sam ngoc linh");
      const marks = await page.locator(".result mark").allTextContents();
      expect(marks.length).toBeGreaterThan(0);
      for (const mark of marks) {
        for (const word of fold(mark).split(/\s+/)) expect(["sam", "ngoc", "linh"]).toContain(word);
      }
      await expect.poll(() => page.getByTestId("facet-theme").locator("button").count()).toBeGreaterThan(1);
      await screenshot(page, "search");

      // Filter by theme: only tourism articles remain, and the count is the fixture's.
      const tourism = expected.filter((doc) => doc.themes.some((theme) => theme.id === "tourism"));
      expect(tourism.length).toBeGreaterThan(0);
      expect(tourism.length).toBeLessThan(expected.length);
      await page.getByLabel("Chủ đề", { exact: true }).selectOption("tourism");
      await page.waitForURL(/theme=tourism/);
      await expect.poll(() => total.textContent()).toBe(`${tourism.length} bài viết`);
      const tourismIds = new Set(tourism.map((doc) => doc.id));
      const shownIds = await results.evaluateAll((items) =>
        items.map((item) => item.getAttribute("data-article-id")),
      );
      expect(shownIds.length).toBe(Math.min(20, tourism.length));
      for (const id of shownIds) expect(tourismIds.has(id!)).toBe(true);

      // Export links carry the same query.
      const csv = await page.getByRole("link", { name: "Tải CSV" }).getAttribute("href");
      expect(csv).toContain("/api/articles/search.csv?");
      expect(csv).toContain("theme=tourism");
      expect(csv).toContain("q=sam+ngoc+linh");

      // Open the first article.
      const firstId = shownIds[0]!;
      const first = docs.find((doc) => doc.id === firstId)!;
      await results.first().getByRole("link").click();
      await page.getByTestId("article").waitFor();
      expect(await page.getByTestId("article-title").textContent()).toBe(first.title);
      expect(await page.getByTestId("article-body").textContent()).toBe(first.body);
      await expect.poll(() => page.locator(".facts").textContent()).toContain("Du lịch");
      await screenshot(page, "article");

      // The phone layout of the same search.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goBack();
      await page.getByTestId("result").first().waitFor();
      await screenshot(page, "search-phone", { fullPage: false });
      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("renders an article's <script> and onerror payloads as inert text", async () => {
    const { page, dialogs, pageErrors, close } = await openPage(stack);
    const hostile = hostileArticle();
    const injected = () =>
      page.evaluate(() => ({
        xss: (window as unknown as { __xss?: string }).__xss ?? null,
        elements: document.querySelectorAll(
          "#app script, #app img, #app svg, #app iframe, #app [onerror], #app [onload], #app [onclick], #app [onmouseover], #app a[href^='javascript:']",
        ).length,
        scripts: document.scripts.length,
      }));
    try {
      await signIn(page, stack, coordinator);
      const scriptsBefore = (await injected()).scripts;
      // The highlighted search result: only the highlighter's <mark> tags are elements.
      await page.goto(`${stack.baseUrl}/#/search?q=${encodeURIComponent("sâm giả tràn lan")}`);
      const result = page.locator(`[data-article-id="${hostile.id}"]`);
      await result.waitFor();
      expect(await result.locator(".result-title").textContent()).toBe(PAYLOAD.title);
      expect(await result.locator(".result-title mark").count()).toBeGreaterThan(0);
      await screenshot(page, "xss-search");
      expect(await injected()).toEqual({ xss: null, elements: 0, scripts: scriptsBefore });

      // The article page: title, lead, body and reasons are visible as the text they are.
      await result.getByRole("link").click();
      await page.getByTestId("article").waitFor();
      expect(await page.getByTestId("article-title").textContent()).toBe(PAYLOAD.title);
      expect(await page.getByTestId("article-lead").textContent()).toBe(PAYLOAD.lead);
      expect(await page.getByTestId("article-body").textContent()).toBe(PAYLOAD.body);
      // What decided the theme and the tone, shown as text beside them.
      const evidence = await page.getByTestId("evidence").allTextContents();
      expect(evidence.join("\n")).toContain(
        `Căn cứ: sâm Ngọc Linh, <img src=x onerror="window.__xss='evidence'">`,
      );
      expect(evidence.join("\n")).toContain("Căn cứ: −giả, −tràn lan");
      await expect(
        page.getByText(`<script>window.__xss = "title"`, { exact: false }).first().isVisible(),
      ).resolves.toBe(true);
      await expect(
        page.getByText(`onerror="window.__xss = 'lead'`, { exact: false }).first().isVisible(),
      ).resolves.toBe(true);
      await expect(page.getByText("fake-sam-ngoc-linh", { exact: false }).first().isVisible()).resolves.toBe(
        true,
      );
      // The javascript: link of the article is shown as text, not followed.
      expect(await page.getByRole("link", { name: "Xem bài gốc" }).count()).toBe(0);
      await page.waitForTimeout(300);
      await screenshot(page, "xss-article");
      expect(await injected()).toEqual({ xss: null, elements: 0, scripts: scriptsBefore });
      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("an agency user sees only their agency's articles", async () => {
    const { page, close } = await openPage(stack);
    try {
      await signIn(page, stack, tourismOfficer);
      await page.goto(`${stack.baseUrl}/#/search?q=sam+ngoc+linh`);
      const own = docs.filter((doc) => mentions(doc) && doc.agencies.includes("svhttdl"));
      const others = docs.filter((doc) => mentions(doc) && !doc.agencies.includes("svhttdl"));
      expect(own.length).toBeGreaterThan(0);
      expect(others.length).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId("result-total").textContent()).toBe(`${own.length} bài viết`);
      const ownIds = new Set(own.map((doc) => doc.id));
      const shown = await page
        .getByTestId("result")
        .evaluateAll((items) => items.map((item) => item.getAttribute("data-article-id")));
      expect(shown.length).toBeGreaterThan(0);
      for (const id of shown) expect(ownIds.has(id!)).toBe(true);
      const agencySelect = page.getByLabel("Đơn vị", { exact: true });
      await expect(agencySelect.isDisabled()).resolves.toBe(true);
      await expect(agencySelect.inputValue()).resolves.toBe("svhttdl");
      // Another agency's article, opened by its address, is not shown.
      await page.goto(`${stack.baseUrl}/#/articles/${others[0]!.id}`);
      await page.getByText("Không tìm thấy bài viết, hoặc bài viết nằm ngoài phạm vi của bạn.").waitFor();
      // Sources are not an agency user's: no link in the navigation.
      expect(await page.getByRole("navigation").getByRole("link", { name: "Nguồn tin" }).count()).toBe(0);
      await screenshot(page, "search-agency");
    } finally {
      await close();
    }
  });

  it("switches to English and keeps the choice", async () => {
    const { page, close } = await openPage(stack);
    try {
      await signIn(page, stack, coordinator);
      await page.getByTestId("lang-switch").click();
      await page.getByRole("heading", { name: "Search articles" }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      await page.reload();
      await page.getByRole("heading", { name: "Search articles" }).waitFor();
      await page.getByLabel("Theme", { exact: true }).waitFor();
    } finally {
      await close();
    }
  });
});
