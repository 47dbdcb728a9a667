// A crisis story in Debian's Chromium: reached from the evidence of its alert, the story page lists
// its articles in time order with originals and reprints, the outlets, the tone mix, the claim it
// repeats and refutes, and draws the rumour's spread against the correction's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spikeAlert } from "../../src/detect/alerts.ts";
import type { ArticleDoc } from "../../src/model/article.ts";
import { createAlertStore } from "../../src/store/alerts.ts";
import { e2eArticles } from "./fixtures.ts";
import { openPage, type Stack, screenshot, signIn, startStack } from "./harness.ts";

let stack: Stack;
let coordinator: { username: string; password: string };
let alertId: string;
const STORY = "story-sam-gia";
const CLAIM = "fake-sam-ngoc-linh";
const base = e2eArticles(6);

const piece = (
  i: number,
  outlet: string,
  at: string,
  stance: "asserts" | "refutes",
  original: boolean,
): ArticleDoc => ({
  ...base[i]!,
  id: `sam-gia-${i}`,
  cluster_id: original ? `sam-gia-${i}` : "sam-gia-0",
  is_original: original,
  story_id: STORY,
  outlet,
  title:
    stance === "asserts"
      ? `Sâm Ngọc Linh giả tràn lan (${outlet})`
      : "Cổng thông tin tỉnh bác bỏ tin sâm Ngọc Linh giả",
  published_at: at,
  fetched_at: at,
  tone: { label: stance === "asserts" ? "negative" : "neutral", score: 0.5 },
  misinformation: {
    score: stance === "asserts" ? 0.8 : 0.1,
    reasons: [
      stance === "asserts"
        ? `claim (0.91): repeats registered claim ${CLAIM}`
        : `claim_refuted (0.88): refutes registered claim ${CLAIM}`,
    ],
  },
});

const story = [
  piece(0, "vietnamnet", "2024-06-18T01:00:00.000Z", "asserts", true),
  piece(1, "vov", "2024-06-18T01:40:00.000Z", "asserts", false),
  piece(2, "dien_dan_doanh_nghiep", "2024-06-18T02:10:00.000Z", "asserts", false),
  piece(3, "cong_ttdt_tinh", "2024-06-18T05:05:00.000Z", "refutes", true),
];

beforeAll(async () => {
  stack = await startStack("e2e-stories");
  await stack.index([...e2eArticles(40), ...story]);
  coordinator = await stack.addUser("dieuphoi", "coordinator");
  const alerts = createAlertStore(stack.client, { prefix: stack.prefix });
  await alerts.ensureReady();
  const bucket = Date.parse("2024-06-18T01:45:00Z");
  const alert = spikeAlert(
    { dimension: "theme", value: "agriculture", measure: "flagged" },
    {
      bucket,
      count: 3,
      expected: 0.2,
      sd: 0.5,
      z: 6,
      score: 7,
      alert: true,
      ids: story.slice(0, 3).map((d) => d.id),
    },
    new Date(bucket + 10 * 60_000),
  );
  await alerts.put(alert, { refresh: true });
  alertId = alert.id;
});

afterAll(async () => {
  await stack?.close();
});

describe("the story page", () => {
  it("opens from an alert and shows the story's spread against its correction", async () => {
    const { page, pageErrors, close } = await openPage(stack);
    try {
      await signIn(page, stack, coordinator);
      await page.goto(`${stack.baseUrl}/#/alerts/${alertId}`);
      await page.getByTestId("evidence").getByTestId("story-link").first().click();
      await page.getByTestId("story").waitFor();

      const rows = page.getByTestId("story-articles").locator("tbody tr");
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-article")))).toEqual([
        "sam-gia-0",
        "sam-gia-1",
        "sam-gia-2",
        "sam-gia-3",
      ]);
      expect(await rows.nth(1).textContent()).toContain("Đăng lại");
      expect(await rows.nth(0).textContent()).toContain("Bài gốc");
      expect(await page.getByTestId("story-counts").textContent()).toBe("4 bài: 2 bài gốc, 2 bài đăng lại");
      expect(await page.getByTestId("story-tone").textContent()).toBe("Tiêu cực 3Trung lập 1Tích cực 0");
      expect(await page.getByTestId("story-claims").textContent()).toBe(
        `${CLAIM}: 3 bài lặp lại, 1 bài bác bỏ`,
      );
      expect(await page.getByTestId("story-outlets").textContent()).toContain("(1)");

      const spread = page.getByTestId("story-spread");
      expect(await spread.locator("p").first().textContent()).toBe(
        "Tin đồn: 3 bài trên 3 cơ quan; đính chính: 1 bài trên 1 cơ quan.",
      );
      const canvas = page.getByTestId("chart-story-spread").locator(".chart-canvas");
      await expect.poll(() => canvas.getAttribute("data-ready")).toBe("true");
      expect(await page.getByTestId("chart-story-spread").locator("canvas").count()).toBeGreaterThan(0);
      await page.waitForTimeout(300);
      await screenshot(page, "story");
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("answers 404 for a story an agency user has no article of", async () => {
    const agency = await stack.addUser("canbo", "agency", "no_such_agency");
    const { page, close } = await openPage(stack);
    try {
      await signIn(page, stack, agency);
      const response = await page.request.get(`${stack.baseUrl}/api/stories/${STORY}`);
      expect(response.status()).toBe(404);
    } finally {
      await close();
    }
  });
});
