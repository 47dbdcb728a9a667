import { describe, expect, it } from "vitest";
import { loadPlan, type Plan, summarizePlan } from "../../../src/plan/index.ts";
import { normalizeVietnamese } from "../../../src/text/normalize.ts";

const SHIPPED_PLAN = new URL("../../../config/plans/kon-tum-2024.yaml", import.meta.url).pathname;
const SECTION_II_THEMES = [
  "government",
  "people",
  "tourism",
  "environment",
  "agriculture",
  "economy",
  "national_programs",
];

const plan: Plan = await loadPlan(SHIPPED_PLAN);
const byId = <T extends { id: string }>(items: T[], id: string): T => {
  const found = items.find((item) => item.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};

describe("the shipped Kon Tum 2024 plan", () => {
  it("has the seven section II themes plus politics and other", () => {
    expect(plan.themes.map((t) => t.id)).toEqual([...SECTION_II_THEMES, "politics", "other"]);
    for (const id of SECTION_II_THEMES) expect(byId(plan.themes, id).section).toMatch(/^II\.[1-7]$/);
  });

  it("gives every plan theme at least 30 terms and an owner", () => {
    for (const id of SECTION_II_THEMES) {
      const theme = byId(plan.themes, id);
      expect(theme.terms.length, id).toBeGreaterThanOrEqual(30);
      expect(theme.owners.length, id).toBeGreaterThan(0);
    }
  });

  it("keeps Sâm Ngọc Linh in agriculture and its festival, weighted higher, in tourism", () => {
    const term = (themeId: string, text: string) =>
      byId(plan.themes, themeId).terms.find((t) => t.text === text);
    const ginseng = term("agriculture", "Sâm Ngọc Linh");
    const festival = term("tourism", "Festival Sâm Ngọc Linh");
    expect(ginseng).toBeDefined();
    expect(festival).toBeDefined();
    expect(festival!.weight).toBeGreaterThan(ginseng!.weight);
    expect(term("tourism", "Sâm Ngọc Linh")).toBeUndefined();
  });

  it("weights bare-string terms 1 and specific phrases more", () => {
    expect(byId(plan.themes, "tourism").terms.find((t) => t.text === "du lịch")?.weight).toBe(1);
    expect(byId(plan.themes, "tourism").terms.find((t) => t.text === "kích cầu du lịch")?.weight).toBe(4);
  });

  it("has the ten districts with their spelling variants", () => {
    expect(plan.districts).toHaveLength(10);
    expect(byId(plan.districts, "dak_glei").aliases).toEqual(
      expect.arrayContaining(["Đắk Glei", "Dak Glei"]),
    );
    expect(byId(plan.districts, "ia_hdrai").aliases).toEqual(
      expect.arrayContaining(["Ia H’Drai", "Ia HDrai"]),
    );
  });

  it("places every notable place in a district and links each district committee to its district", () => {
    expect(byId(plan.places, "mang_den").district).toBe("kon_plong");
    expect(byId(plan.places, "cua_khau_bo_y").district).toBe("ngoc_hoi");
    for (const place of plan.places) expect(place.district, place.id).toBeDefined();
    const committees = plan.agencies.filter((a) => a.district);
    expect(committees.map((a) => a.district).sort()).toEqual(plan.districts.map((d) => d.id).sort());
  });

  it("has one coordinator, Sở TT&TT, known by its abbreviations", () => {
    const coordinators = plan.agencies.filter((a) => a.kind === "coordinator");
    expect(coordinators.map((a) => a.id)).toEqual(["stttt"]);
    expect(coordinators[0]?.abbreviations).toEqual(expect.arrayContaining(["Sở TT&TT", "STTTT", "Sở TTTT"]));
  });

  it("lists the eight central partners, the two economic partners and the provincial press", () => {
    const summary = summarizePlan(plan);
    expect(summary.outlets.byKind["central_partner"]).toBe(8);
    expect(summary.outlets.byKind["economic_partner"]).toBe(2);
    expect(summary.outlets.byKind["provincial_press"]).toBe(3);
    expect(summary.outlets.total).toBeGreaterThanOrEqual(12);
  });

  it("has the monthly columns on Báo Kon Tum and KRT, at least one a month", () => {
    const columns = plan.obligations.filter((o) => o.kind === "column");
    expect(columns.map((c) => c.section).sort()).toEqual(["III.4", "III.5b", "III.6a"]);
    for (const column of columns) {
      expect(column.outlets).toEqual(["bao_kon_tum", "krt"]);
      expect(column.frequency).toBe("monthly");
      expect(column.min_count).toBe(1);
      expect(column.title_markers.length).toBeGreaterThan(0);
    }
  });

  it("has one contract per partner and invents no quantities", () => {
    const contracts = plan.obligations.filter((o) => o.kind === "contract");
    expect(contracts).toHaveLength(11);
    for (const contract of contracts) expect(contract.min_count).toBeUndefined();
    const contracted = new Set(contracts.flatMap((c) => c.outlets));
    for (const outlet of plan.outlets.filter((o) => o.kind.endsWith("_partner"))) {
      expect(contracted.has(outlet.id), outlet.id).toBe(true);
    }
  });

  it("dates the environment campaign days of 2024", () => {
    const dates = Object.fromEntries(
      plan.obligations.filter((o) => o.kind === "campaign_day").map((o) => [o.id, o.dates?.[0]]),
    );
    expect(dates).toEqual({
      campaign_world_water_day: "2024-03-22",
      campaign_world_meteorological_day: "2024-03-23",
      campaign_earth_hour: "2024-03-23",
      campaign_world_environment_day: "2024-06-05",
      campaign_clean_up_the_world: "2024-09-20",
    });
  });

  it("wants the year-end report before 15 December", () => {
    const report = byId(plan.obligations, "report_year_end");
    expect(report.due).toBe("2024-12-14");
    expect(report.owner).toBe("stttt");
  });

  it("summarises to the expected counts", () => {
    const summary = summarizePlan(plan);
    expect(summary).toMatchObject({ themes: 9, districts: 10, agencies: plan.agencies.length });
    expect(summary.obligations.byKind).toEqual({ column: 3, contract: 11, campaign_day: 5, report: 1 });
  });

  it("holds every string in normalised form", () => {
    const strings: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === "string") strings.push(value);
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    collect(plan);
    expect(strings.length).toBeGreaterThan(1000);
    expect(strings.filter((s) => s !== normalizeVietnamese(s))).toEqual([]);
  });
});
