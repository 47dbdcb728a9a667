// The management pages in Debian's Chromium against the real API, OpenSearch and Redis: each does
// a real create and edit through the forms and checks what the API stored; a non-admin cannot see
// users and keys; and dates follow the interface language (dd/mm/yyyy) in an en-US browser.
// Screenshots go to test-results/screenshots/.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArticleDoc } from "../../src/model/article.ts";
import { e2eArticles } from "./fixtures.ts";
import { openPage, type Stack, screenshot, signIn, startStack } from "./harness.ts";

let stack: Stack;
let docs: ArticleDoc[];
let coordinator: { username: string; password: string };
let admin: { username: string; password: string };
let press: Server;
let pressUrl: string;

/** A claim's rumour and an unrelated article on the same place, so matching has to tell them apart. */
const RUMOUR_TITLE = "Lan truyền tin toàn bộ đất Măng Đen sẽ bị thu hồi để làm sân golf";
const OTHER_TITLE = "Măng Đen đón du khách dịp nghỉ lễ, homestay kín phòng";

function article(base: ArticleDoc, id: string, title: string, body: string): ArticleDoc {
  return {
    ...base,
    id,
    cluster_id: id,
    story_id: `story-${id}`,
    title,
    lead: "",
    body,
    url: `https://bao.example.vn/${id}`,
  };
}

const headline = (n: number) => `Kon Tum mở rộng vùng trồng sâm Ngọc Linh, bài ${n}`;

/** A tiny press site on loopback: a feed of two articles and their pages. Robots.txt is absent. */
function startPress(): Promise<string> {
  const page = (n: number) => `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>${headline(n)}</title><meta property="article:published_time" content="2024-06-0${n}T08:00:00+07:00"></head>
<body><article><h1>${headline(n)}</h1>
${Array.from({ length: 6 }, (_, i) => `<p>Đoạn ${i + 1} của bài ${n}: nông dân huyện Tu Mơ Rông chăm sóc vườn sâm dưới tán rừng, ngành nông nghiệp hỗ trợ giống và kỹ thuật cho bà con.</p>`).join("\n")}
</article></body></html>`;
  press = createServer((request, response) => {
    const base = `http://127.0.0.1:${(press.address() as AddressInfo).port}`;
    if (request.url === "/rss.xml") {
      response.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      response.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo thử</title>
${[1, 2].map((n) => `<item><title>${headline(n)}</title><link>${base}/bai/${n}.html</link><pubDate>Sun, 0${n} Jun 2024 01:00:00 GMT</pubDate></item>`).join("")}
</channel></rss>`);
      return;
    }
    const match = /^\/bai\/(\d)\.html$/.exec(request.url ?? "");
    if (match) {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(page(Number(match[1])));
      return;
    }
    response.writeHead(404).end();
  });
  return new Promise((resolve) =>
    press.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(press.address() as AddressInfo).port}`)),
  );
}

beforeAll(async () => {
  stack = await startStack("e2e-manage");
  const generated = e2eArticles(300);
  docs = [
    ...generated,
    article(
      generated[0]!,
      "rumour-mang-den",
      RUMOUR_TITLE,
      "Trên mạng xã hội lan truyền tin toàn bộ đất Măng Đen sẽ bị thu hồi để làm sân golf, người dân hoang mang.",
    ),
    article(
      generated[1]!,
      "other-mang-den",
      OTHER_TITLE,
      "Các homestay ở Măng Đen kín phòng, du khách thưởng thức cà phê và ngắm thông.",
    ),
  ];
  await stack.index(docs);
  coordinator = await stack.addUser("dieuphoi", "coordinator");
  admin = await stack.addUser("quantri", "admin");
  pressUrl = await startPress();
});

afterAll(async () => {
  await stack?.close();
  await new Promise((resolve) => press?.close(resolve));
});

async function signedIn(user: { username: string; password: string }, locale?: string) {
  const opened = await openPage(stack, locale ? { locale } : {});
  await signIn(opened.page, stack, user);
  return opened;
}

async function go(page: Page, path: string, ready: string) {
  await page.goto(`${stack.baseUrl}/#${path}`);
  await page.getByTestId(ready).first().waitFor();
}

/** Types a day into a DateInput the way a person does, then leaves the field. */
async function typeDay(page: Page, selector: string, text: string) {
  await page.locator(selector).fill(text);
  await page.locator(selector).press("Tab");
}

describe("management pages in the browser", () => {
  it("watchlists: tries a query on the stored articles, saves it shared with an agency, then edits it", async () => {
    const { page, pageErrors, close } = await signedIn(coordinator);
    try {
      await page.getByRole("navigation").getByRole("link", { name: "Theo dõi" }).click();
      await page.getByTestId("watchlist-form").waitFor();
      await page.locator("#wl-name").fill("Du lịch tiêu cực");
      await page.locator('input[name="wl-theme"][value="tourism"]').check();
      await page.locator('input[name="wl-tone"][value="negative"]').check();
      await page.getByTestId("watchlist-try").click();
      // Brute force over the fixture: tourism among the themes and a negative tone.
      const expected = docs.filter(
        (doc) => doc.themes.some((theme) => theme.id === "tourism") && doc.tone.label === "negative",
      );
      expect(expected.length).toBeGreaterThan(0);
      await expect
        .poll(() => page.getByTestId("watchlist-trial-total").textContent())
        .toContain(`Khớp ${expected.length} bài`);
      expect(await page.getByTestId("watchlist-trial").locator("li").count()).toBe(
        Math.min(20, expected.length),
      );
      expect(await stack.deps.watchlists.list()).toEqual([]); // trying saves nothing

      await page.locator("#wl-agency").selectOption("svhttdl");
      await page.getByRole("button", { name: "Tạo mới" }).click();
      await page.getByTestId("saved").waitFor();
      let saved = await stack.deps.watchlists.list();
      expect(saved).toHaveLength(1);
      expect(saved[0]).toMatchObject({
        name: "Du lịch tiêu cực",
        agency: "svhttdl",
        owner: "dieuphoi",
        spec: { themes: ["tourism"], tone: ["negative"] },
      });

      // Edit: a new name and words; the agency stays.
      await page.locator("#wl-name").fill("Du lịch tiêu cực ở Măng Đen");
      await page.locator("#wl-text").fill("Măng Đen");
      await page.getByRole("button", { name: "Lưu thay đổi" }).click();
      await expect
        .poll(async () => (await stack.deps.watchlists.list())[0]?.name)
        .toBe("Du lịch tiêu cực ở Măng Đen");
      saved = await stack.deps.watchlists.list();
      expect(saved[0]).toMatchObject({ agency: "svhttdl", spec: { text: "Măng Đen", themes: ["tourism"] } });
      await page.getByTestId("watchlists").locator(`tr[data-watchlist="${saved[0]!.id}"]`).waitFor();
      await screenshot(page, "watchlists");
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("claims: registers a false claim with its refutation and shows the story that repeats it", async () => {
    const { page, pageErrors, close } = await signedIn(coordinator);
    try {
      await page.getByRole("navigation").getByRole("link", { name: "Tin sai" }).click();
      await page.getByTestId("claim-form").waitFor();
      await page.locator("#claim-id").fill("mang-den-thu-hoi-dat");
      await page.locator("#claim-title").fill("Tin đồn thu hồi toàn bộ đất Măng Đen");
      await page.locator("#claim-text").fill("Toàn bộ đất ở Măng Đen sẽ bị thu hồi để làm sân golf.");
      await page.locator("#claim-correction").fill("https://kontum.example/dinh-chinh/mang-den");
      await page
        .locator("#claim-summary")
        .fill("UBND huyện khẳng định không có chủ trương thu hồi đất làm sân golf.");
      await page.locator("#claim-terms").fill("Măng Đen\nthu hồi | thu hồi đất\nsân golf");
      await page.locator("#claim-phrasings").fill("Toàn bộ đất Măng Đen sẽ bị thu hồi để làm sân golf.");
      await page.getByRole("button", { name: "Tạo mới" }).click();
      await page.getByTestId("saved").waitFor();
      const stored = await stack.deps.claims.store.get("mang-den-thu-hoi-dat");
      expect(stored?.value).toMatchObject({
        verdict: "false",
        correction: { url: "https://kontum.example/dinh-chinh/mang-den" },
        key_terms: [["Măng Đen"], ["thu hồi", "thu hồi đất"], ["sân golf"]],
      });

      const row = page.getByTestId("claims").locator('tr[data-claim="mang-den-thu-hoi-dat"]');
      await row.getByRole("button", { name: /Các bài khớp/ }).click();
      const matches = page.getByTestId("claim-matches");
      await matches.locator('li[data-article="rumour-mang-den"]').waitFor();
      expect(await matches.textContent()).toContain(RUMOUR_TITLE);
      expect(await matches.textContent()).not.toContain(OTHER_TITLE);

      // Edit it: the summary changes, on the version read.
      await row.getByRole("button", { name: /Sửa/ }).click();
      await page.locator("#claim-summary").fill("Không có chủ trương thu hồi đất Măng Đen làm sân golf.");
      await page.getByRole("button", { name: "Lưu thay đổi" }).click();
      await expect
        .poll(async () => (await stack.deps.claims.store.get("mang-den-thu-hoi-dat"))?.version)
        .toBe(2);
      expect((await stack.deps.claims.store.get("mang-den-thu-hoi-dat"))?.value.correction.summary).toBe(
        "Không có chủ trương thu hồi đất Măng Đen làm sân golf.",
      );
      await screenshot(page, "claims");
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("contracts: enters a contract with dd/mm/yyyy dates and amends it from a date", async () => {
    const { page, pageErrors, close } = await signedIn(coordinator);
    try {
      await go(page, "/contracts?year=2024", "contract-form");
      await page.locator("#ct-id").fill("ct_e2e_bao_kon_tum_2024");
      await page.locator("#ct-title").fill("Hợp đồng tuyên truyền thử với Báo Kon Tum");
      await page.locator("#ct-signed-by").selectOption("stttt");
      await typeDay(page, "#ct-from", "1/1/2024");
      await typeDay(page, "#ct-to", "31/12/2024");
      expect(await page.locator("#ct-from").inputValue()).toBe("01/01/2024");
      await page.locator('input[name="ct-outlet"][value="bao_kon_tum"]').check();
      await page.locator('input[name="ct-theme"][value="tourism"]').check();
      await page.locator("#ct-d0-count").fill("2");
      await page.getByTestId("contract-form").getByRole("button", { name: "Tạo mới" }).click();
      await page.getByTestId("saved").waitFor();
      const created = await stack.deps.contracts.get("ct_e2e_bao_kon_tum_2024");
      expect(created?.value).toMatchObject({
        signed_by: "stttt",
        outlets: ["bao_kon_tum"],
        themes: ["tourism"],
        period: { from: "2024-01-01", to: "2024-12-31" },
        deliverables: [{ id: "tin_bai", kind: "article", count: 2, per: "month" }],
      });
      await page.getByTestId("contracts").locator('tr[data-contract="ct_e2e_bao_kon_tum_2024"]').waitFor();

      // An amendment from 1 July: three articles a month.
      await page.getByTestId("contract-amend").click();
      await page.locator("#am-id").fill("pl_01");
      await page.locator("#am-title").fill("Phụ lục 01: tăng số bài");
      await typeDay(page, "#am-effective", "01/07/2024");
      await page.locator("#am-tin_bai-count").fill("3");
      await page.getByTestId("amendment-form").getByRole("button", { name: "Lưu phụ lục" }).click();
      await expect
        .poll(async () => (await stack.deps.contracts.get("ct_e2e_bao_kon_tum_2024"))?.version)
        .toBe(2);
      const amended = (await stack.deps.contracts.get("ct_e2e_bao_kon_tum_2024"))!.value;
      expect(amended.amendments).toMatchObject([
        { id: "pl_01", effective: "2024-07-01", deliverables: [{ id: "tin_bai", count: 3 }] },
      ]);
      const listed = page.getByTestId("contracts").locator('tr[data-contract="ct_e2e_bao_kon_tum_2024"]');
      await expect.poll(() => listed.textContent()).toContain("hiệu lực từ 01/07/2024");
      expect(await listed.textContent()).toContain("01/01/2024 – 31/12/2024");

      // The compliance table counts the new contract, and its evidence links to the articles.
      const compliance = (await (
        await page.request.get(`${stack.baseUrl}/api/contracts/compliance?year=2024`)
      ).json()) as {
        lines: Array<{
          obligation: { id: string };
          months: Array<{ counted: number; evidence: Array<{ article_id: string }> } | null>;
        }>;
      };
      const lineIndex = compliance.lines.findIndex((line) =>
        line.obligation.id.includes("ct_e2e_bao_kon_tum_2024"),
      );
      expect(lineIndex).toBeGreaterThanOrEqual(0);
      const line = compliance.lines[lineIndex]!;
      const month = line.months.findIndex((cell) => cell !== null && cell.counted > 0);
      expect(month).toBeGreaterThanOrEqual(0);
      await page.reload();
      const rows = page.getByTestId("compliance").locator("tbody tr");
      await rows.nth(lineIndex).locator("td.status-cell").nth(month).getByRole("button").click();
      const evidence = page.locator('[aria-labelledby="evidence-panel-title"] li[data-article-id]');
      await expect.poll(() => evidence.count()).toBe(line.months[month]!.evidence.length);
      const ids = await evidence.evaluateAll((items) =>
        items.map((item) => item.getAttribute("data-article-id")),
      );
      expect(ids).toEqual(line.months[month]!.evidence.map((item) => item.article_id));
      expect(await evidence.first().locator("a").first().getAttribute("href")).toBe(
        `#/articles/${encodeURIComponent(ids[0]!)}`,
      );
      await screenshot(page, "contracts-manage");
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("sources: adds a source, tests one fetch without storing, and pauses it", async () => {
    const { page, pageErrors, close } = await signedIn(coordinator);
    try {
      await go(page, "/sources", "outlet-form");
      await page.locator("#src-outlet-id").fill("bao_thu_e2e");
      await page.locator("#src-name").fill("Báo thử nghiệm");
      await page.locator("#src-id").fill("bao_thu_e2e/rss");
      await page.locator("#src-url").fill(`${pressUrl}/rss.xml`);
      await page.locator("#src-interval").fill("30m");
      await page.getByText("Nâng cao").click();
      await page.locator("#src-allow").fill("127.0.0.1");
      await page.getByRole("button", { name: "Tạo mới" }).click();
      await page.getByTestId("saved").waitFor();
      const record = await stack.deps.sourceConfig.entries.outlet("bao_thu_e2e");
      expect(record?.value).toMatchObject({
        outlet: { id: "bao_thu_e2e", name: "Báo thử nghiệm" },
        allow_private_hosts: ["127.0.0.1"],
        sources: [{ id: "bao_thu_e2e/rss", kind: "feed", url: `${pressUrl}/rss.xml`, interval: "30m" }],
      });
      // The catalog the crawl reads has it, enabled.
      await expect
        .poll(async () => (await stack.deps.sourceConfig.catalog.get("bao_thu_e2e/rss"))?.enabled)
        .toBe(true);

      const row = page.getByTestId("sources").locator('tr[data-source="bao_thu_e2e/rss"]');
      await row.waitFor();
      expect(await row.textContent()).toContain("nhập trên bảng điều khiển");
      await row.getByTestId("source-test").click();
      const trial = page.getByTestId("source-trial");
      await trial.getByTestId("trial-article").nth(1).waitFor({ timeout: 30_000 });
      expect(await trial.textContent()).toContain("Tìm thấy 2 bài");
      expect(await trial.getByTestId("trial-entries").locator("li").count()).toBe(2);
      const first = trial.getByTestId("trial-article").first();
      expect(await first.locator("h4").textContent()).toBe(headline(1));
      expect(await first.textContent()).toContain("Đoạn 1 của bài 1: nông dân huyện Tu Mơ Rông");
      expect(await first.textContent()).toContain("01/06/2024 08:00");
      await screenshot(page, "sources-manage");
      // Nothing was recorded: the source never ran as far as the crawl knows.
      const health = (await stack.deps.sources.list()).find((source) => source.id === "bao_thu_e2e/rss");
      expect(health).toMatchObject({ state: "new", runs: 0 });

      await row.getByTestId("source-pause").click();
      await expect
        .poll(async () => (await stack.deps.sourceConfig.entries.paused()).has("bao_thu_e2e/rss"))
        .toBe(true);
      await expect.poll(() => row.textContent()).toContain("đang tạm dừng");
      expect((await stack.deps.sourceConfig.catalog.get("bao_thu_e2e/rss"))?.enabled).toBe(false);
      await row.getByTestId("source-pause").click();
      await expect
        .poll(async () => (await stack.deps.sourceConfig.entries.paused()).has("bao_thu_e2e/rss"))
        .toBe(false);
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("users and keys: the admin creates a user, changes role and agency, disables them, creates and revokes a key", async () => {
    const { page, pageErrors, close } = await signedIn(admin);
    try {
      await page.getByRole("navigation").getByRole("link", { name: "Người dùng" }).click();
      await page.getByTestId("user-form").waitFor();
      await page.locator("#new-username").fill("bientap");
      await page.locator("#new-password").fill("một mật khẩu đủ dài cho biên tập");
      await page.locator("#new-role").selectOption("viewer");
      await page.getByTestId("user-form").getByRole("button", { name: "Tạo mới" }).click();
      const row = page.getByTestId("users").locator('tr[data-user="bientap"]');
      await row.waitFor();
      expect((await stack.deps.users.get("bientap"))?.role).toBe("viewer");

      await row.locator("#user-bientap-role").selectOption("agency");
      await row.locator("#user-bientap-agency").selectOption("svhttdl");
      await row.getByRole("button", { name: /Lưu thay đổi/ }).click();
      await expect.poll(async () => (await stack.deps.users.get("bientap"))?.role).toBe("agency");
      expect((await stack.deps.users.get("bientap"))?.agency).toBe("svhttdl");

      await row.getByTestId("user-toggle").click();
      await expect.poll(async () => (await stack.deps.users.get("bientap"))?.disabled).toBe(true);
      await expect.poll(() => row.getAttribute("data-disabled")).toBe("true");
      // A disabled user cannot sign in.
      const refused = await page.request.post(`${stack.baseUrl}/api/auth/login`, {
        data: { username: "bientap", password: "một mật khẩu đủ dài cho biên tập" },
      });
      expect(refused.status()).toBe(401);

      await row.locator("#user-bientap-key").fill("máy chủ báo cáo");
      await row.getByRole("button", { name: "Tạo khóa" }).click();
      const shown = page.getByTestId("new-key").locator(".secret");
      await shown.waitFor();
      const [key] = await stack.deps.apiKeys.listByUser(["bientap"]);
      expect(key?.name).toBe("máy chủ báo cáo");
      expect((await shown.textContent())?.startsWith(key!.hint)).toBe(true);
      await row.locator(`li[data-key="${key!.id}"]`).waitFor();
      await screenshot(page, "users");
      await row
        .locator(`li[data-key="${key!.id}"]`)
        .getByRole("button", { name: /Thu hồi/ })
        .click();
      await expect.poll(async () => (await stack.deps.apiKeys.listByUser(["bientap"])).length).toBe(0);
      // The administrator cannot lock themselves out from here.
      expect(
        await page
          .getByTestId("users")
          .locator('tr[data-user="quantri"] [data-testid="user-toggle"]')
          .count(),
      ).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("a coordinator sees no users or keys: not in the menu, not on the page, refused by the API", async () => {
    const { page, close } = await signedIn(coordinator);
    try {
      const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
      await nav.getByRole("link", { name: "Theo dõi" }).waitFor();
      expect(await nav.getByRole("link", { name: "Người dùng" }).count()).toBe(0);
      await page.goto(`${stack.baseUrl}/#/users`);
      await page.getByRole("alert").waitFor();
      expect(await page.getByTestId("users").count()).toBe(0);
      expect(await page.locator("#main").textContent()).not.toContain("quantri");
      const response = await page.request.get(`${stack.baseUrl}/api/users`);
      expect(response.status()).toBe(403);
    } finally {
      await close();
    }
  });

  it("dates show and are typed as dd/mm/yyyy in Vietnamese with an en-US browser", async () => {
    const { page, pageErrors, close } = await signedIn(coordinator, "en-US");
    try {
      expect(await page.evaluate(() => navigator.language)).toBe("en-US");
      const doc = docs.find((item) => item.published_at && item.id === docs[5]!.id)!;
      await go(page, `/articles/${encodeURIComponent(doc.id)}`, "article-title");
      // The day and time in Vietnam (UTC+7), written day first.
      const local = new Date(Date.parse(doc.published_at!) + 7 * 3_600_000);
      const pad = (value: number) => String(value).padStart(2, "0");
      const expected = `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
      expect((await page.locator(`time[datetime="${doc.published_at}"]`).first().textContent())?.trim()).toBe(
        expected,
      );

      // The search filter takes 2/6/2024 as 2 June, shows it as 02/06/2024 and asks for that day.
      await page.goto(`${stack.baseUrl}/#/search`);
      await page.locator("#filter-from").waitFor();
      expect(await page.locator("#filter-from").getAttribute("type")).toBe("text");
      expect(await page.locator("#filter-from").getAttribute("placeholder")).toBe("nn/tt/nnnn");
      await typeDay(page, "#filter-from", "2/6/2024");
      await expect.poll(() => page.evaluate(() => location.hash)).toContain("from=2024-06-02");
      expect(await page.locator("#filter-from").inputValue()).toBe("02/06/2024");
      // A day that does not exist is refused where it was typed.
      await typeDay(page, "#filter-to", "31/02/2024");
      expect(await page.locator("#filter-to").getAttribute("aria-invalid")).toBe("true");
      expect(await page.evaluate(() => location.hash)).not.toContain("to=");
      await screenshot(page, "dates");
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });
});
