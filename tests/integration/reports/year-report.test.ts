// The fixture year indexed into a real node: the evaluation read through the store gives the known
// truth; `presswatch obligations` prints it; `presswatch report` writes XLSX, PDF (Debian's
// Chromium) and CSV files that open and hold the numbers the evaluation returns.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cellText,
  type Evaluation,
  loadContracts,
  monthMatrix,
  parseInstant,
  STATUS_LABEL,
} from "../../../src/contracts/index.ts";
import { loadPlan } from "../../../src/plan/index.ts";
import { evaluateYear, yearCoverage } from "../../../src/reports/gather.ts";
import { buildYearReport } from "../../../src/reports/model.ts";
import { createArticleStore, createSearchClient } from "../../../src/store/index.ts";
import type { CoverageResponse } from "../../../src/store/types.ts";
import {
  AFTER_YEAR,
  EXPECTED_AFTER_YEAR,
  EXPECTED_MID_JULY,
  FIXTURE_CONTRACTS_DIR,
  fixtureYear,
  MID_JULY,
  monthCodes,
} from "../../fixtures/contracts/year.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";
import { escapeRegExp, pdfText, section } from "../../helpers/pdfText.ts";
import { type Finished, presswatch } from "../../helpers/run.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const PLAN_FILE = join(ROOT, "config/plans/kon-tum-2024.yaml");
const { openSearchUrl, chromiumPath } = services();
const client = createSearchClient({ url: openSearchUrl });
const prefix = uniqueName("reports");
const plan = await loadPlan(PLAN_FILE);
const contracts = await loadContracts(FIXTURE_CONTRACTS_DIR, plan);
const store = createArticleStore(client, { prefix, timeZone: plan.timezone });
const docs = fixtureYear();

let dir: string;
let evaluation: Evaluation;
let coverage: CoverageResponse;
const runs: Record<string, Finished> = {};

/** Runs the CLI against this file's index. */
function presswatchOn(args: string[]) {
  return presswatch(args, {
    ...process.env,
    OPENSEARCH_URL: openSearchUrl,
    INDEX_PREFIX: prefix,
    CHROMIUM_PATH: chromiumPath,
    PLAN_FILE,
  });
}

const COMMON = ["--year", "2024", "--now", AFTER_YEAR, "--contracts", FIXTURE_CONTRACTS_DIR];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "presswatch-report-"));
  await store.ensureReady();
  const indexed = await store.index(docs, { refresh: true });
  expect(indexed.failed).toEqual([]);
  const now = parseInstant(AFTER_YEAR, plan.timezone) ?? 0;
  evaluation = await evaluateYear({
    plan,
    contracts,
    client,
    alias: store.alias,
    year: 2024,
    scope: { type: "plan" },
    now,
  });
  coverage = await yearCoverage(store, 2024, {});
  // The four command runs are independent: run them side by side.
  const [obligations, xlsx, pdf, csv, scoped] = await Promise.all([
    presswatchOn(["obligations", ...COMMON]),
    presswatchOn(["report", ...COMMON, "--format", "xlsx", "--out", join(dir, "r.xlsx")]),
    presswatchOn(["report", ...COMMON, "--format", "pdf", "--out", join(dir, "r.pdf")]),
    presswatchOn(["report", ...COMMON, "--format", "csv", "--out", join(dir, "r.csv")]),
    presswatchOn(["report", ...COMMON, "--format", "csv", "--scope", "outlet:krt", "--out", "-"]),
  ]);
  Object.assign(runs, { obligations, xlsx, pdf, csv, scoped });
});

afterAll(async () => {
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true });
  await client.indices.deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] });
  await client.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the evaluation read through the store", () => {
  it("gives every obligation the known status for every month", () => {
    expect(monthCodes(evaluation)).toEqual(EXPECTED_AFTER_YEAR);
  });

  it("gives the known statuses in the middle of July too", async () => {
    const now = parseInstant(MID_JULY, plan.timezone) ?? 0;
    const midJuly = await evaluateYear({
      plan,
      contracts,
      client,
      alias: store.alias,
      year: 2024,
      scope: { type: "plan" },
      now,
    });
    expect(monthCodes(midJuly)).toEqual(EXPECTED_MID_JULY);
  });
});

describe("presswatch obligations", () => {
  it("prints the status of every obligation for every month", () => {
    const run = runs.obligations;
    expect(run?.stderr).toBe("");
    expect(run?.status).toBe(0);
    const lines = run?.stdout.split("\n") ?? [];
    for (const line of monthMatrix(evaluation)) {
      const outlet =
        line.outlet ?? (line.obligation.outlets.length ? line.obligation.outlets.join(",") : "—");
      const printed = lines.find(
        (l) => l.startsWith(`${line.obligation.id} `) && l.includes(` ${outlet.slice(0, 20)}`),
      );
      expect(printed, `${line.obligation.id} ${outlet}`).toBeDefined();
      const cells = printed?.split(/\s{2,}/).slice(3, 15);
      expect(cells, `${line.obligation.id} ${outlet}`).toEqual(line.months.map(cellText));
    }
  });
});

describe("the XLSX report", () => {
  it("opens and holds the evaluation's numbers per obligation, per month and per period", async () => {
    expect(runs.xlsx?.status, runs.xlsx?.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, "r.xlsx"));
    const values = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      if (!sheet) throw new Error(`no sheet ${name}`);
      const rows: unknown[][] = [];
      sheet.eachRow((row, n) => {
        if (n > 2) rows.push((row.values as unknown[]).slice(1));
      });
      return rows;
    };
    const matrix = monthMatrix(evaluation);
    const summary = values("I.2 Tổng hợp nghĩa vụ");
    expect(summary).toHaveLength(matrix.length);
    matrix.forEach((line, i) => {
      const row = summary[i] ?? [];
      expect(row[1]).toBe(line.obligation.id);
      // Đạt, Không đạt, Có nguy cơ, Chưa đến hạn, Chưa có dữ liệu, số tin bài được tính
      expect(row.slice(7, 13)).toEqual([
        line.periods.met,
        line.periods.missed,
        line.periods.at_risk,
        line.periods.not_yet_due,
        line.periods.no_data,
        line.rows.reduce((n, r) => n + r.counted, 0),
      ]);
    });
    const months = values("I.2 Bảng tháng");
    matrix.forEach((line, i) => {
      expect(months[i]?.slice(4, 16)).toEqual(line.months.map(cellText));
    });
    const periods = values("I.2 Chi tiết theo kỳ");
    expect(periods).toHaveLength(evaluation.rows.length);
    evaluation.rows.forEach((row, i) => {
      expect([periods[i]?.[0], periods[i]?.[6], periods[i]?.[7], periods[i]?.[8]]).toEqual([
        row.obligation,
        row.required,
        row.counted,
        STATUS_LABEL[row.status],
      ]);
    });
    const evidenceIds = values("Minh chứng").map((r) => r[7]);
    expect(evidenceIds.sort()).toEqual(
      evaluation.rows.flatMap((r) => r.evidence.map((e) => e.article_id)).sort(),
    );
    const coverageRows = values("I.1 Chủ đề theo tháng");
    const total = coverageRows.find((r) => r[0] === "Tổng số tin, bài");
    expect(total?.slice(1, 14)).toEqual([...coverage.totals.map((t) => t.raw), docs.length]);
    const cover = values("Báo cáo").map((r) => String(r[0]));
    expect(cover.some((t) => t.startsWith("III. ĐỀ XUẤT"))).toBe(true);
  });
});

describe("the PDF report", () => {
  it("opens and its text holds the evaluation's numbers", async () => {
    expect(runs.pdf?.status, runs.pdf?.stderr).toBe(0);
    const bytes = await readFile(join(dir, "r.pdf"));
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(join(dir, "r.pdf"));
    expect(text).toContain("BÁO CÁO");
    expect(text).toContain(
      "Kết quả thực hiện Kế hoạch truyền thông nhiệm vụ trọng tâm tỉnh Kon Tum năm 2024",
    );
    // The alert store of this fixture year is empty: the report says so with its counts.
    expect(text).toContain("Trong kỳ có 0 cảnh báo và 0 vụ việc (0 đã xử lý xong).");
    for (const heading of ["I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ", "III. ĐỀ XUẤT, KIẾN NGHỊ"])
      expect(text).toContain(heading);

    const matrix = monthMatrix(evaluation);
    // a) the summary: each row's first line ends with met, missed, at risk, not yet due, counted.
    const summary = section(text, "a) Tổng hợp theo nghĩa vụ", "b) Trạng thái theo tháng");
    const numbers = new Map<number, number[]>();
    for (const line of summary.split("\n")) {
      const match = /^\s*(\d+)\s.*?\s(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/.exec(line);
      if (match) numbers.set(Number(match[1]), match.slice(2).map(Number));
    }
    matrix.forEach((line, i) => {
      expect(numbers.get(i + 1), line.obligation.id).toEqual([
        line.periods.met,
        line.periods.missed,
        line.periods.at_risk,
        line.periods.not_yet_due,
        line.rows.reduce((n, r) => n + r.counted, 0),
      ]);
    });
    // b) the month table, cell by cell.
    const table = section(text, "b) Trạng thái theo tháng", "c) Minh chứng");
    matrix.forEach((line, i) => {
      const row = table
        .split("\n")
        .find((l) => new RegExp(`^\\s*${i + 1}\\s+${escapeRegExp(line.obligation.id)}\\s`).test(l));
      const tokens = row?.trim().split(/\s+/).slice(2) ?? [];
      const expected = [...(line.outlet ? [line.outlet] : []), ...line.months.map(cellText)];
      expect(tokens, line.obligation.id).toEqual(expected);
    });
    // I.1 the month totals of the coverage table.
    const totalLine = text
      .split("\n")
      .find((l) => l.trim().startsWith("Tổng số tin, bài ") && /\d\s*$/.test(l));
    expect(totalLine?.trim().split(/\s+/).slice(4).map(Number)).toEqual([
      ...coverage.totals.map((t) => t.raw),
      docs.length,
    ]);
  });
});

describe("the CSV report", () => {
  it("has one row per obligation and period with the evaluation's counts and statuses", async () => {
    expect(runs.csv?.status, runs.csv?.stderr).toBe(0);
    const rows = (await readFile(join(dir, "r.csv"), "utf8"))
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n")
      .slice(1);
    expect(rows).toHaveLength(evaluation.rows.length);
    const model = buildYearReport({ plan, evaluation, coverage, scope: { type: "plan" }, issuedAt: 0 });
    model.compliance.periods.forEach((period, i) => {
      expect(rows[i]?.startsWith(`${period.code},`)).toBe(true);
      expect(rows[i]).toContain(
        `,${period.required},${period.counted},${period.status_label},${period.status},`,
      );
    });
  });

  it("narrows to one outlet with --scope and writes to standard output with --out -", () => {
    const run = runs.scoped;
    expect(run?.status, run?.stderr).toBe(0);
    const rows =
      run?.stdout
        .replace(/^\uFEFF/, "")
        .trimEnd()
        .split("\r\n")
        .slice(1) ?? [];
    const codesSeen = new Set(rows.map((r) => r.split(",")[0]));
    expect([...codesSeen].sort()).toEqual([
      "campaign_clean_up_the_world",
      "campaign_earth_hour",
      "campaign_world_environment_day",
      "campaign_world_meteorological_day",
      "campaign_world_water_day",
      "column_forestry",
      "column_investment",
      "column_tourism",
      "contract_plastic_waste_krt",
    ]);
    for (const row of rows.filter((r) => r.startsWith("column_")))
      expect(row).toContain("Đài Phát thanh và Truyền hình tỉnh Kon Tum");
  });
});
