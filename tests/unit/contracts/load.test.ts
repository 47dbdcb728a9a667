// Contract files: every defect reported with file, line, column and path; the shipped examples load
// and are marked as examples; contract ids are unique across files.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ContractError,
  checkContractDir,
  checkContractFile,
  checkContractText,
  loadContracts,
} from "../../../src/contracts/index.ts";
import { loadPlan } from "../../../src/plan/index.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const BROKEN = join(ROOT, "tests/fixtures/contracts/broken");
const plan = await loadPlan(join(ROOT, "config/plans/kon-tum-2024.yaml"));
const MARKER = "# <- problem";

function markedLine(source: string): number {
  const index = source.split("\n").findIndex((line) => line.includes(MARKER));
  if (index < 0) throw new Error(`fixture has no "${MARKER}" marker`);
  return index + 1;
}

const CASES: Array<{ fixture: string; path: string; message: RegExp }> = [
  { fixture: "unknown-outlet", path: "outlets[1]", message: /unknown outlet "voa"/ },
  { fixture: "unknown-theme", path: "themes[1]", message: /unknown theme "tourisme"/ },
  { fixture: "unknown-agency", path: "signed_by", message: /unknown agency "sttt"/ },
  { fixture: "obligation-not-contract", path: "obligation", message: /is a column, not a contract/ },
  {
    fixture: "outlet-not-in-obligation",
    path: "outlets[1]",
    message: /"sggp" is not among the outlets of plan obligation "contract_vov"/,
  },
  { fixture: "bad-date", path: "period.to", message: /not a real date/ },
  { fixture: "period-reversed", path: "period.to", message: /ends \(2024-02-01\) before it starts/ },
  { fixture: "unknown-field", path: "deliverables[0].quantity", message: /unknown field/ },
  { fixture: "bad-per", path: "deliverables[0].per", message: /expected one of "month"/ },
  { fixture: "zero-count", path: "deliverables[0].count", message: />0|positive|too small/i },
  { fixture: "missing-signed-by", path: "signed_by", message: /required field is missing/ },
  { fixture: "yaml-syntax", path: "", message: /^YAML syntax: / },
  {
    fixture: "amendment-before-start",
    path: "amendments[0].effective",
    message: /after the contract starts/,
  },
  {
    fixture: "amendment-new-without-count",
    path: "amendments[0].deliverables[0]",
    message: /new deliverable "video" needs count, per/,
  },
  {
    fixture: "amendment-remove-unknown",
    path: "amendments[0].remove[0]",
    message: /no deliverable "phong_su"/,
  },
  { fixture: "amendments-out-of-order", path: "amendments[1].effective", message: /date order/ },
];

describe("contract files with one defect", () => {
  it.each(CASES)("$fixture: reported at its line and path", async ({ fixture, path, message }) => {
    const file = join(BROKEN, `${fixture}.yaml`);
    const result = await checkContractFile(file, plan);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [problem, ...rest] = result.problems;
    expect(rest).toEqual([]);
    expect(problem?.file).toBe(file);
    expect(problem?.path).toBe(path);
    expect(problem?.message).toMatch(message);
    expect(problem?.line).toBe(markedLine(await readFile(file, "utf8")));
  });

  it("the defect-free base of the fixtures loads", async () => {
    const result = await checkContractFile(join(ROOT, "tests/fixtures/contracts/valid-minimal.yaml"), plan);
    expect(result.ok).toBe(true);
  });
});

describe("the shipped example contracts", () => {
  it("load against the shipped plan, one per contract the plan names, all marked as examples", async () => {
    const contracts = await loadContracts(join(ROOT, "config/contracts"), plan);
    const named = plan.obligations.filter((o) => o.kind === "contract").map((o) => o.id);
    expect(contracts.map((c) => c.obligation).sort()).toEqual([...named].sort());
    for (const contract of contracts) expect(contract.example, contract.id).toBe(true);
  });

  it("say in a comment that the plan gives no quantities", async () => {
    const { readdir } = await import("node:fs/promises");
    const files = (await readdir(join(ROOT, "config/contracts"))).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = await readFile(join(ROOT, "config/contracts", file), "utf8");
      expect(text, file).toMatch(/^# EXAMPLE, NOT A SIGNED CONTRACT\. The plan .* gives no quantities/m);
    }
  });
});

describe("a directory of contracts", () => {
  it("rejects the same contract id in two files, pointing at the second", async () => {
    const dir = await mkdtemp(join(tmpdir(), "contracts-"));
    const source = await readFile(join(ROOT, "tests/fixtures/contracts/valid-minimal.yaml"), "utf8");
    await writeFile(join(dir, "a.yaml"), source);
    await writeFile(join(dir, "b.yaml"), `# copy\n${source}`);
    const result = await checkContractDir(dir, plan);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        file: join(dir, "b.yaml"),
        line: 2,
        column: 5,
        path: "id",
        message: `duplicate contract id (also in ${join(dir, "a.yaml")})`,
      },
    ]);
  });

  it("treats a missing directory as a problem, not as no contracts", async () => {
    await expect(loadContracts(join(ROOT, "no/such/dir"), plan)).rejects.toThrow(ContractError);
    const result = await checkContractDir(join(ROOT, "no/such/dir"), plan);
    expect(result.ok).toBe(false);
  });

  it("normalises Vietnamese spelling on load (new-style tone marks become traditional)", () => {
    const source = [
      "id: ct_tone",
      "title: Hợp đồng truyền thông",
      "signed_by: stttt",
      "outlets: [vov]",
      "period: { from: 2024-03-01, to: 2024-12-31 }",
      "deliverables:",
      "  - { id: a, kind: article, count: 1, per: month, title_markers: [Chuyên mục Hoà bình] }",
    ].join("\n");
    const result = checkContractText(source, "inline.yaml", plan);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.contract.deliverables[0]?.title_markers).toEqual(["Chuyên mục Hòa bình"]);
  });
});
