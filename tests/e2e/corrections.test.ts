// A coordinator corrects an article's primary theme and tone in Debian's Chromium against the real
// API and node: the correction is shown on the article with who made it, is in the audit log, and
// the article moves from one theme's row of the coverage heat map to the other's at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArticleDoc } from "../../src/model/article.ts";
import { createAuditStore } from "../../src/store/audit.ts";
import { createCorrectionStore } from "../../src/store/corrections.ts";
import { e2eArticles } from "./fixtures.ts";
import { openPage, type Stack, screenshot, signIn, startStack } from "./harness.ts";

let stack: Stack;
let docs: ArticleDoc[];
let coordinator: { username: string; password: string };
let viewer: { username: string; password: string };

/** Month (1..12) in Viet Nam of an instant (UTC+7). */
const monthOf = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).getUTCMonth() + 1;

beforeAll(async () => {
  stack = await startStack("e2e-corrections");
  docs = e2eArticles(120);
  await stack.index(docs);
  coordinator = await stack.addUser("dieuphoi", "coordinator");
  viewer = await stack.addUser("nguoixem", "viewer");
});

afterAll(async () => {
  await stack?.close();
});

describe("corrections that teach", () => {
  it("moves a corrected article from one theme's row of the heat map to another's", async () => {
    // A 2024 article about tourism alone, never about agriculture: its correction must move it.
    const target = docs.find(
      (doc) =>
        doc.published_at?.startsWith("2024") &&
        doc.primary_theme === "tourism" &&
        doc.themes.length === 1 &&
        doc.tone.label !== "negative",
    )!;
    expect(target).toBeDefined();
    const month = monthOf(target.published_at!);
    const count = (theme: string) =>
      docs.filter(
        (doc) =>
          doc.published_at?.startsWith("2024") &&
          monthOf(doc.published_at) === month &&
          doc.themes.some((t) => t.id === theme),
      ).length;
    const before = { tourism: count("tourism"), agriculture: count("agriculture") };

    const { page, pageErrors, close } = await openPage(stack);
    try {
      await signIn(page, stack, coordinator);
      const cell = (theme: string) =>
        page.getByTestId("heatmap").locator(`tr[data-theme="${theme}"] td[data-month="${month}"]`);
      const shown = async (theme: string) => Number(((await cell(theme).textContent()) ?? "").split("(")[0]);

      await page.goto(`${stack.baseUrl}/#/coverage`);
      await page.getByTestId("heatmap").waitFor();
      expect(await shown("tourism")).toBe(before.tourism);
      expect(await shown("agriculture")).toBe(before.agriculture);

      await page.goto(`${stack.baseUrl}/#/articles/${target.id}`);
      const form = page.getByTestId("correction-form");
      await form.waitFor();
      await form.getByLabel("Chủ đề chính").selectOption("agriculture");
      await form.getByLabel("Sắc thái").selectOption("negative");
      await form.getByLabel("Ghi chú").fill("Bài về sâm Ngọc Linh, không phải du lịch");
      await form.getByRole("button", { name: "Lưu sửa đổi" }).click();
      const note = page.getByTestId("correction-note");
      await note.waitFor();
      expect(await note.textContent()).toContain("Đã sửa bởi dieuphoi");
      expect(await note.textContent()).toContain("Máy phân tích đã chọn: chủ đề Du lịch");
      const facts = page.locator("dl.facts");
      expect(await facts.locator(".badge-theme").allTextContents()).toEqual([
        "Nông nghiệp - lâm nghiệp và sản phẩm đặc trưng",
      ]);
      expect(await facts.locator(".badge-tone-negative").textContent()).toBe("Tiêu cực");
      await screenshot(page, "article-correction");

      // Coverage counts the corrected values at once.
      await page.goto(`${stack.baseUrl}/#/coverage`);
      await page.getByTestId("heatmap").waitFor();
      await expect.poll(() => shown("tourism")).toBe(before.tourism - 1);
      expect(await shown("agriculture")).toBe(before.agriculture + 1);

      // Reloaded, the article still says who corrected it.
      await page.goto(`${stack.baseUrl}/#/articles/${target.id}`);
      await page.getByTestId("correction-note").waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }

    // Stored with who and when, and audited.
    const correction = await createCorrectionStore(stack.client, { prefix: stack.prefix }).get(target.id);
    expect(correction?.fields).toEqual({ themes: ["agriculture"], tone: "negative" });
    expect(correction?.by).toBe("dieuphoi");
    expect(correction?.analyzer.primary_theme).toBe("tourism");
    const audit = createAuditStore(stack.client, { prefix: stack.prefix });
    await stack.client.indices.refresh({ index: audit.index });
    const { entries } = await audit.list({ size: 10, action: "articles.correct" });
    expect(entries.map((e) => [e.actor.username, e.target, e.outcome])).toEqual([
      ["dieuphoi", target.id, "success"],
    ]);
  });

  it("shows a viewer the correction but no form", async () => {
    const corrected = docs.find(
      (doc) => doc.published_at?.startsWith("2024") && doc.primary_theme === "economy",
    )!;
    await createCorrectionStore(stack.client, { prefix: stack.prefix }).correct(
      stack.articles,
      corrected.id,
      {
        fields: { tone: "positive" },
        note: null,
        by: "dieuphoi",
      },
    );
    const { page, close } = await openPage(stack);
    try {
      await signIn(page, stack, viewer);
      await page.goto(`${stack.baseUrl}/#/articles/${corrected.id}`);
      await page.getByTestId("correction-note").waitFor();
      expect(await page.getByTestId("correction-form").count()).toBe(0);
    } finally {
      await close();
    }
  });
});
