import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const BIN = new URL("../../../bin/presswatch.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "presswatch-analyze-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input = "") {
  const result = spawnSync(process.execPath, [BIN, "analyze", ...args], {
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each test starts node with tsx and loads the plan: slow on a busy machine.
describe("presswatch analyze", { timeout: 90_000 }, () => {
  it("writes one JSON line per input line, in order, with errors as lines", () => {
    const input = [
      JSON.stringify({
        title: "Măng Đen đón khách",
        lead: "Du khách đến Măng Đen, Kon Tum.",
        body: "Homestay kín phòng.",
      }),
      "{not json",
      JSON.stringify({ title: 5 }),
      "",
      JSON.stringify({ title: "", lead: " ", body: "" }),
      JSON.stringify({
        title: "Giá cà phê tăng",
        url: "https://vov.vn/kinh-te/a.vov",
        published_at: "2024-05-01",
      }),
    ].join("\n");
    const { code, stdout, stderr } = run([], input);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 5, 6]);
    expect(lines[0]).toMatchObject({ primaryTheme: "tourism" });
    expect(lines[0].analyzerVersion).toMatch(/^\d+\.\d+\.\d+\+plan\./);
    expect(lines[1].error).toMatch(/invalid JSON/);
    expect(lines[2].error).toMatch(/^title:/);
    expect(lines[3].error).toMatch(/no text/);
    expect(lines[4]).toMatchObject({ outlet: "vov", url: "https://vov.vn/kinh-te/a.vov" });
    expect(stderr).toMatch(/3 of 6 lines/);
  });

  it("trains a model from the synthetic regression set and uses it", () => {
    const out = join(dir, "model.json");
    const trained = run(["train", "--set", "synthetic", "--out", out]);
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/articles, \d+ features, 9 themes/);
    const model = JSON.parse(readFileSync(out, "utf8"));
    expect(model.format).toBe("presswatch-themes-nb/1");
    const { stdout } = run(["--model", out], JSON.stringify({ title: "Trồng rừng ở Kon Tum" }));
    expect(JSON.parse(stdout).analyzerVersion).toContain(`+model.${model.id}`);
    const { stdout: noModel } = run(["--no-model"], JSON.stringify({ title: "Trồng rừng ở Kon Tum" }));
    expect(JSON.parse(noModel).analyzerVersion).toContain("+model.none");
  });

  it("says how to lay out the real set's texts when they are missing", () => {
    for (const args of [["train"], ["eval", "--set", "real"]]) {
      const missing = run([...args, "--raw", join(dir, "no-corpus")]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(
        /not laid out under .*no-corpus: run 'npx tsx tools\/data\/real-set.ts layout/,
      );
    }
    expect(run(["eval", "--set", "imaginary"]).code).toBe(2);
  });

  it("refuses a broken model file and unknown options", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ format: "nope" }));
    const broken = run(["--model", bad], "{}");
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/not a theme model/);
    expect(run(["--frobnicate"]).code).toBe(2);
    expect(run(["help"]).stdout).toMatch(/presswatch analyze eval/);
  });
});
