// The pure parts of contracts and claims entered through the API: checking a contract given as
// data (each problem with the path of the bad value), merging with the files, and turning an
// obligation warning into an alert whose id does not change from one run to the next.
import { describe, expect, it } from "vitest";
import {
  buildSpecs,
  evaluateObligations,
  loadContracts,
  type ObligationWarning,
  obligationWarnings,
  parseInstant,
} from "../../../src/contracts/index.ts";
import { checkContractData, mergeContracts } from "../../../src/contracts/registry.ts";
import type { Contract } from "../../../src/contracts/schema.ts";
import { obligationAlert } from "../../../src/detect/alerts.ts";
import { raiseObligationAlerts } from "../../../src/detect/obligations.ts";
import { loadPlan } from "../../../src/plan/index.ts";
import { type Claim, checkClaim } from "../../../src/signals/claims.ts";
import { claimPlanProblems, mergeClaims } from "../../../src/signals/registry.ts";
import { FIXTURE_CONTRACTS_DIR, fixtureYear, MID_JULY } from "../../fixtures/contracts/year.ts";

const plan = await loadPlan(new URL("../../../config/plans/kon-tum-2024.yaml", import.meta.url).pathname);

const DATA = {
  id: "api_contract",
  title: "Hợp đồng nhập qua API",
  signed_by: "skhdt",
  outlets: ["sggp"],
  period: { from: "2024-01-01", to: "2024-12-31" },
  deliverables: [{ id: "bai_viet", kind: "article", count: 2, per: "quarter" }],
  amendments: [
    { id: "pl1", title: "Phụ lục 1", effective: "2024-07-01", deliverables: [{ id: "bai_viet", count: 3 }] },
  ],
};

describe("a contract given as data", () => {
  it("is checked like a file and gets the file's defaults", () => {
    const result = checkContractData(DATA, plan);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.contract).toMatchObject({ example: false, co_signers: [], themes: [] });
    expect(result.contract.deliverables[0]).toMatchObject({ own_site: false, each_outlet: false });
    expect(result.contract.amendments[0]?.deliverables).toEqual([{ id: "bai_viet", count: 3 }]);
  });

  it.each([
    [{ ...DATA, signed_by: undefined }, "signed_by", "required field is missing"],
    [
      { ...DATA, id: "Has Spaces" },
      "id",
      "an id is lower-case ASCII letters, digits and _, starting with a letter",
    ],
    [
      { ...DATA, deliverables: [{ ...DATA.deliverables[0], per: "week" }] },
      "deliverables[0].per",
      /week|expected/,
    ],
    [{ ...DATA, outlets: ["sggp", "voa"] }, "outlets[1]", 'unknown outlet "voa" (not in the plan)'],
    [{ ...DATA, extra: 1 }, "extra", "unknown field"],
    [
      { ...DATA, amendments: [{ ...DATA.amendments[0], effective: "2024-13-01" }] },
      "amendments[0].effective",
      "not a real date in the form YYYY-MM-DD",
    ],
  ])("names the path of a bad value (%#)", (data, path, message) => {
    const result = checkContractData(data, plan);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.path).toBe(path);
    if (typeof message === "string") expect(result.problems[0]?.message).toBe(message);
    else expect(result.problems[0]?.message).toMatch(message);
  });

  it("never shadows a file contract when merged", () => {
    const file = { id: "a", title: "file" } as Contract;
    const stored = [
      { id: "a", title: "api" },
      { id: "b", title: "api" },
    ] as Contract[];
    expect(mergeContracts([file], stored).map((c) => `${c.id}:${c.title}`)).toEqual(["a:file", "b:api"]);
  });
});

describe("a claim entered through the API", () => {
  const claim = (data: object): Claim => {
    const result = checkClaim({
      id: "c",
      title: "t",
      claim: "c",
      verdict: "false",
      correction: { url: "https://x.example/" },
      key_terms: ["a"],
      phrasings: ["a"],
      ...data,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.claim;
  };

  it("names themes and agencies the plan does not know", () => {
    expect(claimPlanProblems(claim({ themes: ["economy", "weather"], agency: "nobody" }), plan)).toEqual([
      { path: "themes[1]", message: 'unknown theme "weather" (not in the plan)' },
      { path: "agency", message: 'unknown agency "nobody" (not in the plan)' },
    ]);
    expect(claimPlanProblems(claim({ themes: ["economy"], agency: "skhdt" }), plan)).toEqual([]);
  });

  it("never shadows a file claim when merged", () => {
    const merged = mergeClaims([claim({ id: "a", title: "file" })], [claim({ id: "a" }), claim({ id: "b" })]);
    expect(merged.map((c) => `${c.id}:${c.title}`)).toEqual(["a:file", "b:t"]);
  });
});

describe("an obligation at risk as an alert", () => {
  const warning: ObligationWarning = {
    kind: "obligation_at_risk",
    obligation: "ct/bai_viet",
    outlet: "sggp",
    agency: "skhdt",
    period: "2024-07",
    ends_at: "2024-07-31T17:00:00.000Z",
    required: 3,
    counted: 1,
    expected_by_now: 2,
    message: "chậm",
  };

  it("has one id per obligation, outlet and period, whenever it is raised", () => {
    const first = obligationAlert(warning, new Date("2024-07-20T02:00:00Z"));
    const later = obligationAlert(warning, new Date("2024-07-21T02:00:00Z"));
    expect(later.id).toBe(first.id);
    expect(first).toMatchObject({
      kind: "obligation",
      title: "chậm",
      agencies: ["skhdt"],
      state: "open",
      evidence: { obligation: "ct/bai_viet", outlet: "sggp", period: "2024-07", required: 3, counted: 1 },
    });
    const ids = new Set(
      [{ period: "2024-08" }, { outlet: "vov" }, { outlet: null }, { obligation: "other" }].map(
        (change) => obligationAlert({ ...warning, ...change }, new Date()).id,
      ),
    );
    expect(ids.size).toBe(4);
    expect(ids.has(first.id)).toBe(false);
  });

  it("is stored once: a second run finds it already raised", async () => {
    const stored = new Map<string, unknown>();
    const sink = {
      async put(alert: { id: string }) {
        const created = !stored.has(alert.id);
        stored.set(alert.id, alert);
        return { created };
      },
    };
    // The fixture year in mid-July: three periods behind pace (see tests/unit/contracts/edges.test.ts).
    const contracts = await loadContracts(FIXTURE_CONTRACTS_DIR, plan);
    const now = parseInstant(MID_JULY, plan.timezone) ?? 0;
    const specs = buildSpecs(plan, contracts, 2024);
    const evaluation = evaluateObligations({ plan, year: 2024, now, specs, candidates: fixtureYear() });
    const warnings = obligationWarnings(evaluation);
    expect(warnings.length).toBeGreaterThan(0);
    const first = await raiseObligationAlerts(evaluation, sink);
    const second = await raiseObligationAlerts(evaluation, sink);
    expect([first.raised.length, first.already.length]).toEqual([warnings.length, 0]);
    expect(second.raised).toEqual([]);
    expect(second.already.map((a) => a.id)).toEqual(first.raised.map((a) => a.id));
  });
});
