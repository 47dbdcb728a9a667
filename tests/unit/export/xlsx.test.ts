import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Column } from "../../../src/export/columns.ts";
import { writeXlsx, xlsxStream } from "../../../src/export/xlsx.ts";

interface Row {
  n: number;
  title: string;
  at: Date | null;
  share: number;
}

const columns: Column<Row>[] = [
  { header: "n", value: (row) => row.n },
  { header: "Tiêu đề (title)", value: (row) => row.title, width: 40 },
  { header: "Ngày (published_at)", value: (row) => row.at, numFmt: "yyyy-mm-dd hh:mm" },
  { header: "Thị phần", value: (row) => row.share, numFmt: "0.0%" },
];

async function* pages(count: number, pageSize: number): AsyncGenerator<Row[]> {
  for (let start = 0; start < count; start += pageSize) {
    yield Array.from({ length: Math.min(pageSize, count - start) }, (_, i) => ({
      n: start + i,
      title: `Lễ hội Sâm Ngọc Linh ${start + i}`,
      at: new Date(Date.UTC(2023, 11, 31, 17) + (start + i) * 60_000),
      share: 0.125,
    }));
  }
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function read(buffer: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  return book;
}

describe("XLSX streaming", () => {
  it("writes a header and every row, with types and formats kept", async () => {
    const book = await read(await collect(xlsxStream(columns, pages(3000, 250), { sheetName: "Articles" })));
    const sheet = book.getWorksheet("Articles")!;
    expect(sheet.rowCount).toBe(3001);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "n",
      "Tiêu đề (title)",
      "Ngày (published_at)",
      "Thị phần",
    ]);
    const last = sheet.getRow(3001);
    expect(last.getCell(1).value).toBe(2999);
    expect(last.getCell(2).value).toBe("Lễ hội Sâm Ngọc Linh 2999");
    // 2023-12-31T17:00Z + 2999 min = 2024-01-02T18:59Z, i.e. 2024-01-03 01:59 in Viet Nam: what Excel must show.
    expect((last.getCell(3).value as Date).toISOString()).toBe("2024-01-03T01:59:00.000Z");
    expect(last.getCell(3).numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(last.getCell(4).value).toBe(0.125);
    expect(last.getCell(4).numFmt).toBe("0.0%");
  });

  it("continues on a new worksheet when one is full, each with its header", async () => {
    const out = new PassThrough();
    const done = collect(out);
    await writeXlsx(columns, pages(25, 7), out, { sheetName: "Articles", maxRowsPerSheet: 11 });
    const book = await read(await done);
    expect(book.worksheets.map((sheet) => [sheet.name, sheet.rowCount])).toEqual([
      ["Articles", 11],
      ["Articles (2)", 11],
      ["Articles (3)", 6],
    ]);
    expect(book.worksheets[1]!.getRow(1).getCell(1).value).toBe("n");
    expect(book.worksheets[1]!.getRow(2).getCell(1).value).toBe(10);
    expect(book.worksheets[2]!.getRow(6).getCell(1).value).toBe(24);
  });

  it("drops characters XML cannot carry, and keeps formula-like text as text", async () => {
    async function* hostile(): AsyncGenerator<Row[]> {
      yield [{ n: 1, title: "=1+1\u0000\u0007 Kon\u001fTum", at: null, share: Number.NaN }];
    }
    const book = await read(await collect(xlsxStream(columns, hostile(), { sheetName: "Articles" })));
    const row = book.getWorksheet("Articles")!.getRow(2);
    expect(row.getCell(2).value).toBe("=1+1 KonTum");
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(3).value).toBeNull();
    expect(row.getCell(4).value).toBeNull();
  });

  it("destroys the stream when the source fails part-way", async () => {
    async function* failing(): AsyncGenerator<Row[]> {
      yield [{ n: 1, title: "một", at: null, share: 0 }];
      throw new Error("store went away");
    }
    const errors: unknown[] = [];
    const stream = xlsxStream(columns, failing(), { sheetName: "Articles", onError: (e) => errors.push(e) });
    await expect(collect(stream)).rejects.toThrow("store went away");
    expect(errors).toHaveLength(1);
  });
});
