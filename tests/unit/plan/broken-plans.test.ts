import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkPlanFile,
  checkPlanText,
  loadPlan,
  PlanError,
  type PlanProblem,
} from "../../../src/plan/index.ts";

const FIXTURES = new URL("../../fixtures/plans/", import.meta.url).pathname;
const SHIPPED_PLAN = new URL("../../../config/plans/kon-tum-2024.yaml", import.meta.url).pathname;
const MARKER = "# <- problem";

/** The 1-based line a broken fixture marks as the one the checker must report. */
function markedLine(source: string): number {
  const index = source.split("\n").findIndex((line) => line.includes(MARKER));
  if (index < 0) throw new Error(`fixture has no "${MARKER}" marker`);
  return index + 1;
}

async function problemsOf(file: string): Promise<PlanProblem[]> {
  const result = await checkPlanFile(file);
  if (result.ok) throw new Error(`${file} unexpectedly passed`);
  return result.problems;
}

// Each fixture is tests/fixtures/plans/minimal.yaml with one defect on the marked line.
const BROKEN: Array<{ fixture: string; path: string; message: RegExp }> = [
  {
    fixture: "unknown-theme-in-obligation",
    path: "obligations[0].themes[1]",
    message: /unknown theme "tourisme"/,
  },
  { fixture: "unknown-owner-agency", path: "obligations[0].owner", message: /unknown agency "sxh"/ },
  { fixture: "duplicate-id", path: "districts[1].id", message: /duplicate id "huyen_mot"/ },
  { fixture: "missing-name", path: "districts[0].name", message: /required field is missing/ },
  { fixture: "bad-date", path: "obligations[1].dates[0]", message: /not a real date/ },
  {
    fixture: "bad-period",
    path: "obligations[1].period.to",
    message: /ends \(2024-09-01\) before it starts/,
  },
  { fixture: "date-outside-year", path: "obligations[2].due", message: /outside the plan year 2024/ },
  { fixture: "wrong-frequency", path: "obligations[0].frequency", message: /expected one of "monthly"/ },
  { fixture: "yaml-syntax", path: "", message: /^YAML syntax: / },
  { fixture: "duplicate-key", path: "", message: /keys must be unique/ },
  { fixture: "list-expected", path: "districts[0].aliases", message: /expected array, received string/ },
  { fixture: "number-for-string", path: "themes[0].name", message: /expected string, received number/ },
  { fixture: "empty-terms", path: "themes[1].terms", message: /at least one term/ },
  { fixture: "bad-weight", path: "themes[0].terms[1].weight", message: /expected number to be >0/ },
  { fixture: "unknown-outlet-kind", path: "outlets[0].kind", message: /expected one of "central_partner"/ },
  { fixture: "missing-politics-theme", path: "themes", message: /theme "politics" is required/ },
  { fixture: "invalid-timezone", path: "timezone", message: /not an IANA time zone/ },
  { fixture: "unknown-field", path: "themes[0].onwers", message: /unknown field/ },
  { fixture: "ownership-mismatch", path: "agencies[0].owns[2]", message: /does not list agency "stt"/ },
  {
    fixture: "name-collision",
    path: "agencies[1].abbreviations[1]",
    message: /"Sở TT&TT" also names agencies\[0\]/,
  },
];

describe("checking a plan file", () => {
  it("accepts the minimal fixture every broken plan is derived from", async () => {
    const result = await checkPlanFile(`${FIXTURES}minimal.yaml`);
    expect(result.ok).toBe(true);
  });

  it.each(BROKEN)("rejects $fixture at its path and line", async ({ fixture, path, message }) => {
    const file = `${FIXTURES}broken/${fixture}.yaml`;
    const problems = await problemsOf(file);
    const first = problems[0]!;
    expect(first).toMatchObject({ file, path, line: markedLine(readFileSync(file, "utf8")) });
    expect(first.message).toMatch(message);
    expect(first.column).toBeGreaterThan(0);
  });

  it("reports a missing file as a problem, not an exception", async () => {
    const problems = await problemsOf(`${FIXTURES}does-not-exist.yaml`);
    expect(problems).toEqual([{ file: `${FIXTURES}does-not-exist.yaml`, path: "", message: "no such file" }]);
  });

  it("reports an empty file on its first line", () => {
    const result = checkPlanText("", "empty.yaml");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ line: 1, path: "" });
  });

  it("makes loadPlan throw a PlanError that carries every problem", async () => {
    const error = await loadPlan(`${FIXTURES}broken/missing-politics-theme.yaml`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).problems.map((p) => p.path)).toEqual(["themes", "agencies[0].owns[0]"]);
    expect((error as PlanError).message).toContain("missing-politics-theme.yaml:");
  });
});

describe("line numbers in the shipped plan", () => {
  const shipped = readFileSync(SHIPPED_PLAN, "utf8");

  /** Replaces the first occurrence of `from` and returns the problems with the changed line. */
  function breakShipped(from: string, to: string): { problems: PlanProblem[]; line: number } {
    const at = shipped.indexOf(from);
    expect(at, `"${from}" not in the shipped plan`).toBeGreaterThanOrEqual(0);
    const source = shipped.slice(0, at) + to + shipped.slice(at + from.length);
    const result = checkPlanText(source, "kon-tum-2024.yaml");
    if (result.ok) throw new Error("the mutated plan unexpectedly passed");
    return { problems: result.problems, line: shipped.slice(0, at).split("\n").length };
  }

  it("points at an unknown partner agency deep in the obligations", () => {
    const { problems, line } = breakShipped("partners: [sct, bqlkkt,", "partners: [sct, bqlkt,");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line, path: "obligations[1].partners[1]" });
  });

  it("points at a term that two themes share", () => {
    const { problems, line } = breakShipped(
      "- { text: săn mây, weight: 3 }",
      "- { text: biến đổi khí hậu, weight: 3 }",
    );
    // Tourism comes before environment, so the environment copy is the one reported.
    expect(problems[0]?.message).toMatch(/also a term of theme "tourism"/);
    expect(problems[0]?.path).toMatch(/^themes\[3\]\.terms\[\d+\]$/);
    expect(problems[0]?.line).toBeGreaterThan(line);
  });

  it("points at a campaign day moved into the next year", () => {
    const { problems, line } = breakShipped("dates: [2024-06-05]", "dates: [2025-06-05]");
    expect(problems).toEqual([
      expect.objectContaining({ line, message: expect.stringMatching(/outside the plan year/) }),
    ]);
  });
});

describe("normalisation at load", () => {
  it("stores NFC text with traditional tone placement whatever the file uses", () => {
    const minimal = readFileSync(`${FIXTURES}minimal.yaml`, "utf8");
    // The file as a Mac editor (NFD) with new-style tone placement ("Hoá") would write it.
    const decomposed = minimal.replace("name: Sở Văn hóa,", "name: Sở Văn hoá,").normalize("NFD");
    const result = checkPlanText(decomposed, "nfd.yaml");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const agency = result.plan.agencies.find((a) => a.id === "svh");
    expect(agency?.name).toBe("Sở Văn hóa, Thể thao và Du lịch".normalize("NFC"));
    expect(result.plan.themes[0]?.terms[0]).toEqual({ text: "lễ hội".normalize("NFC"), weight: 1 });
  });
});
