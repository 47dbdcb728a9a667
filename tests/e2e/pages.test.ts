// Coverage, sources and contract compliance in Debian's Chromium against the real API, node and
// Redis. Screenshots go to test-results/screenshots/.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardPlugin } from "../../api/plugins/dashboard.ts";
import { queueKeyPrefix } from "../../src/config/env.ts";
import { afterRun } from "../../src/crawl/health.ts";
import { HealthStore } from "../../src/crawl/healthStore.ts";
import type { ArticleDoc } from "../../src/model/article.ts";
import { services } from "../helpers/isolation.ts";
import { e2eArticles } from "./fixtures.ts";
import { openPage, type Stack, screenshot, signIn, startStack } from "./harness.ts";

// The dashboard's status symbols, written out here so a change on either side is caught.
const SYMBOL: Record<string, string> = {
  met: "✓",
  at_risk: "!",
  missed: "✗",
  not_yet_due: "·",
  no_data: "?",
};

let stack: Stack;
let docs: ArticleDoc[];
let coordinator: { username: string; password: string };

/** Year and month (1..12) of an instant in Viet Nam (UTC+7, no daylight saving). */
const vietnam = (iso: string) => {
  const local = new Date(Date.parse(iso) + 7 * 3_600_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 };
};
/** The fixture's articles published in 2024 (Viet Nam time), with their month. */
const in2024 = (all: ArticleDoc[]) =>
  all.flatMap((doc) => {
    if (!doc.published_at) return [];
    const { year, month } = vietnam(doc.published_at);
    return year === 2024 ? [{ doc, month }] : [];
  });

beforeAll(async () => {
  stack = await startStack("e2e-pages");
  const generated = e2eArticles(600);
  // Two issues of Báo Kon Tum's monthly tourism column, so the contracts page has evidence to show.
  const columns = [0, 1].map(
    (i): ArticleDoc => ({
      ...generated[i]!,
      id: `column-tourism-${i}`,
      cluster_id: `column-tourism-${i}`,
      story_id: `column-tourism-${i}`,
      outlet: "bao_kon_tum",
      outlet_kind: "provincial_press",
      url: `https://baokontum.com.vn/du-lich/chuyen-muc-thang-${3 + i}.htm`,
      canonical_url: `https://baokontum.com.vn/du-lich/chuyen-muc-thang-${3 + i}.htm`,
      title: `Chuyên mục Du lịch: Măng Đen vào mùa hoa mai anh đào (kỳ ${i + 1})`,
      themes: [{ id: "tourism", score: 0.95 }],
      primary_theme: "tourism",
      published_at: `2024-0${3 + i}-12T02:00:00.000Z`,
      is_original: true,
      word_count: 900,
    }),
  );
  docs = [...generated, ...columns];
  await stack.index(docs);
  coordinator = await stack.addUser("dieuphoi", "coordinator");
});

afterAll(async () => {
  await stack?.close();
});

describe("coverage and sources in the browser", () => {
  it("shows the theme × month heat map with the fixture's counts, the charts and the plan's targets", async () => {
    const { page, pageErrors, close } = await openPage(stack);
    try {
      await signIn(page, stack, coordinator);
      await page.getByRole("navigation").getByRole("link", { name: "Độ phủ" }).click();
      const heatmap = page.getByTestId("heatmap");
      await heatmap.waitFor();

      // Brute force over the fixture: articles per theme and month (an article counts once per theme).
      const expected = new Map<string, number>();
      for (const { doc, month } of in2024(docs)) {
        for (const theme of doc.themes)
          expected.set(`${theme.id}:${month}`, (expected.get(`${theme.id}:${month}`) ?? 0) + 1);
      }
      expect(expected.get("tourism:6")).toBeGreaterThan(0);
      for (const theme of ["tourism", "agriculture", "economy"]) {
        for (const month of [1, 6, 12]) {
          const cell = heatmap.locator(`tr[data-theme="${theme}"] td[data-month="${month}"]`);
          const text = (await cell.textContent()) ?? "";
          expect(Number(text.split("(")[0])).toBe(expected.get(`${theme}:${month}`) ?? 0);
        }
      }
      await expect.poll(() => heatmap.locator("tbody th").first().textContent()).toBe("Hình ảnh chính quyền");

      // The charts are drawn (ECharts loaded on demand) and have a text alternative.
      for (const id of [
        "chart-theme-trend",
        "chart-outlet-trend",
        "chart-theme-share",
        "chart-outlet-share",
      ]) {
        const canvas = page.getByTestId(id).locator(".chart-canvas");
        await expect.poll(() => canvas.getAttribute("data-ready")).toBe("true");
        expect(await canvas.getAttribute("aria-label")).toBeTruthy();
        expect(await page.getByTestId(id).locator("canvas").count()).toBeGreaterThan(0);
      }

      // The plan's monthly tourism column in Báo Kon Tum: articles on tourism there, per month.
      const targets = page.getByTestId("targets");
      const row = targets.locator("tbody tr", { hasText: "Báo Kon Tum" }).filter({ hasText: "III.4" });
      await row.first().waitFor();
      const tourismInBaoKonTum = (month: number) =>
        in2024(docs).filter(
          (item) =>
            item.month === month &&
            item.doc.outlet === "bao_kon_tum" &&
            item.doc.themes.some((theme) => theme.id === "tourism"),
        ).length;
      const cells = row.first().locator("td.num");
      for (const month of [2, 7]) {
        expect(Number(((await cells.nth(month - 1).textContent()) ?? "").split(" ")[0])).toBe(
          tourismInBaoKonTum(month),
        );
      }
      await page.waitForTimeout(300);
      await screenshot(page, "coverage");

      // The same page in English, on a phone.
      await page.getByTestId("lang-switch").click();
      await page.getByRole("heading", { name: "Coverage by theme" }).waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(300);
      await screenshot(page, "coverage-en-phone", { fullPage: false });
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("lists each source's health: failing, silent and healthy feeds, with the last error as text", async () => {
    const configured = await stack.deps.sources.list();
    expect(configured.length).toBeGreaterThanOrEqual(3);
    const [healthy, failing, silent] = configured.map((source) => source.id);
    const redis = new Redis(services().redisUrl);
    try {
      const health = new HealthStore(redis, queueKeyPrefix(stack.prefix));
      const at = new Date("2024-06-01T03:00:00Z");
      await health.update(healthy!, (previous) =>
        afterRun(previous, { ok: true, at, items: 12, newItems: 3, notModified: false }, 3),
      );
      await health.update(failing!, (previous) =>
        afterRun(previous, { ok: true, at, items: 5, newItems: 5, notModified: false }, 3),
      );
      for (let i = 1; i <= 2; i++) {
        await health.update(failing!, (previous) =>
          afterRun(
            previous,
            {
              ok: false,
              at: new Date(at.getTime() + i * 3_600_000),
              kind: "http_status",
              message: `HTTP 503 <img src=x onerror="alert('xss-source')">`,
            },
            3,
          ),
        );
      }
      await health.update(silent!, (previous) =>
        afterRun(previous, { ok: true, at, items: 8, newItems: 8, notModified: false }, 3),
      );
      for (let i = 1; i <= 3; i++) {
        await health.update(silent!, (previous) =>
          afterRun(
            previous,
            {
              ok: true,
              at: new Date(at.getTime() + i * 3_600_000),
              items: 0,
              newItems: 0,
              notModified: false,
            },
            3,
          ),
        );
      }
    } finally {
      redis.disconnect();
    }

    const { page, dialogs, close } = await openPage(stack);
    try {
      await signIn(page, stack, coordinator);
      await page.getByRole("navigation").getByRole("link", { name: "Nguồn tin" }).click();
      const table = page.getByTestId("sources");
      await table.waitFor();
      const failingRow = table.locator(`tr[data-source="${failing}"]`);
      expect(await failingRow.getAttribute("data-state")).toBe("failing");
      expect(await failingRow.locator(".badge").textContent()).toBe("Đang lỗi");
      expect(await failingRow.textContent()).toContain(`HTTP 503 <img src=x onerror="alert('xss-source')">`);
      expect(await failingRow.locator("td.num").first().textContent()).toBe("2");
      expect(await table.locator(`tr[data-source="${silent}"] .badge`).textContent()).toBe("Im lặng");
      expect(await table.locator(`tr[data-source="${healthy}"] .badge`).textContent()).toBe("Tốt");
      expect(await table.locator(`tr[data-source="${healthy}"]`).textContent()).toContain("12 (3)");
      // Problems come first.
      expect(await table.locator("tbody tr").first().getAttribute("data-state")).toBe("failing");
      const others = configured.length - 3;
      expect(await page.getByTestId("sources-summary").textContent()).toBe(
        `${configured.length} nguồn: 1 hoạt động tốt, 1 đang lỗi, 1 im lặng, ${others} chưa chạy`,
      );
      await screenshot(page, "sources");
      await page.getByLabel("Chỉ hiện nguồn có vấn đề").check();
      await expect.poll(() => table.locator("tbody tr").count()).toBe(2);
      expect(await page.locator("#app img").count()).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows compliance per obligation and month as the API counts it, with the evidence links", async () => {
    const { page, close } = await openPage(stack);
    try {
      await signIn(page, stack, coordinator);
      const answer = await page.request.get(`${stack.baseUrl}/api/contracts/compliance?year=2024`);
      expect(answer.status()).toBe(200);
      const compliance = (await answer.json()) as {
        lines: Array<{
          months: Array<{
            status: string;
            counted: number;
            required: number;
            evidence: Array<{ url: string }>;
          } | null>;
        }>;
      };
      await page.goto(`${stack.baseUrl}/#/contracts?year=2024`);
      const rows = page.getByTestId("compliance").locator("tbody tr");
      await expect.poll(() => rows.count()).toBe(compliance.lines.length);
      for (const [i, line] of compliance.lines.entries()) {
        const cells = await rows
          .nth(i)
          .locator("td.status-cell")
          .evaluateAll((tds) => tds.map((td) => td.textContent?.trim() ?? ""));
        expect(cells).toEqual(
          line.months.map((cell) => (cell ? `${SYMBOL[cell.status]} ${cell.counted}/${cell.required}` : "")),
        );
      }
      // Open the first month that counted something: its evidence is the API's, as links.
      const lineIndex = compliance.lines.findIndex((line) =>
        line.months.some((cell) => cell && cell.counted > 0),
      );
      expect(lineIndex).toBeGreaterThanOrEqual(0);
      const line = compliance.lines[lineIndex]!;
      const month = line.months.findIndex((cell) => cell && cell.counted > 0);
      await rows.nth(lineIndex).locator("td.status-cell").nth(month).getByRole("button").click();
      const links = page.locator('[aria-labelledby="evidence-panel-title"] li a');
      await expect.poll(() => links.count()).toBeGreaterThan(0);
      const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")));
      for (const item of line.months[month]!.evidence) expect(hrefs).toContain(item.url);
      await screenshot(page, "contracts");
    } finally {
      await close();
    }
  });
});

describe("the dashboard plugin", () => {
  it("serves the page under a strict Content-Security-Policy and the assets as immutable files", async () => {
    const page = await fetch(`${stack.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const html = await page.text();
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${stack.baseUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("javascript");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await fetch(`${stack.baseUrl}/assets/nothing-here.js`)).status).toBe(404);
  });

  it("gives signed-in users the plan's labels and monthly targets, and nobody else", async () => {
    const anonymous = await fetch(`${stack.baseUrl}/api/dashboard/plan`);
    expect(anonymous.status).toBe(401);
    const login = await fetch(`${stack.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(coordinator),
    });
    const { token } = (await login.json()) as { token: string };
    const response = await fetch(`${stack.baseUrl}/api/dashboard/plan`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const plan = (await response.json()) as {
      year: number;
      themes: Array<{ id: string; name: string; owners: string[] }>;
      targets: Array<{ id: string; outlets: string[]; themes: string[]; min_count: number }>;
    };
    expect(plan.year).toBe(stack.plan.year);
    expect(plan.themes.find((theme) => theme.id === "tourism")).toMatchObject({ name: "Du lịch" });
    expect(plan.themes.find((theme) => theme.id === "tourism")?.owners).toContain("svhttdl");
    expect(plan.targets.find((target) => target.id === "column_tourism")).toMatchObject({
      min_count: 1,
      themes: ["tourism"],
    });
    expect(plan.targets.every((target) => target.min_count > 0)).toBe(true);
  });

  it("answers 503 with the build command when the dashboard is not built", async () => {
    const empty = await mkdtemp(join(tmpdir(), "presswatch-unbuilt-"));
    const server = Fastify();
    try {
      await server.register(dashboardPlugin, { root: empty, plan: null });
      const response = await server.inject({ method: "GET", url: "/" });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain("npm run build:web");
    } finally {
      await server.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
