import { describe, expect, it } from "vitest";
import {
  compileAgencies,
  findAgencies,
  ownerLevelAgency,
  responsibleAgency,
} from "../../../src/analyze/agencies.ts";
import { prepareDocument } from "../../../src/analyze/document.ts";
import { compileGeography } from "../../../src/analyze/places.ts";
import { miniPlan } from "./mini-plan.ts";

const geography = compileGeography(miniPlan);
const agencies = compileAgencies(miniPlan, geography.provinceKeys);
const find = (input: { title?: string; lead?: string; body?: string }) =>
  findAgencies(agencies, prepareDocument(input));

describe("findAgencies", () => {
  it("finds names and abbreviations, with the field and the text as written", () => {
    const { mentions } = find({
      title: "Sở VHTTDL tổ chức lễ hội",
      body: "Sở Văn hóa, Thể thao và Du lịch cho biết…",
    });
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({ id: "svhttdl", counts: { title: 1, body: 1 } });
    expect(mentions[0]!.evidence[0]).toEqual({ text: "Sở VHTTDL", field: "title" });
  });

  it("recognises a district committee however the district is written", () => {
    for (const text of [
      "UBND huyện Chư Păh",
      "Ủy ban nhân dân huyện Chư Păh",
      "UBND Chư Păh",
      "Chủ tịch UBND huyện Chư Păh",
    ]) {
      expect(find({ body: `${text} đã chỉ đạo` }).mentions.map((m) => m.id)).toEqual(["ubnd_chu_pah"]);
    }
    expect(find({ body: "ubnd huyen chu pah chi dao" }).mentions.map((m) => m.id)).toEqual(["ubnd_chu_pah"]);
    expect(find({ body: "UBND huyện Chư Păh" }).mentions[0]!.group).toBe("ubnd_huyen");
  });

  it("sets aside an agency of another province", () => {
    const { mentions, foreign } = find({
      body: "Sở Tài nguyên và Môi trường tỉnh Kon Tum kiểm tra. UBND tỉnh Kon Tum chỉ đạo.",
    });
    expect(mentions).toHaveLength(0);
    expect(foreign.map((f) => f.id)).toEqual(["stnmt", "ubnd_tinh"]);
  });

  it("keeps the plan's own agency when qualified by its own province or not qualified", () => {
    expect(
      find({ body: "Sở Tài nguyên và Môi trường tỉnh Gia Lai kiểm tra" }).mentions.map((m) => m.id),
    ).toEqual(["stnmt"]);
    expect(find({ body: "UBND tỉnh đã chỉ đạo" }).mentions.map((m) => m.id)).toEqual(["ubnd_tinh"]);
    // A comma ends the qualifier: "Ban…" is the next item of a list, not a province.
    expect(find({ body: "Sở TN&MT, Ban Quản lý dự án" }).mentions.map((m) => m.id)).toEqual(["stnmt"]);
  });
});

describe("responsibleAgency", () => {
  const decide = (input: { title?: string; body?: string }, primary: string, relevant = true) => {
    const { mentions } = find(input);
    return responsibleAgency(miniPlan, agencies, mentions, { primary, all: [primary] }, relevant);
  };

  it("takes the named agency that owns the theme", () => {
    expect(
      decide({ title: "Sở NN&PTNT ra quân trồng rừng", body: "Sở TT&TT đưa tin." }, "agriculture"),
    ).toMatchObject({
      id: "snnptnt",
      reason: "named",
    });
  });

  it("falls back to the first owner of the primary theme when none is named", () => {
    expect(decide({ body: "Nông dân thu hoạch cà phê" }, "agriculture")).toMatchObject({
      id: "snnptnt",
      reason: "owner",
      theme: "agriculture",
    });
  });

  it("never makes an agency of kind other responsible", () => {
    expect(decide({ title: "UBND tỉnh chỉ đạo bảo vệ rừng" }, "agriculture")).toMatchObject({
      id: "snnptnt",
      reason: "owner",
    });
  });

  it("answers null for an article that is not about the province", () => {
    expect(decide({ title: "Sở NN&PTNT ra quân trồng rừng" }, "agriculture", false)).toBeNull();
  });

  it("lets the router choose among several owners", () => {
    const { mentions } = find({ body: "Lễ hội ở Chư Păh" });
    const routed = responsibleAgency(
      miniPlan,
      agencies,
      mentions,
      { primary: "tourism", all: ["tourism"] },
      true,
      () => "ubnd_huyen",
    );
    expect(routed).toMatchObject({ id: "ubnd_huyen", reason: "owner" });
  });
});

describe("ownerLevelAgency", () => {
  it("counts a member under its group", () => {
    expect(ownerLevelAgency(miniPlan, "ubnd_chu_pah")).toBe("ubnd_huyen");
    expect(ownerLevelAgency(miniPlan, "stnmt")).toBe("stnmt");
    expect(ownerLevelAgency(miniPlan, null)).toBeNull();
  });
});
