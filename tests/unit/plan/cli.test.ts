import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../../", import.meta.url).pathname;
const PROBLEM_LINE = /^(?<file>[^:]+):(?<line>\d+):(?<column>\d+): (?<path>[^:]+): (?<message>.+)$/;

function presswatch(...args: string[]) {
  const run = spawnSync(process.execPath, ["bin/presswatch.js", ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("presswatch plan check", { timeout: 30_000 }, () => {
  it("prints the summary of a sound plan and exits 0", () => {
    const { status, stdout } = presswatch("plan", "check", "config/plans/kon-tum-2024.yaml");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^kon-tum-2024: /);
    expect(stdout).toMatch(/themes\s+9 /);
    expect(stdout).toMatch(/districts\s+10\n/);
    expect(stdout).toMatch(/obligations\s+20: column 3, contract 11, campaign_day 5, report 1/);
  });

  it("prints FILE:LINE:COL: path: message per problem and exits 1", () => {
    const file = "tests/fixtures/plans/broken/missing-politics-theme.yaml";
    const { status, stdout, stderr } = presswatch("plan", "check", file);
    expect(status).toBe(1);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(PROBLEM_LINE);
    expect(lines[0]).toBe(`${file}:18:1: themes: the theme "politics" is required in every plan`);
    expect(stderr).toContain(`2 problems in ${file}`);
  });

  it("reports a missing file on one line and exits 1", () => {
    const { status, stdout } = presswatch("plan", "check", "no/such/plan.yaml");
    expect(status).toBe(1);
    expect(stdout.trim()).toBe("no/such/plan.yaml: no such file");
  });

  it.each([
    [["plan"]],
    [["plan", "check"]],
    [["plan", "check", "a.yaml", "b.yaml"]],
    [["plan", "verify", "a.yaml"]],
  ])("exits 2 on misuse with one line pointing to the help: %j", (args) => {
    const { status, stderr } = presswatch(...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^presswatch plan: [^\n]+ \(see presswatch plan( check)? --help\)\n$/);
  });
});
