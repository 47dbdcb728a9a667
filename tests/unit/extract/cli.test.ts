// `presswatch extract` in-process: hundreds of files in one call, gzip input, one JSON line each.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runExtract } from "../../../cli/commands/extract.ts";
import { CliError } from "../../../cli/errors.ts";
import { recordedDocument } from "../discover/recorded.ts";

let dir: string;
const files: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "presswatch-extract-"));
  const { bytes } = await recordedDocument("vietnamplus", "/xa-hoi/chong-rac-thai-nhua-post1009.vnp");
  for (let i = 0; i < 300; i++) {
    const file = join(dir, i % 2 ? `page-${i}.html` : `page-${i}.html.gz`);
    await writeFile(file, i % 2 ? bytes : gzipSync(bytes));
    files.push(file);
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function capture(args: string[]): Promise<{ code: number; lines: Array<Record<string, unknown>> }> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    const code = await runExtract(args);
    return {
      code,
      lines: written
        .join("")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    };
  } finally {
    spy.mockRestore();
  }
}

describe("presswatch extract", () => {
  it("prints one JSON line per file, in order, gzip or not", async () => {
    const { code, lines } = await capture(files);
    expect(code).toBe(0);
    expect(lines).toHaveLength(300);
    expect(lines.map((line) => line.file)).toEqual(files);
    const titles = new Set(lines.map((line) => line.title));
    expect([...titles]).toEqual(["Nói không với túi ni lông tại các chợ ở thành phố Kon Tum"]);
    expect(lines[0]).toMatchObject({
      published_at: "2024-05-10T02:00:00.000Z",
      language: "vi",
      author: "Phương Thảo",
    });
    expect(String(lines[0]?.body)).toContain("túi vải, giỏ tre");
  });

  it("uses --url for a single file", async () => {
    const { lines } = await capture([files[1]!, "--url", "https://www.vietnamplus.vn/xa-hoi/bai-post1.vnp"]);
    expect(lines[0]).toMatchObject({ url: "https://www.vietnamplus.vn/xa-hoi/bai-post1.vnp" });
  });

  it("refuses --url with several files, and reports unreadable files without stopping", async () => {
    await expect(runExtract([files[0]!, files[1]!, "--url", "https://x.vn/"])).rejects.toBeInstanceOf(
      CliError,
    );
    const { code, lines } = await capture([join(dir, "missing.html"), files[1]!]);
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({
      file: join(dir, "missing.html"),
      error: expect.stringContaining("ENOENT"),
    });
    expect(lines[1]?.title).toBeTruthy();
  });
});
