import { describe, expect, it } from "vitest";
import type { Column } from "../../../src/export/columns.ts";
import { BOM, csvChunks, csvField, csvLine, csvStream } from "../../../src/export/csv.ts";

describe("CSV fields", () => {
  it("quote commas, quotes, line breaks and surrounding spaces, and nothing else", () => {
    expect(csvField("Sâm Ngọc Linh")).toBe("Sâm Ngọc Linh");
    expect(csvField("Kon Tum, Việt Nam")).toBe('"Kon Tum, Việt Nam"');
    expect(csvField('Dự án "Măng Đen"')).toBe('"Dự án ""Măng Đen"""');
    expect(csvField("dòng 1\ndòng 2")).toBe('"dòng 1\ndòng 2"');
    expect(csvField(" lề")).toBe('" lề"');
    expect(csvField("“ngoặc kép cong”")).toBe("“ngoặc kép cong”");
  });

  it("defuse text a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+84 260 3862 000")).toBe("'+84 260 3862 000");
    expect(csvField("-giảm 5%")).toBe("'-giảm 5%");
    expect(csvField("@mention")).toBe("'@mention");
    expect(csvField(-5)).toBe("-5"); // numbers are numbers
  });

  it("write empty cells for absent values and Vietnamese time for dates", () => {
    expect(csvLine([null, undefined, true, 0.25, new Date("2023-12-31T17:00:00Z")])).toBe(
      ",,true,0.25,2024-01-01 00:00\r\n",
    );
    expect(csvField(Number.NaN)).toBe("");
  });
});

describe("CSV streams", () => {
  const columns: Column<{ n: number; title: string }>[] = [
    { header: "n", value: (row) => row.n },
    { header: "Tiêu đề", value: (row) => row.title },
  ];

  async function* pages(count: number, pageSize: number) {
    for (let start = 0; start < count; start += pageSize) {
      yield Array.from({ length: Math.min(pageSize, count - start) }, (_, i) => ({
        n: start + i,
        title: `Bài ${start + i}, Kon Tum`,
      }));
    }
  }

  it("begin with the BOM and header, then one chunk per page", async () => {
    const chunks: string[] = [];
    for await (const chunk of csvChunks(columns, pages(5, 2))) chunks.push(chunk);
    expect(chunks).toEqual([
      `${BOM}n,Tiêu đề\r\n`,
      '0,"Bài 0, Kon Tum"\r\n1,"Bài 1, Kon Tum"\r\n',
      '2,"Bài 2, Kon Tum"\r\n3,"Bài 3, Kon Tum"\r\n',
      '4,"Bài 4, Kon Tum"\r\n',
    ]);
  });

  it("carry every row of a long result, pulled page by page", async () => {
    let pulled = 0;
    async function* counted() {
      for await (const page of pages(120_000, 1000)) {
        pulled++;
        yield page;
      }
    }
    let lines = 0;
    let last = "";
    for await (const chunk of csvStream(columns, counted())) {
      const text = String(chunk);
      lines += text.split("\r\n").length - 1;
      last = text;
    }
    expect(pulled).toBe(120);
    expect(lines).toBe(120_001);
    expect(last.endsWith('119999,"Bài 119999, Kon Tum"\r\n')).toBe(true);
  });

  it("fail the stream when the source fails part-way", async () => {
    async function* failing() {
      yield [{ n: 1, title: "một" }];
      throw new Error("store went away");
    }
    const read = async () => {
      for await (const _chunk of csvStream(columns, failing())) {
        // drain
      }
    };
    await expect(read()).rejects.toThrow("store went away");
  });
});
