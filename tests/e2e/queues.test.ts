// The administrators' queue page in Debian's Chromium against the real API and Redis: a job fails
// for real in a running analyze worker (a payload the contract refuses), the admin opens the page,
// sees it with its error and attempts, retries it, and it leaves the failed list for the waiting
// one. A coordinator has no queue page.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../src/config/env.ts";
import { createLogger } from "../../src/log.ts";
import { QUEUES } from "../../src/queue/contract.ts";
import { startRoles } from "../../workers/roles.ts";
import { services } from "../helpers/isolation.ts";
import { openPage, REPO, type Stack, screenshot, signIn, startStack } from "./harness.ts";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG 2 A/AA violations on the page as it is now (ids and targets). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe-core's global, injected above.
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    });
    // biome-ignore lint/suspicious/noExplicitAny: axe-core's result shape.
    return result.violations.flatMap((v: any) => v.nodes.map((n: any) => `${v.id}: ${n.target.join(" ")}`));
  });
}

let stack: Stack;
let admin: { username: string; password: string };
let coordinator: { username: string; password: string };

describe("the queue page", () => {
  beforeAll(async () => {
    stack = await startStack("e2e-queues");
    admin = await stack.addUser("quantri", "admin");
    coordinator = await stack.addUser("dieuphoi", "coordinator");
    const env = parseEnv({
      INDEX_PREFIX: stack.prefix,
      QUEUE_PREFIX: stack.prefix,
      OPENSEARCH_URL: services().openSearchUrl,
      REDIS_URL: services().redisUrl,
      PLAN_FILE: `${REPO}/config/plans/kon-tum-2024.yaml`,
      THEME_MODEL_FILE: `${REPO}/config/models/analyzer.json.gz`,
      LOG_LEVEL: "silent",
    });
    const running = await startRoles(["analyze"], { env, logger: createLogger("silent") });
    try {
      const queue = running.pipeline!.producers.queue("analyze");
      await queue.add(
        "analyze",
        { url: "https://baokontum.example.vn/bai-hong" },
        { ...QUEUES.analyze.jobOptions, jobId: "bai-hong" },
      );
      for (let i = 0; i < 240 && (await queue.getFailedCount()) === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await queue.getFailedCount()).toBe(1);
    } finally {
      // Stopped before the retry: the retried job then waits instead of failing again.
      await running.stop();
    }
  });

  afterAll(async () => {
    await stack?.close();
  });

  it("an admin sees the failed job with its error and retries it", async () => {
    const { page, dialogs, pageErrors, close } = await openPage(stack);
    try {
      await signIn(page, stack, admin);
      await page.getByRole("navigation").getByRole("link", { name: "Hàng đợi" }).click();
      const row = page.getByTestId("failed-jobs").locator('tr[data-job="bai-hong"]');
      await row.waitFor();
      expect(await row.getAttribute("data-queue")).toBe("analyze");
      await expect.poll(() => row.textContent()).toContain("invalid analyze payload");
      expect(await row.textContent()).toContain("url=https://baokontum.example.vn/bai-hong");
      expect(await page.getByTestId("failed-count-analyze").textContent()).toBe("1");
      await screenshot(page, "queues-failed");
      expect(await axeViolations(page)).toEqual([]);

      await row.getByRole("button", { name: "Chạy lại việc bai-hong của hàng đợi analyze" }).click();
      await page.getByTestId("no-failed-jobs").waitFor();
      await expect.poll(() => page.getByTestId("queues-notice").textContent()).toContain("Đã gửi lại 1 việc");
      expect(await page.getByTestId("failed-count-analyze").textContent()).toBe("0");
      const waiting = page.getByTestId("queue-counts").locator('tr[data-queue="analyze"] td').first();
      expect(await waiting.textContent()).toBe("1");
      await screenshot(page, "queues-retried");

      // The retry was audited.
      await expect
        .poll(async () =>
          (await stack.deps.audit.list({ size: 10, action: "queues.retry" })).entries.map((e) => e.target),
        )
        .toEqual(["analyze/bai-hong"]);
      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("speaks English with the switch", async () => {
    const { page, close } = await openPage(stack);
    try {
      await signIn(page, stack, admin);
      await page.getByTestId("lang-switch").click();
      await page.getByRole("navigation").getByRole("link", { name: "Queues" }).click();
      await page.getByRole("heading", { name: "Processing queues" }).waitFor();
      await page.getByText("No job has failed.").waitFor();
    } finally {
      await close();
    }
  });

  it("gives a coordinator no queue page", async () => {
    const { page, close } = await openPage(stack);
    try {
      await signIn(page, stack, coordinator);
      await page.getByRole("navigation").getByRole("link", { name: "Nguồn tin" }).waitFor();
      expect(await page.getByRole("navigation").getByRole("link", { name: "Hàng đợi" }).count()).toBe(0);
      const status = await page.evaluate(async () => (await fetch("/api/queues")).status);
      expect(status).toBe(403);
    } finally {
      await close();
    }
  });
});
