// The fixture year of known truth (tests/fixtures/contracts/year.ts): every obligation's status for
// every month, at the end of the year and in the middle of July, plus the evidence and the reasons.
import { describe, expect, it } from "vitest";
import {
  buildSpecs,
  type Evaluation,
  evaluateObligations,
  formatMonthTable,
  loadContracts,
  parseInstant,
} from "../../../src/contracts/index.ts";
import { loadPlan } from "../../../src/plan/index.ts";
import {
  AFTER_YEAR,
  EARLY_JULY,
  EXPECTED_AFTER_YEAR,
  EXPECTED_MID_JULY,
  FIXTURE_CONTRACTS_DIR,
  fixtureYear,
  MID_JULY,
  monthCodes,
} from "../../fixtures/contracts/year.ts";

const plan = await loadPlan(new URL("../../../config/plans/kon-tum-2024.yaml", import.meta.url).pathname);
const contracts = await loadContracts(FIXTURE_CONTRACTS_DIR, plan);
const docs = fixtureYear();

function evaluateAt(now: string): Evaluation {
  const instant = parseInstant(now, plan.timezone);
  if (instant === null) throw new Error(`bad instant ${now}`);
  return evaluateObligations({ plan, now: instant, specs: buildSpecs(plan, contracts), candidates: docs });
}

const endOfYear = evaluateAt(AFTER_YEAR);
const rowOf = (evaluation: Evaluation, obligation: string, outlet: string | null, key: string) => {
  const row = evaluation.rows.find(
    (r) => r.obligation === obligation && r.outlet === outlet && r.period.key === key,
  );
  if (!row) throw new Error(`no row ${obligation} ${outlet} ${key}`);
  return row;
};

describe("the fixture year, evaluated after it ended", () => {
  it("gives every obligation the known status for every month", () => {
    expect(monthCodes(endOfYear)).toEqual(EXPECTED_AFTER_YEAR);
  });

  it("counts Báo Kon Tum's March column published at 23:30 on 31 March (Viet Nam) for March", () => {
    const march = rowOf(endOfYear, "column_tourism", "bao_kon_tum", "2024-03");
    expect(march.status).toBe("met");
    expect(march.evidence.map((e) => [e.day, e.published_at])).toEqual([
      ["2024-03-31", "2024-03-31T16:30:00.000Z"],
    ]);
  });

  it("puts KRT's forestry piece of 00:30 on 1 May (30 April in UTC) in May, so April is missed", () => {
    const april = rowOf(endOfYear, "column_forestry", "krt", "2024-04");
    const may = rowOf(endOfYear, "column_forestry", "krt", "2024-05");
    expect(april.status).toBe("missed");
    expect(april.evidence).toEqual([]);
    expect(may.evidence.map((e) => e.day)).toEqual(["2024-05-01", "2024-05-18"]);
    expect(may.evidence[0]?.published_at).toBe("2024-04-30T17:30:00.000Z");
  });

  it("recognises the column by title marker, by section and by theme, and says which", () => {
    const by = (key: string) =>
      rowOf(endOfYear, "column_tourism", "bao_kon_tum", key).evidence[0]?.matched_by;
    expect(by("2024-01")).toBe("title_marker");
    expect(by("2024-08")).toBe("section");
    expect(by("2024-09")).toBe("theme");
  });

  it("explains why Báo Kon Tum's July candidates did not count: a reprint, an off-site copy, other themes", () => {
    const july = rowOf(endOfYear, "column_tourism", "bao_kon_tum", "2024-07");
    expect(july.status).toBe("missed");
    expect(july.counted).toBe(0);
    const reasons = Object.fromEntries(july.rejected.map((r) => [r.title, r.reasons]));
    expect(reasons["Chuyên mục Du lịch: Kon Tum mùa mưa (theo KRT)"]).toEqual(["reprint"]);
    expect(reasons["Chuyên mục Du lịch: Làng Plei Croong"]).toEqual(["not_own_site"]);
    expect(reasons["Chuyên mục Xúc tiến đầu tư: Cơ hội tháng 7"]).toEqual(["wrong_theme"]);
    const reprint = july.rejected.find((r) => r.reasons.includes("reprint"));
    expect(reprint?.details.join(" ")).toMatch(/bản gốc của krt/);
  });

  it("rejects Diễn đàn Doanh nghiệp's short piece, its piece that never names Kon Tum, and its reprint", () => {
    const q2 = rowOf(endOfYear, "ct_dddn_2024/bai_viet", null, "2024-Q2");
    expect([q2.required, q2.counted, q2.status]).toEqual([3, 2, "missed"]);
    expect(q2.rejected.map((r) => r.reasons)).toEqual([["too_short"], ["no_province_mention"]]);
    const q4 = rowOf(endOfYear, "ct_dddn_2024/bai_viet", null, "2024-Q4");
    expect([q4.counted, q4.status]).toEqual([2, "missed"]);
    expect(q4.rejected.map((r) => r.reasons)).toEqual([["reprint"]]);
  });

  it("judges Sài Gòn Giải phóng under the original terms before 1 July and the amendment after", () => {
    const june = rowOf(endOfYear, "ct_sggp_2024/bai_viet", null, "2024-06");
    const july = rowOf(endOfYear, "ct_sggp_2024/bai_viet", null, "2024-07");
    expect([june.required, june.counted, june.status, june.version]).toEqual([
      1,
      2,
      "met",
      "Hợp đồng số 06/2024/HĐ-SKHĐT",
    ]);
    expect([july.required, july.counted, july.status, july.version]).toEqual([
      3,
      2,
      "missed",
      "Phụ lục 01 số 01/PL-HĐ06 (hiệu lực từ 2024-07-01)",
    ]);
  });

  it("answers campaign days on the day only: a piece the day before is outside the period", () => {
    const water = rowOf(endOfYear, "campaign_world_water_day", null, "2024-03-22");
    expect(water.status).toBe("missed");
    const early = water.rejected.find((r) => r.title.includes("Ngày Nước thế giới"));
    expect(early?.reasons).toEqual(["outside_period"]);
    const earth = rowOf(endOfYear, "campaign_earth_hour", null, "2024-03-23");
    expect(earth.evidence.map((e) => e.title)).toEqual(["Kon Tum hưởng ứng Giờ Trái đất 2024"]);
    // The same piece that day does not answer World Meteorological Day.
    const meteo = rowOf(endOfYear, "campaign_world_meteorological_day", null, "2024-03-23");
    expect(meteo.rejected.find((r) => r.title.includes("Giờ Trái đất"))?.reasons).toEqual(["wrong_theme"]);
  });

  it("carries links and snapshot ids as evidence", () => {
    const row = rowOf(endOfYear, "column_investment", "krt", "2024-02");
    const source = docs.find((d) => d.id === row.evidence[0]?.article_id);
    expect(row.evidence[0]).toMatchObject({
      url: source?.url,
      canonical_url: source?.canonical_url,
      snapshot: source?.snapshot,
    });
    expect(row.evidence[0]?.snapshot).toMatch(/^snap-/);
  });

  it("cannot evaluate the report without a record of submissions, nor contracts without quantities", () => {
    const report = rowOf(endOfYear, "report_year_end", null, "2024-12-14");
    expect(report.status).toBe("no_data");
    expect(report.period).toMatchObject({ from: "2024-12-01", to: "2024-12-14" });
    expect(rowOf(endOfYear, "contract_vov", null, "2024").note).toMatch(/không quy định số lượng/);
  });

  it("prints the obligation × month table", () => {
    const lines = formatMonthTable(endOfYear).split("\n");
    const line = (start: string, outlet: string) =>
      lines.find((l) => l.startsWith(`${start} `) && l.includes(` ${outlet} `))?.split(/\s{2,}/);
    expect(line("column_tourism", "bao_kon_tum")).toEqual([
      "column_tourism",
      "bao_kon_tum",
      "tháng",
      ...["✔1/1", "✔1/1", "✔1/1", "✔1/1", "✔1/1", "✔1/1", "✘0/1", "✔1/1", "✔1/1", "✔1/1", "✔1/1", "✔1/1"],
      "11",
      "1",
      "0",
    ]);
    expect(line("ct_sggp_2024/bai_viet", "sggp")?.slice(3, 15)).toEqual([
      ...["✔2/1", "✔2/1", "✔2/1", "✔2/1", "✔2/1", "✔2/1"],
      ...["✘2/3", "✘2/3", "✘2/3", "✔3/3", "✘2/3", "✘2/3"],
    ]);
  });
});

describe("the fixture year, evaluated on 20 July at 09:00", () => {
  const midJuly = evaluateAt(MID_JULY);

  it("gives every obligation the known status for every month", () => {
    expect(monthCodes(midJuly)).toEqual(EXPECTED_MID_JULY);
  });

  it("marks July at risk where nothing counted yet and not yet due where it is done or later", () => {
    const tourism = rowOf(midJuly, "column_tourism", "bao_kon_tum", "2024-07");
    expect(tourism.status).toBe("at_risk");
    expect(tourism.expected_by_now).toBeCloseTo((19 + 9 / 24) / 31, 6);
    expect(rowOf(midJuly, "column_tourism", "krt", "2024-07").status).toBe("met");
    expect(rowOf(midJuly, "column_tourism", "bao_kon_tum", "2024-08").status).toBe("not_yet_due");
  });

  it("does not know of articles published after now", () => {
    const forestry = rowOf(midJuly, "column_forestry", "bao_kon_tum", "2024-07");
    expect(forestry.counted).toBe(0);
    expect(forestry.rejected.some((r) => r.title.includes("Bảo vệ rừng tháng 7"))).toBe(false);
    expect(rowOf(endOfYear, "column_forestry", "bao_kon_tum", "2024-07").counted).toBe(1);
  });
});

describe("the fixture year, evaluated on 5 July at 09:00", () => {
  it("leaves July not yet due while less than half of it has passed", () => {
    const early = evaluateAt(EARLY_JULY);
    expect(rowOf(early, "column_tourism", "bao_kon_tum", "2024-07").status).toBe("not_yet_due");
    expect(rowOf(early, "ct_sggp_2024/bai_viet", null, "2024-07").status).toBe("not_yet_due");
  });
});
