// Contracts through the API on the real node: entered and amended contracts are evaluated at once
// by GET /api/contracts/compliance; bad bodies get a 400 naming the field; the files stay
// read-only; the year report downloaded from /api/reports holds the compliance numbers; an
// obligation behind pace raises one alert, shown by GET /api/alerts, however often the check runs.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cellText, loadContracts, type MonthCell, parseInstant } from "../../../src/contracts/index.ts";
import { loadPlan } from "../../../src/plan/index.ts";
import { dailyObligationCheck } from "../../../workers/obligations.ts";
import {
  AFTER_YEAR,
  EXPECTED_AFTER_YEAR,
  EXPECTED_MID_JULY,
  fixtureYear,
  MID_JULY,
} from "../../fixtures/contracts/year.ts";
import { services } from "../../helpers/isolation.ts";
import { escapeRegExp, pdfText, section } from "../../helpers/pdfText.ts";
import { presswatch } from "../../helpers/run.ts";
import { addUser, bearer, indexArticles, login, startTestApi, type TestApi } from "./helpers.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const plan = await loadPlan(join(ROOT, "config/plans/kon-tum-2024.yaml"));
const fileContracts = await loadContracts(join(ROOT, "config/contracts"), plan);

// The fixture's Sài Gòn Giải phóng contract (tests/fixtures/contracts/year/sggp.yaml) entered
// through the API under another id: 1 article a month; the fixture year has 2 a month (3 in October).
const ID = "sggp_api_2024";
const CONTRACT = {
  id: ID,
  title: "Hợp đồng truyền thông với Báo Sài Gòn Giải phóng (nhập qua API, dữ liệu kiểm thử)",
  number: "06/2024/HĐ-SKHĐT",
  signed_by: "skhdt",
  outlets: ["sggp"],
  themes: ["economy"],
  period: { from: "2024-01-01", to: "2024-12-31" },
  deliverables: [{ id: "bai_viet", kind: "article", count: 1, per: "month", own_site: true }],
};
// …raised to 3 a month from 1 July, as the fixture's amendment does.
const AMENDMENT = {
  id: "phu_luc_01",
  title: "Phụ lục 01",
  number: "01/PL-HĐ06",
  signed_on: "2024-06-25",
  effective: "2024-07-01",
  deliverables: [{ id: "bai_viet", count: 3 }],
};
const FIXTURE_LINE = "ct_sggp_2024/bai_viet@";
const LINE = `${ID}/bai_viet`;

const CODE: Record<string, string> = { met: "M", missed: "X", at_risk: "R", not_yet_due: "N", no_data: "?" };

interface ComplianceLine {
  obligation: { id: string };
  outlet: string | null;
  months: Array<{ status: string; counted: number; required: number } | null>;
}

let api: TestApi;
let admin: Record<string, string>;
let coordinator: Record<string, string>;
let agency: Record<string, string>;
let dir: string;

beforeAll(async () => {
  api = await startTestApi({ label: "api-contracts" });
  dir = await mkdtemp(join(tmpdir(), "presswatch-api-contracts-"));
  await indexArticles(api, fixtureYear());
  const headers = async (
    name: string,
    role: "admin" | "coordinator" | "agency",
    of: string | null = null,
  ) => {
    const user = await addUser(api, name, role, of);
    return bearer(await login(api, user.username, user.password));
  };
  admin = await headers("admin", "admin");
  coordinator = await headers("coordinator", "coordinator");
  agency = await headers("agency", "agency", "svhttdl");
});

afterAll(async () => {
  await api?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function compliance(scope: string): Promise<ComplianceLine[]> {
  const response = await api.app.inject({
    url: `/api/contracts/compliance?year=2024&scope=${scope}`,
    headers: coordinator,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().lines;
}

const codes = (line: ComplianceLine | undefined) =>
  line?.months.map((cell) => (cell ? CODE[cell.status] : "-"));

describe("contracts through the API", () => {
  it("lists the contract files as read-only", async () => {
    const response = await api.app.inject({ url: "/api/contracts", headers: coordinator });
    expect(response.statusCode).toBe(200);
    const entries = response.json().contracts as Array<{ id: string; source: string; read_only: boolean }>;
    expect(entries.map((e) => e.id).sort()).toEqual(fileContracts.map((c) => c.id).sort());
    expect(entries.every((e) => e.source === "file" && e.read_only)).toBe(true);
  });

  it("enters a contract, and compliance counts it at once", async () => {
    const created = await api.app.inject({
      method: "POST",
      url: "/api/contracts",
      headers: coordinator,
      payload: CONTRACT,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      id: ID,
      source: "api",
      read_only: false,
      version: 1,
      created_by: "coordinator",
    });
    const read = await api.app.inject({ url: `/api/contracts/${ID}`, headers: coordinator });
    expect(read.json().contract).toMatchObject({ ...CONTRACT, amendments: [] });
    const lines = await compliance(`contract:${ID}`);
    expect(lines.map((l) => l.obligation.id)).toEqual([LINE]);
    // 1 a month owed, at least 2 a month published: every month met.
    expect(codes(lines[0])).toEqual(Array(12).fill("M"));
    const listed = (await api.app.inject({ url: "/api/contracts", headers: admin })).json().contracts;
    expect(listed.find((e: { id: string }) => e.id === ID)).toMatchObject({ source: "api", version: 1 });
  });

  it("amends it on the version read, and compliance follows the amendment from its effective date", async () => {
    const amended = await api.app.inject({
      method: "PUT",
      url: `/api/contracts/${ID}`,
      headers: coordinator,
      payload: { ...CONTRACT, amendments: [AMENDMENT], version: 1 },
    });
    expect(amended.statusCode, amended.body).toBe(200);
    expect(amended.json()).toMatchObject({ version: 2, updated_by: "coordinator" });
    const lines = await compliance(`contract:${ID}`);
    expect(codes(lines[0])).toEqual(EXPECTED_AFTER_YEAR[FIXTURE_LINE]);
    expect(lines[0]?.months[6]).toMatchObject({ required: 3 });

    // A second editor who read version 1 is refused, and nothing changes.
    const stale = await api.app.inject({
      method: "PUT",
      url: `/api/contracts/${ID}`,
      headers: admin,
      payload: { ...CONTRACT, version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/at version 2, not 1/);
    expect(codes((await compliance(`contract:${ID}`))[0])).toEqual(EXPECTED_AFTER_YEAR[FIXTURE_LINE]);

    await api.client.indices.refresh({ index: `${api.prefix}-audit*` });
    const audit = await api.app.inject({ url: "/api/audit?action=contracts.update", headers: admin });
    const entries = audit.json().entries as Array<{ target: string; outcome: string; detail: string }>;
    expect(entries.map((e) => e.outcome).sort()).toEqual(["rejected", "success"]);
    expect(entries.every((e) => e.target === ID)).toBe(true);
    expect(entries.find((e) => e.outcome === "success")?.detail).toContain("phu_luc_01@2024-07-01");
  });

  it.each([
    ["a missing title", { title: undefined }, "title", /required field is missing/],
    [
      "a count of 0",
      { deliverables: [{ ...CONTRACT.deliverables[0], count: 0 }] },
      "deliverables[0].count",
      /.+/,
    ],
    ["an outlet the plan does not know", { outlets: ["voa"] }, "outlets[0]", /unknown outlet "voa"/],
    [
      "a date that does not exist",
      { period: { from: "2024-01-01", to: "2024-02-30" } },
      "period.to",
      /not a real date/,
    ],
    ["an unknown field", { colour: "red" }, "colour", /unknown field/],
    [
      "an amendment without its effective date",
      { amendments: [{ ...AMENDMENT, effective: undefined }] },
      "amendments[0].effective",
      /required field is missing/,
    ],
    ["no deliverable", { deliverables: [] }, "deliverables", /at least one deliverable/],
  ])("refuses %s with a 400 naming the field", async (_what, change, field, message) => {
    const payload = { ...CONTRACT, id: "refused_contract", ...change };
    const response = await api.app.inject({
      method: "POST",
      url: "/api/contracts",
      headers: coordinator,
      payload,
    });
    expect(response.statusCode, response.body).toBe(400);
    const body = response.json() as {
      error: string;
      message: string;
      fields: Array<{ field: string; message: string }>;
    };
    expect(body.error).toBe("bad_request");
    expect(body.fields[0]?.field).toBe(field);
    expect(body.fields[0]?.message).toMatch(message);
    expect(body.message.startsWith(`${field} `)).toBe(true);
    expect(
      (await api.app.inject({ url: "/api/contracts/refused_contract", headers: admin })).statusCode,
    ).toBe(404);
  });

  it("refuses an update without its version, or naming another id, with a 400 naming the field", async () => {
    const noVersion = await api.app.inject({
      method: "PUT",
      url: `/api/contracts/${ID}`,
      headers: admin,
      payload: CONTRACT,
    });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().fields[0].field).toBe("version");
    const otherId = await api.app.inject({
      method: "PUT",
      url: `/api/contracts/${ID}`,
      headers: admin,
      payload: { ...CONTRACT, id: "another_one", version: 2 },
    });
    expect(otherId.statusCode).toBe(400);
    expect(otherId.json().fields[0].field).toBe("id");
  });

  it("refuses the id of a contract file or of an entered contract with 409, and keeps files read-only", async () => {
    const file = fileContracts[0]!;
    const clash = await api.app.inject({
      method: "POST",
      url: "/api/contracts",
      headers: coordinator,
      payload: { ...CONTRACT, id: file.id },
    });
    expect(clash.statusCode).toBe(409);
    const again = await api.app.inject({
      method: "POST",
      url: "/api/contracts",
      headers: coordinator,
      payload: CONTRACT,
    });
    expect(again.statusCode).toBe(409);
    const edit = await api.app.inject({
      method: "PUT",
      url: `/api/contracts/${file.id}`,
      headers: admin,
      payload: { ...CONTRACT, id: file.id, version: 1 },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toMatch(/read-only/);
    const missing = await api.app.inject({
      method: "PUT",
      url: "/api/contracts/no_such_contract",
      headers: admin,
      payload: { ...CONTRACT, id: "no_such_contract", version: 1 },
    });
    expect(missing.statusCode).toBe(404);
  });

  it("shows an agency user only the contracts their agency signed or co-signed", async () => {
    const own = {
      ...CONTRACT,
      id: "tourism_krt_2024",
      title: "Hợp đồng tuyên truyền du lịch với Đài PT-TH tỉnh (dữ liệu kiểm thử)",
      signed_by: "skhdt",
      co_signers: ["svhttdl"],
      outlets: ["krt"],
      themes: ["tourism"],
    };
    const created = await api.app.inject({
      method: "POST",
      url: "/api/contracts",
      headers: admin,
      payload: own,
    });
    expect(created.statusCode, created.body).toBe(201);
    const response = await api.app.inject({ url: "/api/contracts", headers: agency });
    const ids = (response.json().contracts as Array<{ id: string }>).map((e) => e.id);
    const files = fileContracts.filter((c) => c.signed_by === "svhttdl" || c.co_signers.includes("svhttdl"));
    expect(ids.sort()).toEqual([...files.map((c) => c.id), own.id].sort());
    expect((await api.app.inject({ url: `/api/contracts/${own.id}`, headers: agency })).statusCode).toBe(200);
    // Out of scope looks the same as absent.
    expect((await api.app.inject({ url: `/api/contracts/${ID}`, headers: agency })).statusCode).toBe(404);
  });
});

describe("the year report through the API", () => {
  async function download(format: "xlsx" | "pdf", scope: string): Promise<Buffer> {
    const response = await api.app.inject({
      url: `/api/reports/year.${format}?year=2024&scope=${scope}`,
      headers: coordinator,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-disposition"]).toMatch(
      new RegExp(`attachment; filename=".+\\.${format}"`),
    );
    return response.rawPayload;
  }

  async function sheets(bytes: Buffer) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return (name: string) => {
      const sheet = workbook.getWorksheet(name);
      if (!sheet) throw new Error(`no sheet ${name}`);
      const rows: unknown[][] = [];
      sheet.eachRow((row, n) => {
        if (n > 2) rows.push((row.values as unknown[]).slice(1));
      });
      return rows;
    };
  }

  const cells = (line: ComplianceLine) =>
    line.months.map((cell) => cellText(cell && ({ ...cell, rows: [] } as MonthCell)));
  const tally = (line: ComplianceLine, status: string) =>
    line.months.filter((cell) => cell?.status === status).length;

  for (const scope of [`contract:${ID}`, "plan"]) {
    it(`XLSX for ${scope} holds the month cells GET /api/contracts/compliance returns`, async () => {
      const [bytes, lines] = await Promise.all([download("xlsx", scope), compliance(scope)]);
      const months = (await sheets(bytes))("I.2 Bảng tháng");
      expect(months).toHaveLength(lines.length);
      lines.forEach((line, i) => {
        expect(months[i]?.slice(4, 16), line.obligation.id).toEqual(cells(line));
      });
    });
  }

  it("XLSX for the entered contract sums its months up as compliance does", async () => {
    const [bytes, lines] = await Promise.all([
      download("xlsx", `contract:${ID}`),
      compliance(`contract:${ID}`),
    ]);
    const summary = (await sheets(bytes))("I.2 Tổng hợp nghĩa vụ");
    const line = lines[0]!;
    expect(summary).toHaveLength(1);
    // A monthly deliverable: one period per month. Đạt, Không đạt, Có nguy cơ, Chưa đến hạn, Chưa
    // có dữ liệu, số tin bài được tính.
    expect([summary[0]?.[1], ...(summary[0]?.slice(7, 13) ?? [])]).toEqual([
      LINE,
      tally(line, "met"),
      tally(line, "missed"),
      tally(line, "at_risk"),
      tally(line, "not_yet_due"),
      tally(line, "no_data"),
      line.months.reduce((n, cell) => n + (cell?.counted ?? 0), 0),
    ]);
  });

  it("PDF for the entered contract holds the numbers GET /api/contracts/compliance returns", async () => {
    const [bytes, lines] = await Promise.all([
      download("pdf", `contract:${ID}`),
      compliance(`contract:${ID}`),
    ]);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const file = join(dir, "report.pdf");
    await writeFile(file, bytes);
    const text = await pdfText(file);
    const table = section(text, "b) Trạng thái theo tháng", "c) Minh chứng");
    lines.forEach((line, i) => {
      const row = table
        .split("\n")
        .find((l) => new RegExp(`^\\s*${i + 1}\\s+${escapeRegExp(line.obligation.id)}\\s`).test(l));
      expect(row?.trim().split(/\s+/).slice(2), line.obligation.id).toEqual([
        ...(line.outlet ? [line.outlet] : []),
        ...cells(line),
      ]);
    });
    const summary = section(text, "a) Tổng hợp theo nghĩa vụ", "b) Trạng thái theo tháng");
    const first = summary.split("\n").find((l) => /^\s*1\s/.test(l));
    const numbers = /\s(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/
      .exec(first ?? "")
      ?.slice(1)
      .map(Number);
    const line = lines[0]!;
    expect(numbers).toEqual([
      tally(line, "met"),
      tally(line, "missed"),
      tally(line, "at_risk"),
      tally(line, "not_yet_due"),
      line.months.reduce((n, cell) => n + (cell?.counted ?? 0), 0),
    ]);
  });

  it("refuses another year than the plan's, and a scope nobody knows, naming the field", async () => {
    const year = await api.app.inject({ url: "/api/reports/year.csv?year=2023", headers: coordinator });
    expect(year.statusCode).toBe(400);
    expect(year.json().fields[0].field).toBe("year");
    const scope = await api.app.inject({
      url: "/api/reports/year.csv?scope=contract:nobody",
      headers: coordinator,
    });
    expect(scope.statusCode).toBe(400);
    expect(scope.json().fields[0].field).toBe("scope");
  });
});

describe("obligations at risk as alerts", () => {
  const julyAtRisk = EXPECTED_MID_JULY[FIXTURE_LINE]!.flatMap((code, i) =>
    code === "R" ? [`2024-${String(i + 1).padStart(2, "0")}`] : [],
  );

  async function obligationAlerts() {
    const response = await api.app.inject({
      url: "/api/alerts?kind=obligation&limit=500",
      headers: coordinator,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().alerts as Array<{
      id: string;
      kind: string;
      title: string;
      agencies: string[];
      evidence: { obligation: string; period: string; required: number; counted: number };
    }>;
  }

  it("`presswatch obligations warn` raises one alert per period behind pace, shown by GET /api/alerts", async () => {
    expect(julyAtRisk.length).toBeGreaterThan(0);
    const run = await presswatchOn(["obligations", "warn", "--now", MID_JULY], api.prefix);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const alerts = await obligationAlerts();
    const ours = alerts.filter((alert) => alert.evidence.obligation === LINE);
    expect(ours.map((alert) => alert.evidence.period.slice(0, 7))).toEqual(julyAtRisk);
    expect(ours[0]).toMatchObject({ kind: "obligation", agencies: ["skhdt"], evidence: { required: 3 } });
    // Every alert raised is printed, and only those.
    expect(run.stdout).toContain(`${alerts.length} obligation alerts raised, 0 already raised`);
    for (const alert of alerts) expect(run.stdout).toContain(`raised   ${alert.id}  ${alert.title}`);
  });

  const daily = (now: string) =>
    dailyObligationCheck({
      planFile: join(ROOT, "config/plans/kon-tum-2024.yaml"),
      contractsDir: join(ROOT, "config/contracts"),
      client: api.client,
      prefix: api.prefix,
      now: parseInstant(now, plan.timezone) ?? 0,
    });

  it("raises nothing twice when the daily check runs again", async () => {
    const before = await obligationAlerts();
    const again = await daily(MID_JULY);
    expect(again.raised).toEqual([]);
    expect(again.already.map((alert) => alert.id).sort()).toEqual(before.map((alert) => alert.id).sort());
    expect((await obligationAlerts()).length).toBe(before.length);
  });

  it("raises none after the year, when no period is still running", async () => {
    const after = await daily(AFTER_YEAR);
    expect([...after.raised, ...after.already]).toEqual([]);
  });
});

/** Runs the CLI against this file's indices. */
function presswatchOn(args: string[], prefix: string) {
  return presswatch(args, { ...process.env, OPENSEARCH_URL: services().openSearchUrl, INDEX_PREFIX: prefix });
}
