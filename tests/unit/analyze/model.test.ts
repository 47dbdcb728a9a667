import { describe, expect, it } from "vitest";
import { prepareDocument } from "../../../src/analyze/document.ts";
import {
  compileThemeModel,
  documentFeatures,
  knownFeatures,
  parseThemeModel,
  ROUTER_MIN_EXAMPLES,
  routeAgency,
  scoreWithModel,
  trainThemeModel,
} from "../../../src/analyze/model.ts";
import { stripDiacritics } from "../../../src/text/clean.ts";

describe("documentFeatures", () => {
  it("takes folded unigrams without stopwords and bigrams unless both halves are stopwords", () => {
    const features = documentFeatures(prepareDocument({ body: "Người có công của các xã" }));
    expect(features.has("cong")).toBe(true);
    expect(features.has("cua")).toBe(false); // "của": a stopword unigram
    expect(features.has("co cong")).toBe(true); // one half a stopword: kept
    expect(features.has("nguoi co")).toBe(false); // both halves stopwords
    expect(features.has("cua cac")).toBe(false);
  });

  it("weighs title 3, lead 2, body 1 and stops bigrams at sentence ends", () => {
    const features = documentFeatures(
      prepareDocument({ title: "Mắc ca", lead: "Mắc ca", body: "Mắc ca. Ca hát" }),
    );
    expect(features.get("mac ca")).toBe(6);
    expect(features.has("ca ca")).toBe(false);
  });

  it("is the same for a text typed without diacritics", () => {
    const input = { title: "Sâm Ngọc Linh được mùa", body: "Người trồng sâm ở Tu Mơ Rông phấn khởi." };
    const stripped = { title: stripDiacritics(input.title), body: stripDiacritics(input.body) };
    expect([...documentFeatures(prepareDocument(stripped))]).toEqual([
      ...documentFeatures(prepareDocument(input)),
    ]);
  });
});

const examples = [
  {
    title: "Trồng rừng",
    body: "Nông dân trồng rừng, bảo vệ rừng.",
    themes: ["agriculture"],
    agency: "snnptnt",
  },
  { title: "Trồng rừng mới", body: "Xã trồng rừng keo.", themes: ["agriculture"], agency: "snnptnt" },
  {
    title: "Lễ hội",
    body: "Du khách xem lễ hội cồng chiêng.",
    themes: ["tourism", "agriculture"],
    agency: "svhttdl",
  },
  { title: "Lễ hội đường phố", body: "Lễ hội thu hút du khách.", themes: ["tourism"], agency: "ubnd_huyen" },
].map((e) => ({ doc: prepareDocument(e), themes: e.themes, agency: e.agency }));

describe("trainThemeModel", () => {
  const data = trainThemeModel(examples, {
    plan: "p",
    themes: ["tourism", "agriculture", "other"],
    minCount: 1,
    now: new Date(0),
  });

  it("counts documents per theme, secondary labels at half weight", () => {
    expect(data.docs).toEqual([2, 2.5, 0]);
    expect(data.features["trong rung"]![1]).toBeGreaterThan(0);
    expect(data.features["trong rung"]![0]).toBe(0);
  });

  it("is deterministic and survives a JSON round trip", () => {
    const again = trainThemeModel(examples, {
      plan: "p",
      themes: ["tourism", "agriculture", "other"],
      minCount: 1,
      now: new Date(0),
    });
    expect(again.id).toBe(data.id);
    expect(parseThemeModel(JSON.parse(JSON.stringify(data)))).toEqual(data);
  });

  it("drops rare features", () => {
    const pruned = trainThemeModel(examples, {
      plan: "p",
      themes: ["tourism", "agriculture", "other"],
      minCount: 5,
    });
    expect(Object.keys(pruned.features).length).toBeLessThan(Object.keys(data.features).length);
  });

  it("keeps per theme-and-agency counts for the router", () => {
    expect(data.agencies!.ids).toEqual(["agriculture|snnptnt", "tourism|svhttdl", "tourism|ubnd_huyen"]);
  });

  it("looks features up exactly as documentFeatures builds them", () => {
    const model = compileThemeModel(data);
    const doc = prepareDocument({
      title: "Trồng rừng và lễ hội",
      body: "Du khách xem cồng chiêng. Rừng keo xanh.",
    });
    const known = new Map([...knownFeatures(model, doc)].map(([e, n]) => [e.name, n]));
    const expected = new Map(
      [...documentFeatures(doc)].filter(([f]) => f in data.features || f in data.agencies!.features),
    );
    expect(known).toEqual(expected);
  });

  it("scores a document towards the theme of its words", () => {
    const model = compileThemeModel(data);
    const scores = scoreWithModel(model, prepareDocument({ body: "Trồng rừng keo, bảo vệ rừng" }));
    expect(scores.logScores[1]).toBeGreaterThan(scores.logScores[0]!);
    expect(scores.known).toBeGreaterThan(0);
  });
});

describe("parseThemeModel", () => {
  it("rejects a file that is not a model", () => {
    expect(() => parseThemeModel({ format: "other" })).toThrow(/not a theme model/);
    const data = trainThemeModel(examples, { plan: "p", themes: ["tourism", "agriculture"], minCount: 1 });
    const broken = { ...data, features: { ...data.features, x: [1] } };
    expect(() => parseThemeModel(broken)).toThrow(/feature "x"/);
  });
});

describe("routeAgency", () => {
  it("keeps the first owner unless another has enough examples with the theme", () => {
    const model = compileThemeModel(
      trainThemeModel(examples, { plan: "p", themes: ["tourism", "agriculture"], minCount: 1 }),
    );
    const scores = scoreWithModel(model, prepareDocument({ body: "Lễ hội thu hút du khách" }));
    expect(ROUTER_MIN_EXAMPLES).toBeGreaterThan(1);
    // "ubnd_huyen" was seen once with tourism: too few to be chosen over the first owner.
    expect(routeAgency(model, scores, "tourism", ["svhttdl", "ubnd_huyen"])).toBe("svhttdl");
    expect(routeAgency(model, scores, "economy", ["skhdt"])).toBeNull();
  });

  it("chooses a second owner the router knows well", () => {
    const many = Array.from({ length: 4 }, (_, i) => ({
      doc: prepareDocument({ body: `Đoàn đại sứ Lào hội đàm lần ${i}, hữu nghị đặc biệt.` }),
      themes: ["economy"],
      agency: "snv",
    }));
    const others = Array.from({ length: 6 }, (_, i) => ({
      doc: prepareDocument({ body: `Thu hút nhà đầu tư dự án ${i}, vốn đầu tư lớn.` }),
      themes: ["economy"],
      agency: "skhdt",
    }));
    const model = compileThemeModel(
      trainThemeModel([...many, ...others], { plan: "p", themes: ["economy"], minCount: 1 }),
    );
    const scores = scoreWithModel(model, prepareDocument({ body: "Đại sứ Lào hội đàm với lãnh đạo tỉnh" }));
    expect(routeAgency(model, scores, "economy", ["skhdt", "snv"])).toBe("snv");
  });
});
