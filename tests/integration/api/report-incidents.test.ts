// The year report lists the alerts raised and the cases opened in its year (Viet Nam time), an
// agency's report only the agency's own: read back from the XLSX the API sends.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../../src/cases/workflow.ts";
import { spikeAlert } from "../../../src/detect/alerts.ts";
import { createAlertStore } from "../../../src/store/alerts.ts";
import { addUser, bearer, login, startTestApi, type TestApi } from "./helpers.ts";

let api: TestApi;
let token: string;

const bucket = (iso: string) => ({
  bucket: Date.parse(iso),
  count: 5,
  expected: 0.4,
  sd: 0.7,
  z: 6.5,
  score: 7,
  alert: true,
  ids: ["bai-1"],
});
// 31 December 2024, 23:30 in Viet Nam is still 2024; 1 January 2025, 00:10 is not.
const inYear = spikeAlert(
  { dimension: "agency", value: "snnptnt", measure: "flagged" },
  bucket("2024-12-31T16:15:00Z"),
  new Date("2024-12-31T16:30:00Z"),
);
const nextYear = spikeAlert(
  { dimension: "agency", value: "snnptnt", measure: "negative" },
  bucket("2024-12-31T17:00:00Z"),
  new Date("2024-12-31T17:10:00Z"),
);
const otherAgency = spikeAlert(
  { dimension: "agency", value: "svhttdl", measure: "flagged" },
  bucket("2024-06-01T02:00:00Z"),
  new Date("2024-06-01T02:15:00Z"),
);
const seed = { id: null, username: "seed", role: "coordinator", agency: null };
const farmingCase = createCase(
  { id: "case-20240601-sam", title: "Tin giả sâm Ngọc Linh", alert_ids: [inYear.id], agency: "snnptnt" },
  seed,
  new Date("2024-06-01T03:00:00Z"),
);

beforeAll(async () => {
  api = await startTestApi({ label: "report-incidents" });
  const alerts = createAlertStore(api.client, { prefix: api.prefix });
  for (const alert of [inYear, nextYear, otherAgency]) await alerts.put(alert, { refresh: true });
  await api.deps.cases.create(farmingCase);
  await api.client.indices.refresh({ index: `${api.prefix}-cases` });
  const { username, password } = await addUser(api, "dieuphoi", "coordinator");
  token = await login(api, username, password);
});

afterAll(async () => {
  await api?.close();
});

async function incidentIds(scope: string): Promise<string[]> {
  const response = await api.app.inject({
    url: `/api/reports/year.xlsx?year=2024&scope=${scope}`,
    headers: bearer(token),
  });
  expect(response.statusCode, response.body).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("I.3 Cảnh báo, vụ việc");
  expect(sheet).toBeDefined();
  const ids: string[] = [];
  sheet!.eachRow((row, n) => {
    if (n > 2) ids.push(String((row.values as unknown[])[1]));
  });
  return ids;
}

describe("the alerts and cases of the year report", () => {
  it("lists the year's alerts and cases, not the next year's", async () => {
    expect(await incidentIds("plan")).toEqual([otherAgency.id, inYear.id, farmingCase.id]);
  });

  it("lists an agency's own only in the agency's report", async () => {
    expect(await incidentIds("agency:snnptnt")).toEqual([inYear.id, farmingCase.id]);
  });
});
