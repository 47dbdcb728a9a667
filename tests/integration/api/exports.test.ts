// CSV and XLSX exports stream every matching row (2,500 fixture articles, five store pages), with
// Vietnamese text intact, hostile text defused, and Vietnamese times; read back with a CSV parser
// and with exceljs.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureArticles } from "./fixtures.ts";
import { addUser, bearer, indexArticles, login, startTestApi, type TestApi } from "./helpers.ts";

const COUNT = 2500;
const articles = fixtureArticles(COUNT);
const byId = new Map(articles.map((a) => [a.id, a]));

let api: TestApi;
let coordinator: Record<string, string>;
let agency: Record<string, string>;

/** RFC 4180 parser: quoted fields, doubled quotes, CRLF or LF inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function download(url: string, headers = coordinator) {
  const response = await api.app.inject({ url, headers });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  return response;
}

async function workbook(buffer: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  return book;
}

beforeAll(async () => {
  api = await startTestApi({ label: "api-export" });
  await indexArticles(api, articles);
  const c = await addUser(api, "coordinator", "coordinator");
  coordinator = bearer(await login(api, c.username, c.password));
  const a = await addUser(api, "so-vhttdl", "agency", "svhttdl");
  agency = bearer(await login(api, a.username, a.password));
});

afterAll(async () => {
  await api?.close();
});

describe("the CSV export of a search", () => {
  let rows: string[][];
  let header: string[];
  let raw: Buffer;

  beforeAll(async () => {
    const response = await download("/api/articles/search.csv?sort=oldest");
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="presswatch-articles-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    raw = response.rawPayload;
    [header, ...rows] = parseCsv(raw.subarray(3).toString("utf8")) as [string[], ...string[][]];
  });

  it("starts with a UTF-8 byte-order mark so Excel reads Vietnamese", () => {
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(header[4]).toBe("Tiêu đề (title)");
  });

  it("holds every article once, in the requested order", () => {
    expect(rows).toHaveLength(COUNT);
    expect(rows.every((row) => row.length === header.length)).toBe(true);
    expect(new Set(rows.map((row) => row[0]))).toEqual(new Set(byId.keys()));
    expect(rows.map((row) => row[0])).toEqual(articles.map((a) => a.id)); // fixture i is published in order
  });

  it("keeps quotes, commas and line breaks, defuses formulas and shows times in Viet Nam", () => {
    const [first, second, third] = rows as [string[], string[], string[]];
    expect(first[4]).toBe(articles[0]!.title); // “Sâm Ngọc Linh”, with a comma
    expect(first[5]).toBe(articles[0]!.lead); // "double quotes"
    expect(second[5]).toBe(articles[1]!.lead); // a line break
    expect(second[5]).toContain("\n");
    expect(third[4]).toBe(`'${articles[2]!.title}`); // starts with "=": not a formula
    expect(first[1]).toBe("2024-01-01 00:00"); // 2023-12-31T17:00Z in Viet Nam
    expect(first[9]).toBe("svhttdl; snnptnt");
  });

  it("exports exactly what the same search finds", async () => {
    const search = (await download("/api/articles/search?theme=tourism&tone=negative&size=1")).json();
    const csv = parseCsv(
      (await download("/api/articles/search.csv?theme=tourism&tone=negative")).body.slice(1),
    );
    const expected = articles.filter(
      (a) => a.primary_theme === "tourism" && a.tone.label === "negative",
    ).length;
    expect(search.total).toBe(expected);
    expect(csv).toHaveLength(expected + 1);
  });

  it("holds only an agency user's articles when they export", async () => {
    const csv = parseCsv((await download("/api/articles/search.csv", agency)).body.slice(1)).slice(1);
    const expected = articles.filter((a) => a.agencies.includes("svhttdl"));
    expect(csv).toHaveLength(expected.length);
    expect(csv.every((row) => byId.get(row[0]!)!.agencies.includes("svhttdl"))).toBe(true);
  });
});

describe("the XLSX export of a search", () => {
  let sheet: ExcelJS.Worksheet;

  beforeAll(async () => {
    const response = await download("/api/articles/search.xlsx?sort=oldest");
    expect(response.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const book = await workbook(response.rawPayload);
    expect(book.worksheets.map((w) => w.name)).toEqual(["Articles"]);
    sheet = book.worksheets[0]!;
  });

  it("holds a header and every article", () => {
    expect(sheet.rowCount).toBe(COUNT + 1);
    expect(sheet.getRow(1).getCell(5).value).toBe("Tiêu đề (title)");
    const ids = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n > 1) ids.add(String(row.getCell(1).value));
    });
    expect(ids).toEqual(new Set(byId.keys()));
  });

  it("keeps text as text, numbers as numbers and times as Vietnamese wall-clock dates", () => {
    const first = sheet.getRow(2);
    const third = sheet.getRow(4);
    expect(first.getCell(1).value).toBe(articles[0]!.id);
    expect(first.getCell(5).value).toBe(articles[0]!.title);
    expect(third.getCell(5).value).toBe(articles[2]!.title); // "=…" stays text, not a formula
    expect(third.getCell(5).type).toBe(ExcelJS.ValueType.String);
    const published = first.getCell(2).value as Date;
    expect(published).toBeInstanceOf(Date);
    expect(published.toISOString()).toBe("2024-01-01T00:00:00.000Z"); // Excel shows 2024-01-01 00:00
    expect(first.getCell(2).numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(first.getCell(13).value).toBe(0.5);
    expect(first.getCell(17).value).toBe(articles[0]!.word_count);
  });
});

describe("coverage exports", () => {
  const query = "period=month&from=2024-01-01&to=2024-12-31&by=theme,outlet";

  it("hold the same rows as the JSON answer, as CSV and as XLSX", async () => {
    const json = (await download(`/api/coverage?${query}`)).json() as {
      rows: Array<{ period: string; theme: string; outlet: string; raw: number }>;
    };
    // 4 themes × 5 outlets: every template meets every outlet (i % 4, i % 5) within each month.
    expect(json.rows.length).toBe(12 * 20);
    expect(json.rows.reduce((sum, row) => sum + row.raw, 0)).toBe(COUNT);

    const csv = parseCsv((await download(`/api/coverage.csv?${query}`)).body.slice(1));
    expect(csv[0]).toEqual([
      "Kỳ (period)",
      "Chủ đề (theme)",
      "Cơ quan báo chí (outlet)",
      "Số bài (raw)",
      "Số sự kiện (unique_stories)",
      "Thị phần (share_of_voice)",
      "Thay đổi (change)",
    ]);
    expect(csv.slice(1).map((row) => [row[0], row[1], row[2], Number(row[3])])).toEqual(
      json.rows.map((row) => [row.period, row.theme, row.outlet, row.raw]),
    );

    const book = await workbook((await download(`/api/coverage.xlsx?${query}`)).rawPayload);
    const sheet = book.getWorksheet("Coverage")!;
    expect(sheet.rowCount).toBe(json.rows.length + 1);
    const firstRow = json.rows[0]!;
    expect([1, 2, 3, 4].map((c) => sheet.getRow(2).getCell(c).value)).toEqual([
      firstRow.period,
      firstRow.theme,
      firstRow.outlet,
      firstRow.raw,
    ]);
  });
});

describe("an export through undated articles", () => {
  // A page whose last hit has no published_at used to end on the sort value Long.MIN_VALUE, which
  // JSON turns into -9223372036854776000; sent back as search_after it broke the export part-way.
  it("still holds every row when a page ends on an undated article", async () => {
    const undated = await startTestApi({ label: "api-export-undated" });
    try {
      const docs = fixtureArticles(1002).map((doc, i) => (i >= 999 ? { ...doc, published_at: null } : doc));
      await indexArticles(undated, docs);
      const user = await addUser(undated, "coordinator", "coordinator");
      const token = bearer(await login(undated, user.username, user.password));
      const response = await undated.app.inject({
        url: "/api/articles/search.csv?sort=newest",
        headers: token,
      });
      expect(parseCsv(response.body.slice(1))).toHaveLength(1003);
    } finally {
      await undated.close();
    }
  });
});
