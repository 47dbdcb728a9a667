// Issue 8 in Debian's Chromium against the real API, node and Redis: every page passes axe-core's
// WCAG 2 A/AA rules (colour contrast included) on a laptop, the main path works with the keyboard
// alone and shows where the focus is, and every page fits a phone's width with the navigation in
// reach. Screenshots go to test-results/screenshots/ (phone-<page>.png).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Locator, Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afterRun } from "../../src/crawl/health.ts";
import { HealthStore } from "../../src/crawl/healthStore.ts";
import { spikeAlert } from "../../src/detect/alerts.ts";
import type { ArticleDoc } from "../../src/model/article.ts";
import { createAlertStore } from "../../src/store/alerts.ts";
import { createCaseStore } from "../../src/store/cases.ts";
import { e2eArticles } from "./fixtures.ts";
import { openPage, type Stack, screenshot, signIn, startStack } from "./harness.ts";

/**
 * axe-core's browser build. `page.addScriptTag` would add it as an inline script, which the
 * dashboard's Content-Security-Policy (script-src 'self', tested in pages.test.ts) rightly blocks;
 * evaluating it through the DevTools protocol is not subject to the policy, so the audit runs on the
 * page exactly as served, CSP included, rather than in a context that bypasses it.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
/** WCAG 2.0, 2.1 and 2.2 at levels A and AA (color-contrast is a wcag2aa rule). */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
/**
 * Landmark rules from axe's best practices: every piece of content in a landmark, one main, one
 * h1, and no two navigations with the same name. Screen-reader users move by landmarks.
 */
const LANDMARK_RULES = ["region", "landmark-one-main", "landmark-unique", "page-has-heading-one"];
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const SEARCH_TERM = "sâm Ngọc Linh";

let stack: Stack;
let docs: ArticleDoc[];
let coordinator: { username: string; password: string };
let admin: { username: string; password: string };
let alertId: string;
let caseId: string;

interface DashboardPage {
  name: string;
  /** The address after `#`. */
  path: () => string;
  /** Resolves once the page shows its data (and its charts are drawn). */
  ready: (page: Page) => Promise<void>;
}

const chartsDrawn = async (page: Page) => {
  await expect.poll(() => page.locator('.chart-canvas[data-ready="false"]').count()).toBe(0);
};

const SIGNED_IN_PAGES: DashboardPage[] = [
  {
    name: "search",
    path: () => `/search?q=${encodeURIComponent(SEARCH_TERM)}`,
    ready: async (page) => {
      await expect.poll(() => page.getByTestId("result").count()).toBeGreaterThan(0);
    },
  },
  {
    name: "article",
    path: () => `/articles/${encodeURIComponent(docs[0]!.id)}`,
    ready: (page) => page.getByTestId("article-title").waitFor(),
  },
  {
    name: "coverage",
    path: () => "/coverage",
    ready: async (page) => {
      await page.getByTestId("heatmap").waitFor();
      await page.getByTestId("targets").locator("tbody tr").first().waitFor();
      await chartsDrawn(page);
    },
  },
  {
    name: "alerts",
    path: () => "/alerts",
    ready: (page) => page.getByTestId("alerts").locator("tbody tr").first().waitFor(),
  },
  {
    name: "alert",
    path: () => `/alerts/${encodeURIComponent(alertId)}`,
    ready: async (page) => {
      await page.getByTestId("alert").waitFor();
      await expect.poll(() => page.getByTestId("evidence").locator("li").count()).toBeGreaterThan(0);
      await chartsDrawn(page);
    },
  },
  {
    name: "cases",
    path: () => "/cases",
    ready: async (page) => {
      await expect.poll(() => page.getByTestId("case-board").locator(".case-card").count()).toBe(1);
    },
  },
  {
    name: "case",
    path: () => `/cases/${encodeURIComponent(caseId)}`,
    ready: async (page) => {
      await page.getByTestId("case").waitFor();
      await page.getByTestId("timeline").locator("li").first().waitFor();
    },
  },
  {
    name: "contracts",
    path: () => "/contracts?year=2024",
    ready: async (page) => {
      await page.getByTestId("compliance").locator("tbody tr").first().waitFor();
    },
  },
  {
    name: "sources",
    path: () => "/sources",
    ready: async (page) => {
      await page.getByTestId("sources").locator("tbody tr").first().waitFor();
      await page.getByTestId("outlet-form").waitFor();
    },
  },
  {
    name: "watchlists",
    path: () => "/watchlists",
    ready: async (page) => {
      await page.getByTestId("watchlists").locator("tbody tr").first().waitFor();
    },
  },
  {
    name: "claims",
    path: () => "/claims",
    ready: async (page) => {
      await page.getByTestId("claims").locator("tbody tr").first().waitFor();
    },
  },
];

/** Administrators only: audited signed in as the admin. */
const USERS_PAGE: DashboardPage = {
  name: "users",
  path: () => "/users",
  ready: async (page) => {
    await page.getByTestId("users").locator("tbody tr").first().waitFor();
  },
};

const LOGIN_PAGE: DashboardPage = {
  name: "login",
  path: () => "/search",
  ready: (page) => page.getByLabel("Tên đăng nhập").waitFor(),
};

async function show(page: Page, target: DashboardPage): Promise<void> {
  await page.goto(`${stack.baseUrl}/#${target.path()}`);
  await target.ready(page);
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string; html: string; summary: string }>;
}

/** axe-core's violations on the page as it is now, WCAG 2 A/AA plus the landmark rules. */
async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ tags, rules }) => {
      // biome-ignore lint/suspicious/noExplicitAny: axe-core's global, injected above.
      const axe = (window as any).axe;
      const wcag = await axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      });
      const landmarks = await axe.run(document, {
        runOnly: { type: "rule", values: rules },
        resultTypes: ["violations"],
      });
      return [...wcag.violations, ...landmarks.violations].map(
        // biome-ignore lint/suspicious/noExplicitAny: axe-core's result shape.
        (violation: any) => ({
          id: violation.id,
          impact: violation.impact,
          help: violation.help,
          helpUrl: violation.helpUrl,
          // biome-ignore lint/suspicious/noExplicitAny: axe-core's result shape.
          nodes: violation.nodes.map((node: any) => ({
            target: node.target.join(" "),
            html: node.html.slice(0, 200),
            summary: node.failureSummary ?? "",
          })),
        }),
      );
    },
    { tags: WCAG_TAGS, rules: LANDMARK_RULES },
  );
}

/**
 * Hovers one control of each kind on the page (by tag, classes and state) and checks its colour
 * contrast while the pointer is on it: axe sees the page at rest, not the hover styles.
 */
async function hoverViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const controls = "a[href], button, summary, select";
  // Positions in document order, so a control re-rendered since is still found.
  const picked = await page.evaluate((selector) => {
    const seen = new Set<string>();
    const positions: number[] = [];
    for (const [i, element] of [...document.querySelectorAll(selector)].entries()) {
      const box = element.getBoundingClientRect();
      // Hidden, or parked off screen until focused (the skip link).
      if (box.width === 0 || box.height === 0 || box.right <= 0) continue;
      const kind = [
        element.tagName,
        element.className,
        element.closest("header, nav, .status-cell, .result, .facet, table")?.tagName ?? "",
        element.getAttribute("aria-pressed") ?? "",
        element.getAttribute("aria-current") ?? "",
      ].join("|");
      if (seen.has(kind)) continue;
      seen.add(kind);
      positions.push(i);
    }
    return positions;
  }, controls);
  const violations: Violation[] = [];
  for (const position of picked) {
    const control = page.locator(controls).nth(position);
    await control.scrollIntoViewIfNeeded();
    await control.hover();
    const found = await control.evaluate(async (element) => {
      // biome-ignore lint/suspicious/noExplicitAny: axe-core's global, injected above.
      const axe = (window as any).axe;
      const result = await axe.run(element, {
        runOnly: { type: "rule", values: ["color-contrast"] },
        resultTypes: ["violations"],
      });
      // biome-ignore lint/suspicious/noExplicitAny: axe-core's result shape.
      return result.violations.map((violation: any) => ({
        id: `${violation.id} (hover)`,
        impact: violation.impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        // biome-ignore lint/suspicious/noExplicitAny: axe-core's result shape.
        nodes: violation.nodes.map((node: any) => ({
          target: node.target.join(" "),
          html: node.html.slice(0, 200),
          summary: node.failureSummary ?? "",
        })),
      }));
    });
    violations.push(...found);
  }
  await page.mouse.move(0, 0);
  return violations;
}

/** One paragraph per violation: the rule, then (at most five of) the elements that fail it. */
function describeViolations(page: string, violations: Violation[]): string[] {
  return violations.map((violation) => {
    const nodes = violation.nodes
      .slice(0, 5)
      .map((node) => `  at ${node.target}\n    ${node.html}\n    ${node.summary.replaceAll("\n", "\n    ")}`);
    const more = violation.nodes.length > 5 ? [`  … and ${violation.nodes.length - 5} more`] : [];
    return [
      `${page}: [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`,
      ...nodes,
      ...more,
    ].join("\n");
  });
}

interface FocusStyle {
  element: string;
  outline: string;
  shadow: string;
  /** Contrast of the outline's colour with the background around it (the ring sits outside). */
  contrast: number;
}

/** How the focused element shows its focus: outline, box shadow, and the outline's contrast. */
async function focusStyle(page: Page): Promise<FocusStyle> {
  return page.evaluate(() => {
    const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = (color: string) => {
      const [r = 0, g = 0, b = 0] = rgb(color).map((value) => {
        const channel = value / 255;
        return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    /** The first opaque background from the element's parent up (white at the top). */
    const backgroundAround = (element: Element) => {
      for (let node = element.parentElement; node; node = node.parentElement) {
        const background = getComputedStyle(node).backgroundColor;
        const alpha = rgb(background)[3];
        if (background !== "transparent" && (alpha === undefined || alpha > 0.5)) return background;
      }
      return "rgb(255, 255, 255)";
    };
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body)
      return { element: "body", outline: "none", shadow: "none", contrast: 0 };
    const style = getComputedStyle(element);
    const hasOutline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
    const [light, dark] = [luminance(style.outlineColor), luminance(backgroundAround(element))].sort(
      (a, b) => b - a,
    ) as [number, number];
    return {
      element: `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 30)}"`,
      outline: hasOutline ? `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}` : "none",
      shadow: style.boxShadow,
      contrast: hasOutline ? (light + 0.05) / (dark + 0.05) : 0,
    };
  });
}

/** The focused element shows a ring: an outline of 3:1 against its surroundings, or a shadow. */
async function expectVisibleFocus(page: Page): Promise<void> {
  const focus = await focusStyle(page);
  expect(focus.element).not.toBe("body");
  expect(focus.outline !== "none" || focus.shadow !== "none", JSON.stringify(focus)).toBe(true);
  if (focus.outline !== "none") expect(focus.contrast, JSON.stringify(focus)).toBeGreaterThanOrEqual(3);
}

/** Presses Tab (or Shift+Tab) until `matches` holds for the focused element; fails after `max`. */
async function tabTo(
  page: Page,
  matches: (element: Element) => boolean,
  options: { back?: boolean; max?: number } = {},
): Promise<void> {
  const visited: string[] = [];
  for (let i = 0; i < (options.max ?? 40); i++) {
    await page.keyboard.press(options.back ? "Shift+Tab" : "Tab");
    const focused = await page.evaluateHandle(() => document.activeElement);
    const found = await focused.evaluate(matches);
    const name = await focused.evaluate((element) =>
      element
        ? `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""} "${(element.textContent ?? "").trim().slice(0, 30)}"`
        : "none",
    );
    await focused.dispose();
    if (found) return;
    visited.push(name);
  }
  throw new Error(`not reached with the keyboard; focus went through:\n${visited.join("\n")}`);
}

/** A phone: Chromium's mobile emulation (meta viewport honoured, touch) at 390×844. */
async function openPhone(): Promise<{ page: Page; pageErrors: string[]; close(): Promise<void> }> {
  const context = await stack.browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("dialog", (dialog) => void dialog.dismiss());
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return { page, pageErrors, close: () => context.close() };
}

/** The page is no wider than the screen: nothing to scroll sideways but inside its own box. */
async function expectFitsWidth(page: Page, name: string): Promise<void> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate((limit) => {
    // For the failure message: the elements that stick out on the right.
    const widest = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > limit + 1)
      .filter((element) => !element.parentElement?.closest(".table-wrap, .board, .chart-canvas"))
      .slice(0, 8)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, widest };
  }, PHONE.width);
  // A mobile browser widens its layout viewport to a page that overflows (and zooms out), so the
  // window's width is checked to be the phone's too.
  expect(
    innerWidth,
    `${name}: the browser widened the page to ${innerWidth}px for ${widest.join(", ")}`,
  ).toBe(PHONE.width);
  expect(scrollWidth, `${name} is ${scrollWidth}px wide: ${widest.join(", ")}`).toBeLessThanOrEqual(
    innerWidth + 1,
  );
}

/** Every link of the navigation is on screen (no sideways scrolling) and takes the focus. */
async function expectNavigationReachable(page: Page, name: string): Promise<void> {
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await expect.poll(() => nav.isVisible()).toBe(true);
  expect(
    await nav.evaluate((element) => element.scrollWidth <= element.clientWidth + 1),
    `${name}: the navigation scrolls sideways`,
  ).toBe(true);
  const links = nav.getByRole("link");
  const count = await links.count();
  expect(count).toBeGreaterThanOrEqual(6);
  for (let i = 0; i < count; i++) {
    const link: Locator = links.nth(i);
    await link.focus();
    expect(await link.evaluate((element) => element === document.activeElement)).toBe(true);
    const box = await link.boundingBox();
    expect(box, `${name}: navigation link ${i}`).not.toBeNull();
    expect(box!.x, `${name}: navigation link ${i}`).toBeGreaterThanOrEqual(-1);
    expect(box!.x + box!.width, `${name}: navigation link ${i}`).toBeLessThanOrEqual(PHONE.width + 1);
  }
}

beforeAll(async () => {
  stack = await startStack("e2e-a11y");
  docs = e2eArticles(300);
  await stack.index(docs);
  coordinator = await stack.addUser("dieuphoi", "coordinator");
  admin = await stack.addUser("quantri", "admin");
  // A watchlist, so its page has a row (the claims page lists the shipped claim files).
  await stack.deps.watchlists.put({
    id: "wl-a11y",
    name: "Sâm Ngọc Linh giả",
    owner: "dieuphoi",
    agency: "snnptnt",
    spec: { text: "sâm Ngọc Linh", tone: ["negative"] },
    created_at: "2024-06-01T03:00:00.000Z",
  });

  // An alert, so the alerts page has a row and the alert page a chart and evidence.
  const alerts = createAlertStore(stack.client, { prefix: stack.prefix });
  await alerts.ensureReady();
  await createCaseStore(stack.client, { prefix: stack.prefix }).ensureReady();
  const evidence = docs.filter((doc) => doc.themes.some((theme) => theme.id === "agriculture")).slice(0, 5);
  const bucket = Date.parse("2024-06-12T02:30:00Z");
  const alert = spikeAlert(
    { dimension: "theme", value: "agriculture", measure: "flagged" },
    {
      bucket,
      count: 5,
      expected: 0.4,
      sd: 0.7,
      z: 8,
      score: 9.1,
      alert: true,
      ids: evidence.map((doc) => doc.id),
    },
    new Date(bucket + 10 * 60_000),
  );
  await alerts.put(alert, { refresh: true });
  alertId = alert.id;

  // A case from that alert, through the API, so the board and the case page have content.
  const login = await fetch(`${stack.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(coordinator),
  });
  const { token } = (await login.json()) as { token: string };
  const created = await fetch(`${stack.baseUrl}/api/cases`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      title: "Tin sâm Ngọc Linh giả lan trên mạng",
      alert_ids: [alertId],
      agency: "snnptnt",
    }),
  });
  expect(created.status).toBe(201);
  caseId = ((await created.json()) as { case: { id: string } }).case.id;

  // Source health: one healthy and one failing feed, so the sources page shows its badges.
  const [healthy, failing] = (await stack.deps.sources.list()).map((source) => source.id);
  const health = new HealthStore(stack.deps.redis, stack.prefix);
  const at = new Date("2024-06-01T03:00:00Z");
  await health.update(healthy!, (previous) =>
    afterRun(previous, { ok: true, at, items: 12, newItems: 3, notModified: false }, 3),
  );
  await health.update(failing!, (previous) =>
    afterRun(previous, { ok: false, at, kind: "http_status", message: "HTTP 503" }, 3),
  );
});

afterAll(async () => {
  await stack?.close();
});

describe("accessibility on a laptop, with the keyboard and on a phone", () => {
  it("every page passes axe-core's WCAG 2 A/AA rules, colour contrast included", async () => {
    const { page, pageErrors, close } = await openPage(stack, { viewport: LAPTOP });
    const problems: string[] = [];
    try {
      await show(page, LOGIN_PAGE);
      problems.push(...describeViolations("login", await axeViolations(page)));
      await signIn(page, stack, coordinator);
      for (const target of SIGNED_IN_PAGES) {
        await show(page, target);
        // Folded content (filters, the charts' data tables) is audited too.
        await page.evaluate(() => {
          for (const details of document.querySelectorAll("details")) details.open = true;
        });
        problems.push(...describeViolations(target.name, await axeViolations(page)));
      }
      // The contracts page with a month's evidence panel open.
      await show(page, SIGNED_IN_PAGES.find((target) => target.name === "contracts")!);
      await page.getByTestId("compliance").locator("td.status-cell button").first().click();
      await page.locator('[aria-labelledby="evidence-panel-title"]').waitFor();
      problems.push(...describeViolations("contracts (evidence)", await axeViolations(page)));
      // The English switch: the same rules hold for the other language (and its lang attribute).
      await page.getByTestId("lang-switch").click();
      await show(page, { ...SIGNED_IN_PAGES[0]!, name: "search (English)" });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      problems.push(...describeViolations("search (English)", await axeViolations(page)));
      // The administrators' page, signed in as one.
      await page.getByTestId("lang-switch").click();
      await page.getByRole("button", { name: "Đăng xuất" }).click();
      await signIn(page, stack, admin);
      await show(page, USERS_PAGE);
      problems.push(...describeViolations("users", await axeViolations(page)));
      expect(problems.join("\n\n")).toBe("");
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("links and buttons keep their colour contrast under the pointer", async () => {
    const { page, close } = await openPage(stack, { viewport: LAPTOP });
    const problems: string[] = [];
    try {
      await show(page, LOGIN_PAGE);
      problems.push(...describeViolations("login", await hoverViolations(page)));
      await signIn(page, stack, coordinator);
      for (const target of SIGNED_IN_PAGES) {
        await show(page, target);
        problems.push(...describeViolations(target.name, await hoverViolations(page)));
      }
      expect(problems.join("\n\n")).toBe("");
    } finally {
      await close();
    }
  });

  it("signs in, searches and opens a result with the keyboard alone, the focus always visible", async () => {
    const { page, pageErrors, close } = await openPage(stack, { viewport: LAPTOP });
    try {
      await page.goto(`${stack.baseUrl}/#/search`);
      await page.getByLabel("Tên đăng nhập").waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("vi");

      // The first stop is the skip link, shown on screen when focused.
      await page.keyboard.press("Tab");
      const skip = page.getByRole("button", { name: "Bỏ qua đến nội dung chính" });
      await expect.poll(() => skip.evaluate((element) => element === document.activeElement)).toBe(true);
      const skipBox = await skip.boundingBox();
      expect(skipBox && skipBox.x >= 0 && skipBox.y >= 0).toBe(true);
      await expectVisibleFocus(page);

      await tabTo(page, (element) => element.id === "login-username");
      await expectVisibleFocus(page);
      await page.keyboard.type(coordinator.username);
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("login-password");
      await expectVisibleFocus(page);
      await page.keyboard.type(coordinator.password);
      await page.keyboard.press("Enter");
      await page.getByTestId("signed-in-as").waitFor();

      // The search box, then a search.
      await tabTo(page, (element) => element.id === "search-q");
      await expectVisibleFocus(page);
      await page.keyboard.type(SEARCH_TERM);
      await page.keyboard.press("Enter");
      await expect.poll(() => page.getByTestId("result").count()).toBeGreaterThan(0);

      // Into the results: the first result's link, then Enter opens the article.
      await tabTo(page, (element) => element.matches('[data-testid="result"] a'), { max: 60 });
      await expectVisibleFocus(page);
      const title = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
      expect(title.length).toBeGreaterThan(0);
      await page.keyboard.press("Enter");
      await page.getByTestId("article-title").waitFor();
      expect((await page.getByTestId("article-title").textContent())?.trim()).toBe(title);

      // Back up to the navigation (it comes before the page's content) and follow a link.
      await tabTo(page, (element) => element.matches("nav.site-nav a"), { back: true });
      await expectVisibleFocus(page);
      const section = await page.evaluate(() => document.activeElement?.getAttribute("href") ?? "");
      expect(section).toBe("#/sources");
      await page.keyboard.press("Enter");
      await page.getByTestId("sources").waitFor();

      // Forward from the top of the page: skip link, brand, then the navigation's first link.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      // The focus goes on from where it was (the page's heading) and wraps round to the top: on the
      // sources page that passes each source's pause and test buttons and the form to add one.
      await tabTo(page, (element) => element.matches("nav.site-nav a"), { max: 200 });
      await expectVisibleFocus(page);
      expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe("#/search");
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("every page fits a phone's width, with the navigation in reach", async () => {
    const { page, pageErrors, close } = await openPhone();
    try {
      await show(page, LOGIN_PAGE);
      await expectFitsWidth(page, "login");
      await screenshot(page, "phone-login");
      await signIn(page, stack, coordinator);
      for (const target of SIGNED_IN_PAGES) {
        await show(page, target);
        // The charts follow the width through a ResizeObserver: let them settle.
        await page.waitForTimeout(200);
        await expectFitsWidth(page, target.name);
        await screenshot(page, `phone-${target.name}`);
        await expectNavigationReachable(page, target.name);
      }
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });
});
