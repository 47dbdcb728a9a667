// Outlets entered in the dashboard join the files' sources: checked by the file schema, never
// overriding a file's source id, and paused sources are disabled.
import { describe, expect, it } from "vitest";
import { type LoadedSources, mergeEnteredOutlets, parseSourceFile } from "../../../src/sources/load.ts";

const fromFile = parseSourceFile(
  `outlet: { id: vov, name: VOV }
sources:
  - { id: vov/rss, kind: feed, url: "https://vov.vn/rss.xml" }
`,
  "config/sources/vov.yaml",
);
const files: LoadedSources = { ...fromFile, signature: "s" };

describe("mergeEnteredOutlets", () => {
  it("adds an entered outlet's sources after the files', with its durations read as in a file", () => {
    const merged = mergeEnteredOutlets(
      files,
      [
        {
          id: "bao_moi",
          value: {
            outlet: { id: "bao_moi", name: "Báo mới" },
            sources: [
              { id: "bao_moi/rss", kind: "feed", url: "https://baomoi.example/rss", interval: "30m" },
            ],
          },
        },
      ],
      new Set(),
    );
    expect(merged.problems).toEqual([]);
    expect(merged.sources.map((source) => source.id)).toEqual(["vov/rss", "bao_moi/rss"]);
    expect(merged.sources[1]).toMatchObject({ file: "api:bao_moi", intervalMs: 30 * 60_000, enabled: true });
  });

  it("reports a duplicate id or a bad value instead of taking it", () => {
    const merged = mergeEnteredOutlets(
      files,
      [
        {
          id: "copy",
          value: {
            outlet: { id: "copy", name: "Copy" },
            sources: [{ id: "vov/rss", kind: "feed", url: "https://x.example/" }],
          },
        },
        {
          id: "bad",
          value: {
            outlet: { id: "bad", name: "Bad" },
            sources: [{ id: "bad/l", kind: "listing", url: "ftp://x" }],
          },
        },
      ],
      new Set(),
    );
    expect(merged.sources.map((source) => source.file)).toEqual(["config/sources/vov.yaml"]);
    expect(merged.problems.map((problem) => `${problem.file} ${problem.path}`)).toEqual(
      expect.arrayContaining(["api:copy sources.0.id", "api:bad sources.0.url"]),
    );
  });

  it("disables and marks the paused sources, files' included", () => {
    const merged = mergeEnteredOutlets(files, [], new Set(["vov/rss"]));
    expect(merged.sources[0]).toMatchObject({ id: "vov/rss", enabled: false, paused: true });
  });
});
