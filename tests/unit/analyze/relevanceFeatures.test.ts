import { describe, expect, it } from "vitest";
import { prepareDocument } from "../../../src/analyze/document.ts";
import { compileGeography } from "../../../src/analyze/places.ts";
import { compileNation, relevanceFeatures } from "../../../src/analyze/relevanceFeatures.ts";
import { miniPlan } from "./mini-plan.ts";

const geo = compileGeography(miniPlan);
const nation = compileNation(geo);
const features = (title: string, body: string, local = false) =>
  relevanceFeatures(prepareDocument({ title, body }), geo, nation, local);

describe("relevanceFeatures", () => {
  it("sees the province in the title, early, alone", () => {
    const x = features(
      "Gia Lai khai mạc lễ hội cà phê",
      "Sáng nay tại thành phố Pleiku, tỉnh Gia Lai khai mạc lễ hội.",
    );
    expect(x.get("in_title")).toBe(1);
    expect(x.get("no_others")).toBe(1);
    expect(x.get("early")).toBeGreaterThan(0.9);
    expect(x.get("places_named")).toBeGreaterThan(0);
    expect(x.has("in_list")).toBe(false);
  });

  it("sees a list of provinces", () => {
    const x = features(
      "Mưa lớn ở Tây Nguyên",
      "Mưa lớn kéo dài ở các tỉnh Lâm Đồng, Gia Lai, Đắk Lắk và Đắk Nông gây ngập nhiều nơi.",
    );
    expect(x.get("in_list")).toBe(1);
    expect(x.get("others")).toBeCloseTo(Math.log1p(3), 6);
    expect(x.has("in_title")).toBe(false);
  });

  it("sees a home town and a street named after the province", () => {
    const home = features("Chàng trai vượt khó", "Anh Nam, quê Gia Lai, hiện làm việc tại Hà Nội.");
    expect(home.get("home_town")).toBe(1);
    const street = features("Cháy nhà trên phố", "Một căn nhà trên đường Gia Lai, quận 3, TP.HCM bốc cháy.");
    expect(street.get("homonym")).toBe(1);
  });

  it("says when the province is not named at all", () => {
    const x = features("Giá vàng tăng", "Giá vàng trong nước tăng mạnh.", true);
    expect(x.get("no_mention")).toBe(1);
    expect(x.get("local_outlet")).toBe(1);
  });
});
