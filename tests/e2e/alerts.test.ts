// An alert says what happened, in the reader's language: in Debian's Chromium against the real
// API, a rumour alert described by the alerts stage's own code (describeAlert) shows its story's
// headline and outlets in the list, in Vietnamese by default and in English after the switch; the
// alert's own page shows the same story with its themes and agencies, in both languages.

import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertId } from "../../src/detect/alerts.ts";
import { describeAlert } from "../../src/detect/describe.ts";
import type { ArticleDoc } from "../../src/model/article.ts";
import { loadPlan } from "../../src/plan/load.ts";
import { createAlertStore } from "../../src/store/alerts.ts";
import { e2eArticles } from "./fixtures.ts";
import { openPage, REPO, type Stack, screenshot, signIn, startStack } from "./harness.ts";

let stack: Stack;
let coordinator: { username: string; password: string };
let story: ArticleDoc[];

describe("an alert in the list says what happened", () => {
  beforeAll(async () => {
    stack = await startStack("e2e-alert-story");
    const docs = e2eArticles(60);
    await stack.index(docs);
    coordinator = await stack.addUser("dieuphoi.tin", "coordinator");
    // Three articles of one story, from three outlets, the first one an hour before the others.
    const base = docs.filter((doc) => doc.outlet !== docs[0]!.outlet).slice(0, 2);
    story = [docs[0]!, ...base].map((doc, i) => ({
      ...doc,
      title: i === 0 ? "Rao bán sâm Ngọc Linh giả giá rẻ trên mạng" : doc.title,
      published_at: new Date(Date.parse("2024-06-18T01:10:00Z") + i * 3_600_000).toISOString(),
      tone: { label: "negative", score: 0.9 },
    }));
    const alerts = createAlertStore(stack.client, { prefix: stack.prefix });
    await alerts.ensureReady();
    const raw = {
      id: alertId("rumour", "e2e-story", "spread"),
      kind: "rumour" as const,
      title: "story e2e-story spread to 3 outlets within 60 minutes",
      scope: { story_id: "e2e-story" },
      evidence: {
        article_ids: story.map((doc) => doc.id),
        outlets: story.map((doc) => doc.outlet),
        window_minutes: 60,
        reasons: ["negative"],
      },
      themes: ["agriculture"],
      agencies: ["snnptnt"],
      state: "open" as const,
      created_at: "2024-06-18T03:20:00Z",
      acknowledged_at: null,
    };
    await alerts.put(describeAlert(raw, story), { refresh: true });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it("shows the story's headline and outlets in Vietnamese, then in English", async () => {
    const { page, pageErrors, close } = await openPage(stack);
    try {
      await signIn(page, stack, coordinator);
      await page.getByRole("navigation").getByRole("link", { name: "Cảnh báo" }).click();
      const row = page.getByTestId("alerts").locator("tbody tr").first();
      await row.waitFor();
      const plan = await loadPlan(join(REPO, "config/plans/kon-tum-2024.yaml"));
      const names = [...new Set(story.map((doc) => doc.outlet))].map(
        (outlet) => plan.outlets.find((entry) => entry.id === outlet)?.name ?? outlet,
      );
      expect(await row.getByTestId("alert-headline").textContent()).toBe(
        "Tin: “Rao bán sâm Ngọc Linh giả giá rẻ trên mạng”",
      );
      const outletsVi = (await row.getByTestId("alert-outlets").textContent()) ?? "";
      expect(outletsVi).toBe(`Đăng trên 3 cơ quan: ${names.join(", ")}`);
      expect(await row.getByTestId("alert-why").textContent()).toBe("Lý do: sắc thái tiêu cực");
      expect(await row.getByTestId("alert-tone").textContent()).toBe("Sắc thái: Tiêu cực (3/3 bài tiêu cực)");
      // Times in Vietnam time: the first article at 08:10 on 18 June, the latest two hours later.
      expect(await row.getByTestId("alert-times").textContent()).toMatch(/08:10.*10:10/);
      await screenshot(page, "alert-story-vi");

      await page.getByTestId("lang-switch").click();
      await page.getByRole("heading", { name: "Alerts" }).waitFor();
      expect(await row.getByTestId("alert-headline").textContent()).toBe(
        "Story: “Rao bán sâm Ngọc Linh giả giá rẻ trên mạng”",
      );
      const outletsEn = (await row.getByTestId("alert-outlets").textContent()) ?? "";
      expect(outletsEn).toMatch(/^Carried by 3 outlets: /);
      // The same outlets, by the plan's names, in both languages.
      expect(outletsEn.replace(/^[^:]+: /, "")).toBe(outletsVi.replace(/^[^:]+: /, ""));
      expect(outletsEn).toBe(`Carried by 3 outlets: ${names.join(", ")}`);
      expect(await row.getByTestId("alert-why").textContent()).toBe("Why: negative tone");
      await screenshot(page, "alert-story-en");
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows the story on the alert's own page, with its themes and agencies, in Vietnamese and in English", async () => {
    const { page, pageErrors, close } = await openPage(stack);
    try {
      await signIn(page, stack, coordinator);
      await page.getByRole("navigation").getByRole("link", { name: "Cảnh báo" }).click();
      await page.getByTestId("alerts").locator("tbody tr").first().getByRole("link").first().click();
      const card = page.getByTestId("alert").getByTestId("alert-story");
      await card.waitFor();
      const plan = await loadPlan(join(REPO, "config/plans/kon-tum-2024.yaml"));
      const name = (list: Array<{ id: string; name: string }>, id: string) =>
        list.find((entry) => entry.id === id)?.name ?? id;
      const outlets = [...new Set(story.map((doc) => doc.outlet))].map((id) => name(plan.outlets, id));
      const themes = [...new Set(story.flatMap((doc) => doc.themes.map((theme) => theme.id)))].map((id) =>
        name(plan.themes, id),
      );
      const agencies = [...new Set(story.flatMap((doc) => doc.agencies))].map((id) =>
        name(plan.agencies, id),
      );
      // In English the plan's English names.
      const themesEn = [...new Set(story.flatMap((doc) => doc.themes.map((theme) => theme.id)))].map(
        (id) => plan.themes.find((entry) => entry.id === id)?.name_en ?? id,
      );
      expect(themes.length).toBeGreaterThan(0);
      expect(agencies.length).toBeGreaterThan(0);
      await page.getByRole("heading", { name: "Chuyện gì đã xảy ra" }).waitFor();
      expect(await card.getByTestId("alert-headline").textContent()).toBe(
        "Tin: “Rao bán sâm Ngọc Linh giả giá rẻ trên mạng”",
      );
      expect(await card.getByTestId("alert-outlets").textContent()).toBe(
        `Đăng trên 3 cơ quan: ${outlets.join(", ")}`,
      );
      expect(await card.getByTestId("alert-times").textContent()).toMatch(/08:10.*10:10/);
      expect(await card.getByTestId("alert-themes").textContent()).toBe(`Chủ đề: ${themes.join(", ")}`);
      expect(await card.getByTestId("alert-agencies").textContent()).toBe(
        `Cơ quan liên quan: ${agencies.join(", ")}`,
      );
      expect(await card.getByTestId("alert-tone").textContent()).toBe(
        "Sắc thái: Tiêu cực (3/3 bài tiêu cực)",
      );
      await screenshot(page, "alert-page-story-vi");

      await page.getByTestId("lang-switch").click();
      await page.getByRole("heading", { name: "What happened" }).waitFor();
      expect(await card.getByTestId("alert-headline").textContent()).toBe(
        "Story: “Rao bán sâm Ngọc Linh giả giá rẻ trên mạng”",
      );
      expect(await card.getByTestId("alert-outlets").textContent()).toBe(
        `Carried by 3 outlets: ${outlets.join(", ")}`,
      );
      expect(await card.getByTestId("alert-themes").textContent()).toBe(`Themes: ${themesEn.join(", ")}`);
      expect(await card.getByTestId("alert-agencies").textContent()).toMatch(/^Agencies: \S/);
      expect(await card.getByTestId("alert-why").textContent()).toBe("Why: negative tone");
      await screenshot(page, "alert-page-story-en");
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });
});
