// The Contracts page's report downloads in Chromium: shown to a role that may download them, with
// links that give the files on the page's own session; not shown to a viewer, who may not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPage, type Stack, signIn, startStack } from "./harness.ts";

const LINKS = {
  "Báo cáo năm (Excel)": "/api/reports/year.xlsx?year=2024",
  "Báo cáo năm (PDF)": "/api/reports/year.pdf?year=2024",
  "Báo cáo năm (CSV)": "/api/reports/year.csv?year=2024",
};

let stack: Stack;

beforeAll(async () => {
  stack = await startStack("e2e-reports");
});

afterAll(async () => {
  await stack?.close();
});

describe("the year report downloads on the Contracts page", () => {
  it("links each format for a coordinator, and the links download on the page's session", async () => {
    const coordinator = await stack.addUser("coordinator", "coordinator");
    const { page, close } = await openPage(stack);
    try {
      await signIn(page, stack, coordinator);
      await page.goto(`${stack.baseUrl}/#/contracts?year=2024`);
      await page.getByTestId("compliance").waitFor({ timeout: 20_000 });
      for (const [name, href] of Object.entries(LINKS)) {
        const link = page.getByRole("link", { name, exact: true });
        expect(await link.count(), name).toBe(1);
        expect(await link.getAttribute("href")).toBe(href);
      }
      const xlsx = await page.request.get(`${stack.baseUrl}${LINKS["Báo cáo năm (Excel)"]}`);
      expect(xlsx.status()).toBe(200);
      expect(xlsx.headers()["content-disposition"]).toMatch(/^attachment; filename=".+\.xlsx"$/);
      // An XLSX file is a ZIP archive.
      expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
    } finally {
      await close();
    }
  });

  it("shows no download to a viewer, whom the API would refuse", async () => {
    const viewer = await stack.addUser("viewer", "viewer");
    const { page, close } = await openPage(stack);
    try {
      await signIn(page, stack, viewer);
      await page.goto(`${stack.baseUrl}/#/contracts?year=2024`);
      await page.getByTestId("compliance").waitFor({ timeout: 20_000 });
      expect(await page.getByRole("link", { name: "Báo cáo năm (Excel)" }).count()).toBe(0);
      const refused = await page.request.get(`${stack.baseUrl}${LINKS["Báo cáo năm (Excel)"]}`);
      expect(refused.status()).toBe(403);
    } finally {
      await close();
    }
  });
});
