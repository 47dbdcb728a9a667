// The crisis loop in Debian's Chromium against the real API: a coordinator opens an alert,
// acknowledges it, escalates it to a case, assigns an agency and resolves the case; an agency user
// cannot see another agency's case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spikeAlert } from "../../src/detect/alerts.ts";
import type { ArticleDoc } from "../../src/model/article.ts";
import { createAlertStore } from "../../src/store/alerts.ts";
import { createCaseStore } from "../../src/store/cases.ts";
import { e2eArticles, hostileArticle } from "./fixtures.ts";
import { openPage, type Stack, screenshot, signIn, startStack } from "./harness.ts";

let stack: Stack;
let docs: ArticleDoc[];
let coordinator: { username: string; password: string };
let agriculture: { username: string; password: string };
let environment: { username: string; password: string };

describe("alerts and cases in the browser", () => {
  beforeAll(async () => {
    stack = await startStack("e2e-cases");
    docs = [...e2eArticles(200), hostileArticle()];
    await stack.index(docs);
    coordinator = await stack.addUser("dieuphoi", "coordinator");
    agriculture = await stack.addUser("canbo.nnptnt", "agency", "snnptnt");
    environment = await stack.addUser("canbo.tnmt", "agency", "stnmt");
    const alerts = createAlertStore(stack.client, { prefix: stack.prefix });
    await alerts.ensureReady();
    await createCaseStore(stack.client, { prefix: stack.prefix }).ensureReady();
    const evidence = docs.filter((doc) => doc.themes.some((theme) => theme.id === "agriculture")).slice(0, 6);
    const bucket = Date.parse("2024-06-12T02:30:00Z");
    await alerts.put(
      spikeAlert(
        { dimension: "theme", value: "agriculture", measure: "flagged" },
        {
          bucket,
          count: 6,
          expected: 0.4,
          sd: 0.7,
          z: 8,
          score: 9.1,
          alert: true,
          ids: evidence.map((doc) => doc.id),
        },
        new Date(bucket + 10 * 60_000),
      ),
      { refresh: true },
    );
  });

  afterAll(async () => {
    await stack?.close();
  });

  it("a coordinator opens an alert, creates a case, assigns an agency and resolves it", async () => {
    const { page, dialogs, pageErrors, close } = await openPage(stack);
    try {
      await signIn(page, stack, coordinator);
      await page.getByRole("navigation").getByRole("link", { name: "Cảnh báo" }).click();
      const row = page.getByTestId("alerts").locator("tbody tr").first();
      await row.waitFor();
      await screenshot(page, "alerts");
      await row.getByRole("link").click();
      await page.getByTestId("alert").waitFor();
      await expect
        .poll(() => page.getByTestId("chart-spike").locator(".chart-canvas").getAttribute("data-ready"))
        .toBe("true");
      await expect.poll(() => page.getByTestId("evidence").locator("li").count()).toBe(6);

      await page.getByRole("button", { name: "Tiếp nhận" }).click();
      await expect.poll(() => page.getByTestId("alert-state").textContent()).toBe("Đã tiếp nhận");
      await screenshot(page, "alert");

      // Escalate: the plan's owner of agriculture is preselected.
      await expect(page.getByLabel("Đơn vị xử lý").inputValue()).resolves.toBe("snnptnt");
      await page.getByLabel("Tên vụ việc").fill("Tin sâm Ngọc Linh giả lan trên mạng");
      await page.getByLabel("Đơn vị xử lý").selectOption("");
      await page.getByRole("button", { name: "Tạo vụ việc" }).click();
      await page.getByTestId("case").waitFor();
      expect(await page.getByTestId("case-status").textContent()).toBe("Mới");
      expect(await page.getByTestId("case-agency").textContent()).toBe("Chưa giao");

      // Assign the agency, then take the case through the workflow to resolved.
      await page.getByLabel("Đơn vị chịu trách nhiệm").selectOption("snnptnt");
      await page.getByRole("button", { name: "Giao cho đơn vị" }).click();
      await expect
        .poll(() => page.getByTestId("case-agency").textContent())
        .toBe("Sở Nông nghiệp và Phát triển nông thôn");
      await page.getByRole("button", { name: "Chuyển sang: Đang xác minh" }).click();
      await expect.poll(() => page.getByTestId("case-status").textContent()).toBe("Đang xác minh");
      await page.getByRole("button", { name: "Chuyển sang: Đang phản hồi" }).click();
      await expect.poll(() => page.getByTestId("case-status").textContent()).toBe("Đang phản hồi");
      await page
        .getByLabel("Đường dẫn phản hồi chính thức")
        .fill("https://snnptnt.kontum.gov.vn/canh-bao-sam-gia");
      await page.getByRole("button", { name: "Lưu đường dẫn" }).click();
      await page.getByRole("link", { name: "https://snnptnt.kontum.gov.vn/canh-bao-sam-gia" }).waitFor();
      await page.getByRole("button", { name: "Chuyển sang: Đã xử lý" }).click();
      await expect.poll(() => page.getByTestId("case-status").textContent()).toBe("Đã xử lý");

      // The timeline has every step, in order.
      const actions = await page
        .getByTestId("timeline")
        .locator("li")
        .evaluateAll((items) => items.map((item) => item.getAttribute("data-action")));
      expect(actions).toEqual(["create", "assign", "transition", "transition", "set_response", "transition"]);
      await screenshot(page, "case");

      await page.getByRole("link", { name: "← Bảng vụ việc" }).click();
      const resolved = page.getByTestId("case-board").locator('[data-status="resolved"] .case-card');
      await expect.poll(() => resolved.count()).toBe(1);
      await screenshot(page, "cases");
      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("an agency user cannot see another agency's case", async () => {
    const { page, close } = await openPage(stack);
    try {
      // The case of the previous test is assigned to the agriculture department.
      await signIn(page, stack, environment);
      await page.getByRole("navigation").getByRole("link", { name: "Vụ việc" }).click();
      await expect.poll(() => page.getByTestId("case-count").textContent()).toBe("0 vụ việc");
      const cases = await createCaseStore(stack.client, { prefix: stack.prefix }).list({ size: 10 });
      expect(cases).toHaveLength(1);
      await page.goto(`${stack.baseUrl}/#/cases/${cases[0]!.id}`);
      await page.getByTestId("case-not-found").waitFor();
      await screenshot(page, "case-other-agency");
      await close();

      const own = await openPage(stack);
      try {
        await signIn(own.page, stack, agriculture);
        await own.page.goto(`${stack.baseUrl}/#/cases/${cases[0]!.id}`);
        await own.page.getByTestId("case").waitFor();
        expect(await own.page.getByTestId("case-status").textContent()).toBe("Đã xử lý");
      } finally {
        await own.close();
      }
    } finally {
      await close().catch(() => undefined);
    }
  });
});
