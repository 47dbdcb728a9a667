// The weekly press-briefing pack through the real API: a week of articles, an open and a closed
// case; the PDF (printed by Chromium, read back with pdftotext) and the XLSX (read back with
// exceljs) hold the week's counts by theme and outlet, its negative items and the open case only.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../../src/cases/workflow.ts";
import type { ArticleDoc } from "../../../src/model/article.ts";
import { pdfText } from "../../helpers/pdfText.ts";
import { syntheticArticles } from "../../helpers/syntheticArticles.ts";
import { addUser, bearer, indexArticles, login, startTestApi, type TestApi } from "../api/helpers.ts";

let api: TestApi;
let token: string;
let dir: string;
// The week of Monday 10 June 2024 (Vietnam time), and articles just outside it.
const at = (i: number) => new Date(Date.parse("2024-06-09T17:30:00Z") + i * 9 * 3_600_000).toISOString();
const week: ArticleDoc[] = syntheticArticles(18, 7).map((doc, i) => ({
  ...doc,
  id: `week-${i}`,
  cluster_id: `week-${i}`,
  is_original: true,
  outlet: i % 3 === 0 ? "vov" : "bao_kon_tum",
  themes: [{ id: i % 2 ? "tourism" : "agriculture", score: 1 }],
  primary_theme: i % 2 ? "tourism" : "agriculture",
  tone: { label: i % 6 === 0 ? "negative" : "neutral", score: 0.5 },
  title: i % 6 === 0 ? `Phản ánh tiêu cực số ${i}` : `Tin thường số ${i}`,
  published_at: at(i),
}));
const outside: ArticleDoc = {
  ...week[0]!,
  id: "week-outside",
  title: "Ngoài tuần",
  published_at: "2024-06-09T16:00:00.000Z",
};

beforeAll(async () => {
  api = await startTestApi({ label: "weekly-pack" });
  await indexArticles(api, [...week, outside]);
  const actor = { id: null, username: "seed", role: "coordinator" as const, agency: null };
  await api.deps.cases.create(
    createCase(
      { id: "case-open", title: "Tin đồn sâm giả cần xác minh", alert_ids: [] },
      actor,
      new Date("2024-06-11T03:00:00Z"),
    ),
  );
  const closed = createCase(
    { id: "case-closed", title: "Vụ đã xong", alert_ids: [] },
    actor,
    new Date("2024-06-11T03:00:00Z"),
  );
  await api.deps.cases.create({ ...closed, status: "resolved" });
  const user = await addUser(api, "dieuphoi", "coordinator");
  token = await login(api, user.username, user.password);
  dir = await mkdtemp(join(tmpdir(), "weekly-pack-"));
});

afterAll(async () => {
  await api?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const inWeek = week.filter(
  (d) => d.published_at! >= "2024-06-09T17:00:00.000Z" && d.published_at! < "2024-06-16T17:00:00.000Z",
);
const count = (pred: (d: ArticleDoc) => boolean) => inWeek.filter(pred).length;

describe("the weekly press-briefing pack", () => {
  it("prints the week's coverage, negative items and open cases to PDF", async () => {
    const response = await api.app.inject({
      url: "/api/reports/week.pdf?day=2024-06-12",
      headers: bearer(token),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toContain("ban-tin-tuan-2024-06-10.pdf");
    const file = join(dir, "week.pdf");
    await writeFile(file, response.rawPayload);
    // Table cells wrap in the layout: compare with runs of white space as one space.
    const text = (await pdfText(file)).replace(/\s+/g, " ");
    expect(text).toContain("Bản tin báo chí tuần 2024-06-10 – 2024-06-16");
    expect(text).toContain(`${inWeek.length} bài trong tuần`);
    expect(text).toContain(`Du lịch ${count((d) => d.primary_theme === "tourism")} `);
    for (const doc of inWeek.filter((d) => d.tone.label === "negative")) expect(text).toContain(doc.title);
    expect(text).not.toContain("Ngoài tuần");
    expect(text).toContain("Tin đồn sâm giả cần xác minh");
    expect(text).not.toContain("Vụ đã xong");
  });

  it("writes the same pack as XLSX", async () => {
    const response = await api.app.inject({
      url: "/api/reports/week.xlsx?day=2024-06-16",
      headers: bearer(token),
    });
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows = (name: string) =>
      (book.getWorksheet(name)!.getSheetValues() as unknown[][]).slice(2).map((row) => row.slice(1));
    expect(rows("Tổng quan")[0]!.slice(0, 3)).toEqual(["2024-06-10", "2024-06-16", inWeek.length]);
    const outlets = Object.fromEntries(rows("Cơ quan báo chí").map((r) => [r[0], r[1]]));
    expect(Object.values(outlets).reduce((a, b) => (a as number) + (b as number), 0)).toBe(inWeek.length);
    expect(
      rows("Tin tiêu cực")
        .map((r) => r[2])
        .sort(),
    ).toEqual(
      inWeek
        .filter((d) => d.tone.label === "negative")
        .map((d) => d.title)
        .sort(),
    );
    expect(rows("Vụ việc").map((r) => r[0])).toEqual(["case-open"]);
  });

  it("refuses a day outside the plan's year", async () => {
    const response = await api.app.inject({
      url: "/api/reports/week.xlsx?day=2023-06-12",
      headers: bearer(token),
    });
    expect(response.statusCode).toBe(400);
  });
});
