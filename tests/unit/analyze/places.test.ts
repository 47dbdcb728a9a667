import { describe, expect, it } from "vitest";
import { compileAgencies, findAgencies } from "../../../src/analyze/agencies.ts";
import { prepareDocument } from "../../../src/analyze/document.ts";
import {
  compileGeography,
  findElsewhere,
  findMentions,
  placesAndDistricts,
} from "../../../src/analyze/places.ts";
import { RELEVANT_FROM, scoreRelevance } from "../../../src/analyze/relevance.ts";
import { miniPlan } from "./mini-plan.ts";

const geography = compileGeography(miniPlan);
const agencies = compileAgencies(miniPlan, geography.provinceKeys);
const relevance = (input: { title?: string; lead?: string; body?: string }, local = false) => {
  const doc = prepareDocument(input);
  return scoreRelevance(findMentions(geography, doc), findAgencies(agencies, doc).mentions, {
    localOutlet: local ? { id: "bao_gia_lai", name: "Báo Gia Lai" } : null,
    elsewhere: findElsewhere(geography, doc),
  });
};

describe("places and districts", () => {
  it("finds the province, districts and places, and the district of each place", () => {
    const doc = prepareDocument({
      title: "Du khách đến Biển Hồ",
      body: "Huyện Chư Păh và tỉnh Gia Lai đón khách.",
    });
    const mentions = findMentions(geography, doc);
    expect(mentions.map((m) => `${m.kind}:${m.id}`).sort()).toEqual([
      "district:chu_pah",
      "place:bien_ho",
      "province:province",
    ]);
    const { places, districts } = placesAndDistricts(miniPlan, mentions);
    expect(places).toEqual([{ id: "bien_ho", name: "Biển Hồ", district: "pleiku", mentions: 1 }]);
    expect(districts.map((d) => [d.id, d.via]).sort()).toEqual([
      ["chu_pah", "mention"],
      ["pleiku", "place"],
    ]);
  });

  it("ignores the title of another province's official", () => {
    const mentions = findMentions(
      geography,
      prepareDocument({ body: "Chủ tịch UBND tỉnh Kon Tum phát biểu" }),
    );
    expect(mentions.filter((m) => m.kind === "title")).toHaveLength(0);
  });

  it("lists places outside the province the text names", () => {
    expect(
      findElsewhere(
        geography,
        prepareDocument({ body: "Đoàn của tỉnh Kon Tum và TP Hồ Chí Minh đến tỉnh Gia Lai." }),
      ),
    ).toEqual(["tỉnh Kon Tum", "TP Hồ Chí Minh"]);
  });
});

describe("relevance", () => {
  it("is high when the province or a district is named, low for agencies alone", () => {
    expect(relevance({ body: "Mưa lớn ở Gia Lai" }).relevant).toBe(true);
    expect(relevance({ body: "Nông dân huyện Chư Păh thu hoạch" }).relevant).toBe(true);
    const agencyOnly = relevance({ body: "Sở TN&MT kiểm tra" });
    expect(agencyOnly.score).toBeGreaterThan(0);
    expect(agencyOnly.score).toBeLessThan(RELEVANT_FROM);
    expect(relevance({ body: "Hà Nội đón khách" })).toMatchObject({ score: 0, relevant: false, matched: [] });
  });

  it("grows with the title and with repeats, reporting what matched", () => {
    const body = relevance({ body: "Gia Lai" });
    const title = relevance({ title: "Gia Lai" });
    expect(title.score).toBeGreaterThan(body.score);
    expect(title.matched).toEqual([{ kind: "province", id: "province", text: "Gia Lai", count: 1 }]);
  });

  it("counts the province's own outlet as evidence, unless the text is about elsewhere", () => {
    expect(relevance({ body: "Sở TN&MT kiểm tra" }, true).relevant).toBe(true);
    expect(relevance({ body: "Sở TN&MT kiểm tra" }, false).relevant).toBe(false);
    expect(relevance({ body: "Đoàn kiểm tra của tỉnh Kon Tum" }, true).relevant).toBe(false);
    expect(relevance({ body: "Không nêu tên nơi nào" }, true).relevant).toBe(false);
  });
});
