// Playwright drives Debian's Chromium against a page served on 127.0.0.1.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../../src/browser/chromium.ts";
import { services } from "../../helpers/isolation.ts";

let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(
      `<!doctype html><title>placeholder</title><script>document.title = "Báo Kon Tum – " + (40 + 2)</script>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium(services().chromiumPath);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server.close(resolve));
});

describe("Debian's Chromium through Playwright", () => {
  it("reads the title a script set", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(base);
      expect(await page.title()).toBe("Báo Kon Tum – 42");
      expect(browser.version()).toMatch(/^\d+\./);
    } finally {
      await page.close();
    }
  });
});
