import { mkdtemp, rm, unlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SourceCatalog } from "../../../src/sources/catalog.ts";
import { loadSources, parseSourceFile } from "../../../src/sources/load.ts";

const VALID = `
outlet: { id: bao-kon-tum, name: Báo Kon Tum }
politeness: { concurrency: 2, delay: 1.5s }
allow_private_hosts: ["10.1.2.3"]
extract: { body: ".article-content", remove: [".related"] }
sources:
  - { id: bao-kon-tum/rss, kind: feed, url: "https://baokontum.com.vn/rss", interval: 5m }
  - { id: bao-kon-tum/muc, kind: listing, url: "https://baokontum.com.vn/muc", selector: "h3 a", render: browser, enabled: false }
`;

describe("parseSourceFile", () => {
  it("flattens an outlet into sources with its settings folded in", () => {
    const { sources, problems } = parseSourceFile(VALID, "bao.yaml");
    expect(problems).toEqual([]);
    expect(sources).toHaveLength(2);
    expect(sources[0]).toMatchObject({
      id: "bao-kon-tum/rss",
      outletId: "bao-kon-tum",
      intervalMs: 300_000,
      maxIntervalMs: 1_200_000,
      render: "http",
      enabled: true,
      example: false,
      politeness: { concurrency: 2, delay: 1500 },
      allowHosts: ["10.1.2.3"],
      extract: { body: ".article-content", remove: [".related"] },
    });
    expect(sources[1]).toMatchObject({ render: "browser", enabled: false, intervalMs: 900_000 });
  });

  it("reports each problem with the file and the path of the bad value", () => {
    const { problems } = parseSourceFile(
      `outlet: { id: X, name: "" }\nsources:\n  - { id: a, kind: listing, url: "ftp://x" , interval: soon }\n`,
      "bad.yaml",
    );
    const paths = problems.map((problem) => `${problem.file}:${problem.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "bad.yaml:outlet.id",
        "bad.yaml:outlet.name",
        "bad.yaml:sources.0.url",
        "bad.yaml:sources.0.interval",
      ]),
    );
  });

  it("requires a selector for listing pages and rejects unknown keys", () => {
    const { problems } = parseSourceFile(
      `outlet: { id: x, name: X }\nsources:\n  - { id: a, kind: listing, url: "https://x.vn/" }\ncolour: red\n`,
      "f.yaml",
    );
    expect(problems.map((problem) => problem.path)).toEqual(
      expect.arrayContaining(["sources.0.selector", ""]),
    );
  });

  it("refuses CSS selectors that cannot run", () => {
    const { problems } = parseSourceFile(
      `outlet: { id: x, name: X }\nextract: { body: "div[" }\nsources:\n  - { id: a, kind: listing, url: "https://x.vn/", selector: "a:::b" }\n`,
      "f.yaml",
    );
    expect(problems.map((problem) => `${problem.path}: ${problem.message}`)).toEqual(
      expect.arrayContaining([
        "extract.body: not a valid CSS selector",
        "sources.0.selector: not a valid CSS selector",
      ]),
    );
  });

  it("reports YAML syntax errors", () => {
    expect(parseSourceFile("outlet: [", "broken.yaml").problems[0]?.message).toMatch(/not valid YAML/);
  });
});

describe("loadSources and SourceCatalog", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "presswatch-sources-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps good files when one is bad and refuses duplicate ids across files", async () => {
    await writeFile(join(dir, "a.yaml"), VALID);
    await writeFile(join(dir, "b.yml"), VALID.replace("id: bao-kon-tum/muc", "id: other/muc"));
    await writeFile(join(dir, "c.yaml"), "outlet: {}");
    await writeFile(join(dir, "notes.txt"), "ignored");
    const loaded = await loadSources(dir);
    expect(loaded.sources.map((source) => source.id)).toEqual([
      "bao-kon-tum/rss",
      "bao-kon-tum/muc",
      "other/muc",
    ]);
    expect(
      loaded.problems.some((p) => p.file.endsWith("b.yml") && p.message.includes("duplicate source id")),
    ).toBe(true);
    expect(loaded.problems.some((p) => p.file.endsWith("c.yaml"))).toBe(true);
  });

  it("sees sources added, changed and removed without a restart", async () => {
    const catalog = new SourceCatalog(dir, { checkEveryMs: 0 });
    expect((await catalog.all()).sources).toEqual([]);
    await writeFile(join(dir, "a.yaml"), VALID);
    expect(await catalog.get("bao-kon-tum/rss")).toBeDefined();
    await writeFile(join(dir, "a.yaml"), VALID.replace("interval: 5m", "interval: 7m"));
    await utimes(join(dir, "a.yaml"), new Date(), new Date(Date.now() + 5000)); // a distinct mtime
    expect((await catalog.get("bao-kon-tum/rss"))?.intervalMs).toBe(420_000);
    await unlink(join(dir, "a.yaml"));
    expect(await catalog.get("bao-kon-tum/rss")).toBeUndefined();
  });
});

describe("the shipped example sources", () => {
  it("are valid, marked as examples and disabled", async () => {
    const loaded = await loadSources(join(import.meta.dirname, "../../../config/sources"));
    expect(loaded.problems).toEqual([]);
    expect(loaded.sources.length).toBeGreaterThanOrEqual(10);
    expect(loaded.sources.every((source) => source.example && !source.enabled)).toBe(true);
  });
});
