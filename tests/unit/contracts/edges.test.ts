// Edge cases of the evaluation: month ends in Viet Nam time, reprints, amendments that cut a
// period, whole-term counts, "now" inside a period, dated reports, kinds, scopes and warnings.
import { describe, expect, it } from "vitest";
import {
  buildSpecs,
  type Candidate,
  type Contract,
  checkContractText,
  dayStart,
  detectKind,
  type Evaluation,
  evaluateObligations,
  loadContracts,
  localDay,
  monthMatrix,
  type ObligationSpec,
  obligationWarnings,
  parseInstant,
  parseScope,
  type ReportSubmission,
  specsInScope,
  statusOf,
} from "../../../src/contracts/index.ts";
import { loadPlan } from "../../../src/plan/index.ts";
import {
  AFTER_YEAR,
  FIXTURE_CONTRACTS_DIR,
  fixtureYear,
  MID_JULY,
  vietnamTime,
} from "../../fixtures/contracts/year.ts";

const plan = await loadPlan(new URL("../../../config/plans/kon-tum-2024.yaml", import.meta.url).pathname);
const TZ = plan.timezone;
const at = (text: string) => {
  const instant = parseInstant(text, TZ);
  if (instant === null) throw new Error(`bad instant ${text}`);
  return instant;
};

function contract(yaml: string): Contract {
  const result = checkContractText(yaml, "inline.yaml", plan);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return result.contract;
}

let serial = 0;
function article(outlet: string, published: string, extra: Partial<Candidate> = {}): Candidate {
  serial += 1;
  const id = extra.id ?? `a${serial}`;
  const host = { sggp: "sggp.org.vn", vov: "vov.vn", krt: "kontumtv.vn" }[outlet] ?? `${outlet}.vn`;
  return {
    id,
    outlet,
    url: `https://${host}/${id}`,
    canonical_url: `https://${host}/${id}`,
    title: "Kon Tum thu hút đầu tư",
    lead: "Tóm tắt.",
    body: "Tỉnh Kon Tum.",
    section: null,
    published_at: published,
    themes: [{ id: "economy", score: 0.9 }],
    primary_theme: "economy",
    word_count: 500,
    cluster_id: id,
    is_original: true,
    snapshot: null,
    ...extra,
  };
}

function evaluate(
  specs: ObligationSpec[],
  candidates: Candidate[],
  now: string,
  submissions?: ReportSubmission[],
) {
  return evaluateObligations({
    plan,
    now: at(now),
    specs,
    candidates,
    ...(submissions ? { submissions } : {}),
  });
}

const contractSpecs = (c: Contract) => buildSpecs(plan, [c]).filter((s) => s.contract?.id === c.id);
const rows = (evaluation: Evaluation, key: string) => evaluation.rows.filter((r) => r.period.key === key);

describe("days in Viet Nam time", () => {
  it("reads 16:59 UTC on 31 March as March and 17:00 UTC as April", () => {
    expect(localDay(Date.parse("2024-03-31T16:59:59Z"), TZ)).toBe("2024-03-31");
    expect(localDay(Date.parse("2024-03-31T17:00:00Z"), TZ)).toBe("2024-04-01");
    expect(new Date(dayStart("2024-04-01", TZ)).toISOString()).toBe("2024-03-31T17:00:00.000Z");
  });

  it("finds a day's start in a zone with daylight saving too", () => {
    expect(new Date(dayStart("2024-03-10", "America/New_York")).toISOString()).toBe(
      "2024-03-10T05:00:00.000Z",
    );
    expect(new Date(dayStart("2024-03-11", "America/New_York")).toISOString()).toBe(
      "2024-03-11T04:00:00.000Z",
    );
  });

  it("parses ISO dates and times, in the zone unless an offset is given, and refuses D/M/Y text", () => {
    expect(new Date(at("2024-07-20")).toISOString()).toBe("2024-07-19T17:00:00.000Z");
    expect(new Date(at("2024-07-20T09:00")).toISOString()).toBe("2024-07-20T02:00:00.000Z");
    expect(new Date(at("2024-07-20T09:00:00+07:00")).toISOString()).toBe("2024-07-20T02:00:00.000Z");
    expect(new Date(at("2024-07-20T02:00:00Z")).toISOString()).toBe("2024-07-20T02:00:00.000Z");
    for (const bad of ["20/07/2024", "07/20/2024", "2024-02-30", "2024-07-20T25:00", "hôm nay"]) {
      expect(parseInstant(bad, TZ), bad).toBeNull();
    }
  });
});

const MONTHLY = `
id: ct_edge
title: Hợp đồng kiểm thử
signed_by: skhdt
outlets: [sggp]
themes: [economy]
period: { from: 2024-01-01, to: 2024-12-31 }
deliverables:
  - { id: bai, kind: article, count: 2, per: month, own_site: true }
`;

describe("the last day of a month", () => {
  it("counts an article at 23:30 on the 31st for that month and one at 00:30 on the 1st for the next", () => {
    const specs = contractSpecs(contract(MONTHLY));
    const evaluation = evaluate(
      specs,
      [
        article("sggp", vietnamTime(3, 10, 9, 0)),
        article("sggp", vietnamTime(3, 31, 23, 30)),
        article("sggp", vietnamTime(4, 1, 0, 30)),
      ],
      AFTER_YEAR,
    );
    expect(rows(evaluation, "2024-03")[0]).toMatchObject({ counted: 2, status: "met" });
    expect(rows(evaluation, "2024-04")[0]).toMatchObject({ counted: 1, status: "missed" });
  });
});

describe("reprints", () => {
  const dddn = async () =>
    (await loadContracts(FIXTURE_CONTRACTS_DIR, plan)).find((c) => c.id === "ct_dddn_2024");

  it("do not count for the reprinting outlet, and do when the contract allows them", async () => {
    const original = await dddn();
    if (!original) throw new Error("fixture contract missing");
    const docs = fixtureYear();
    const strict = evaluate(contractSpecs(original), docs, AFTER_YEAR);
    expect(rows(strict, "2024-Q4")[0]).toMatchObject({ counted: 2, status: "missed" });
    const allowing: Contract = {
      ...original,
      deliverables: original.deliverables.map((d) => ({ ...d, allow_reprints: true })),
    };
    const lenient = evaluate(contractSpecs(allowing), docs, AFTER_YEAR);
    expect(rows(lenient, "2024-Q4")[0]).toMatchObject({ counted: 3, status: "met" });
  });

  it("count when the original is the outlet's own piece or is not indexed", () => {
    const specs = contractSpecs(contract(MONTHLY));
    const own = article("sggp", vietnamTime(5, 2, 9, 0), { id: "own" });
    const evaluation = evaluateObligations({
      plan,
      now: at(AFTER_YEAR),
      specs,
      candidates: [
        own,
        article("sggp", vietnamTime(5, 3, 9, 0), { cluster_id: "own", is_original: false }),
        article("sggp", vietnamTime(5, 4, 9, 0), { cluster_id: "unknown-family", is_original: false }),
        article("sggp", vietnamTime(5, 5, 9, 0), { cluster_id: "vov-family", is_original: false }),
      ],
      originals: { "vov-family": { id: "v1", outlet: "vov" } },
    });
    const may = rows(evaluation, "2024-05")[0];
    expect(may?.counted).toBe(3);
    expect(may?.rejected.map((r) => r.reasons)).toEqual([["reprint"]]);
  });
});

describe("a contract amended in the middle of a month", () => {
  const amended = contract(`${MONTHLY}
amendments:
  - id: pl_01
    title: Phụ lục 01
    effective: 2024-05-16
    deliverables:
      - { id: bai, count: 4 }
`);

  it("evaluates each part of the month under the version in force on its days, prorated", () => {
    const evaluation = evaluate(
      contractSpecs(amended),
      [
        article("sggp", vietnamTime(5, 10, 9, 0)),
        article("sggp", vietnamTime(5, 20, 9, 0)),
        article("sggp", vietnamTime(5, 25, 9, 0)),
      ],
      AFTER_YEAR,
    );
    const [before, after] = rows(evaluation, "2024-05");
    expect(before).toMatchObject({
      from: "2024-05-01",
      to: "2024-05-15",
      required: 1,
      counted: 1,
      status: "met",
    });
    expect(before?.version).toBe("Hợp đồng");
    expect(after).toMatchObject({
      from: "2024-05-16",
      to: "2024-05-31",
      required: 3,
      counted: 2,
      status: "missed",
    });
    expect(after?.version).toMatch(/^Phụ lục 01/);
    // The piece of 10 May is outside the amended part and said to be.
    expect(after?.rejected.map((r) => r.reasons)).toEqual([["outside_period"]]);
    // In the month table the worse part shows, with the counts of both.
    const may = monthMatrix(evaluation)[0]?.months[4];
    expect(may).toMatchObject({ status: "missed", counted: 3, required: 4 });
    // Whole months on either side keep their own terms.
    expect(rows(evaluation, "2024-04")[0]?.required).toBe(2);
    expect(rows(evaluation, "2024-06")[0]?.required).toBe(4);
  });

  it("prorates a quarter cut by the contract's start", () => {
    const quarterly = contract(
      MONTHLY.replace("count: 2, per: month", "count: 6, per: quarter").replace(
        "from: 2024-01-01",
        "from: 2024-03-01",
      ),
    );
    const evaluation = evaluate(contractSpecs(quarterly), [], AFTER_YEAR);
    expect(rows(evaluation, "2024-Q1")[0]).toMatchObject({
      from: "2024-03-01",
      to: "2024-03-31",
      required: 3,
    });
    expect(rows(evaluation, "2024-Q2")[0]).toMatchObject({
      from: "2024-04-01",
      to: "2024-06-30",
      required: 6,
    });
  });
});

describe("a count over the whole contract term", () => {
  const total = contract(
    MONTHLY.replace("count: 2, per: month", "count: 5, per: total").replace(
      "from: 2024-01-01",
      "from: 2024-03-01",
    ),
  );
  const docs = [1, 2].map((i) => article("sggp", vietnamTime(4, i, 9, 0)));

  it("is at risk while running behind a linear pace, and not yet due once on pace", () => {
    // 1 August is half-way through 1 March – 31 December: 2.5 items expected, 2 published.
    const behind = evaluate(contractSpecs(total), docs, "2024-08-01T00:00");
    expect(behind.rows[0]).toMatchObject({ status: "at_risk", counted: 2, required: 5 });
    expect(behind.rows[0]?.expected_by_now).toBeCloseTo(2.5, 6);
    const onPace = evaluate(contractSpecs(total), docs, "2024-06-01T00:00");
    expect(onPace.rows[0]?.status).toBe("not_yet_due");
    const months = monthMatrix(behind)[0]?.months.map((m) => m?.status ?? "-");
    expect(months).toEqual(["-", "-", ...Array(10).fill("at_risk")]);
  });

  it("is missed after the term with fewer items, met with enough", () => {
    expect(evaluate(contractSpecs(total), docs, AFTER_YEAR).rows[0]?.status).toBe("missed");
    const five = [1, 2, 3, 4, 5].map((i) => article("sggp", vietnamTime(6, i, 9, 0)));
    expect(evaluate(contractSpecs(total), five, AFTER_YEAR).rows[0]?.status).toBe("met");
  });
});

describe("status while a period runs", () => {
  const july = { from: "2024-07-01", to: "2024-07-31" };

  it("is not yet due before the middle of a one-item month, at risk after, met once done", () => {
    expect(statusOf(1, 0, july, at("2024-07-15T23:00"), TZ).status).toBe("not_yet_due");
    expect(statusOf(1, 0, july, at("2024-07-16T13:00"), TZ).status).toBe("at_risk");
    expect(statusOf(1, 1, july, at("2024-07-02T00:00"), TZ).status).toBe("met");
  });

  it("is missed from the first instant after the period, not before", () => {
    expect(statusOf(1, 0, july, at("2024-07-31T23:59:59"), TZ).status).toBe("at_risk");
    expect(statusOf(1, 0, july, at("2024-08-01T00:00"), TZ).status).toBe("missed");
    expect(statusOf(1, 0, july, at("2024-06-30T23:59:59"), TZ).status).toBe("not_yet_due");
  });

  it("paces several items: 2 of 4 by three quarters of a month is at risk, 3 is not", () => {
    const now = at("2024-07-24T06:00"); // 23.25 of 31 days
    expect(statusOf(4, 2, july, now, TZ).status).toBe("at_risk");
    expect(statusOf(4, 3, july, now, TZ).status).toBe("not_yet_due");
  });
});

describe("the report due before 15 December", () => {
  const reportSpec = buildSpecs(plan, []).find((s) => s.id === "report_year_end");
  if (!reportSpec) throw new Error("no report obligation in the plan");
  const spec: ObligationSpec = { ...reportSpec, required_units: ["svhttdl", "skhdt", "press_local"] };
  const on = (agency: string, day: string): ReportSubmission => ({ agency, submitted_on: day });

  it("is met when every unit (a group through all its members) reported by the 14th", () => {
    const submissions = ["svhttdl", "skhdt", "bao_kon_tum", "krt", "tap_chi_van_nghe_kon_tum"].map((a) =>
      on(a, "2024-12-10"),
    );
    const row = evaluate([spec], [], AFTER_YEAR, submissions).rows[0];
    expect(row).toMatchObject({ status: "met", counted: 3, required: 3 });
  });

  it("is missed when a unit reported late, naming it", () => {
    const row = evaluate([spec], [], AFTER_YEAR, [
      on("svhttdl", "2024-12-10"),
      on("skhdt", "2024-12-16"),
      on("press_local", "2024-12-01"),
    ]).rows[0];
    expect(row?.status).toBe("missed");
    expect(row?.units?.missing).toEqual(["skhdt"]);
    expect(row?.note).toMatch(/Gửi muộn: skhdt \(2024-12-16\)/);
  });

  it("is at risk late in the period with units outstanding, and not yet due before December", () => {
    expect(evaluate([spec], [], "2024-12-12T09:00", [on("svhttdl", "2024-12-02")]).rows[0]?.status).toBe(
      "at_risk",
    );
    expect(evaluate([spec], [], "2024-11-20T09:00", []).rows[0]?.status).toBe("not_yet_due");
  });
});

describe("kinds of items", () => {
  it("tells videos and infographics from articles", () => {
    const base = article("vov", vietnamTime(5, 1, 9, 0));
    expect(detectKind({ ...base, title: "[Video] Măng Đen mùa mây" }, false)).toBe("video");
    expect(detectKind({ ...base, url: "https://vov.vn/video/mang-den-123" }, false)).toBe("video");
    expect(detectKind({ ...base, section: "Infographic" }, false)).toBe("infographic");
    expect(detectKind({ ...base, title: "Đài truyền hình tỉnh ra mắt chương trình mới" }, false)).toBe(
      "article",
    );
    expect(detectKind(base, true)).toBe("column");
  });

  it("rejects an article where the contract wants a video", () => {
    const videoContract = contract(MONTHLY.replace("kind: article, count: 2", "kind: video, count: 1"));
    const evaluation = evaluate(
      contractSpecs(videoContract),
      [
        article("sggp", vietnamTime(5, 2, 9, 0)),
        article("sggp", vietnamTime(5, 3, 9, 0), { title: "Video: Kon Tum hôm nay" }),
      ],
      AFTER_YEAR,
    );
    const may = rows(evaluation, "2024-05")[0];
    expect(may?.counted).toBe(1);
    expect(may?.rejected[0]?.reasons).toEqual(["wrong_kind"]);
  });
});

describe("naming the province", () => {
  const mention = contract(MONTHLY.replace("own_site: true", "own_site: true, must_mention_province: true"));
  it("accepts the name with or without diacritics and its aliases, as a whole word", () => {
    const texts = ["Tỉnh KON TUM phát triển", "kon tum hôm nay", "Kontum mùa xuân", "Kon Tumba là tên khác"];
    const candidates = texts.map((text, i) =>
      article("sggp", vietnamTime(6, i + 1, 9, 0), { title: text, lead: "", body: "" }),
    );
    const june = rows(evaluate(contractSpecs(mention), candidates, AFTER_YEAR), "2024-06")[0];
    expect(june?.evidence.map((e) => e.title)).toEqual(texts.slice(0, 3));
    expect(june?.rejected.map((r) => [r.title, r.reasons])).toEqual([[texts[3], ["no_province_mention"]]]);
  });
});

const fixtureSpecs = buildSpecs(plan, await loadContracts(FIXTURE_CONTRACTS_DIR, plan));

describe("scopes and warnings", () => {
  const specs = fixtureSpecs;

  it("narrow the obligations to one outlet, one agency or one contract", () => {
    const scoped = (text: string) => {
      const scope = parseScope(text);
      if (!scope) throw new Error(text);
      return specsInScope(specs, scope, plan);
    };
    const krt = scoped("outlet:krt");
    expect(krt.filter((s) => s.kind === "column").every((s) => s.outlets.join() === "krt")).toBe(true);
    expect(krt.map((s) => s.id)).toContain("contract_plastic_waste_krt");
    expect(krt.map((s) => s.id)).not.toContain("ct_sggp_2024/bai_viet");
    expect(scoped("agency:skhdt").map((s) => s.id)).toEqual([
      "column_investment",
      "ct_dddn_2024/bai_viet",
      "ct_sggp_2024/bai_viet",
      "report_year_end", // every unit reports its results to the coordinator
    ]);
    expect(scoped("contract:ct_dddn_2024").map((s) => s.id)).toEqual(["ct_dddn_2024/bai_viet"]);
    expect(parseScope("outlet:")).toBeNull();
    expect(parseScope("publisher:krt")).toBeNull();
  });

  it("turn every running period behind pace into an 'obligation at risk' warning", () => {
    const evaluation = evaluateObligations({ plan, now: at(MID_JULY), specs, candidates: fixtureYear() });
    const warnings = obligationWarnings(evaluation);
    expect(warnings.map((w) => `${w.obligation}@${w.outlet ?? ""}`).sort()).toEqual([
      "column_forestry@bao_kon_tum",
      "column_tourism@bao_kon_tum",
      "ct_sggp_2024/bai_viet@",
    ]);
    const sggp = warnings.find((w) => w.obligation === "ct_sggp_2024/bai_viet");
    expect(sggp).toMatchObject({ kind: "obligation_at_risk", agency: "skhdt", required: 3, counted: 1 });
    expect(sggp?.ends_at).toBe("2024-07-31T17:00:00.000Z");
    expect(sggp?.message).toMatch(/Tháng 7\/2024 mới có 1\/3/);
  });
});
