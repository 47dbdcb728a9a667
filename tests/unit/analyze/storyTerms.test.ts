import { describe, expect, it } from "vitest";
import { queryTerms, rankCandidates, storyTerms } from "../../../src/analyze/storyTerms.ts";

const landslide = {
  id: "a",
  title: "Sạt lở trên Quốc lộ 24 đoạn qua huyện Kon Plông",
  lead: "Mưa lớn khiến taluy dương tại Km 80, Quốc lộ 24, xã Hiếu, huyện Kon Plông sạt lở.",
  body: "Giao thông qua đèo Violak bị chia cắt. Sở Giao thông vận tải điều máy xúc đến hiện trường.",
};
const settings = { indexed: 48, queried: 3, maxPostings: 10, minShared: 2, candidates: 2 };

describe("storyTerms", () => {
  it("keeps the heaviest terms, names and title first, the same on every call", () => {
    const terms = storyTerms(landslide, 5);
    expect(terms).toHaveLength(5);
    expect(terms.map((t) => t.weight)).toEqual([...terms.map((t) => t.weight)].sort((a, b) => b - a));
    expect(storyTerms({ ...landslide }, 5)).toEqual(terms);
    // Without diacritics the terms are the same: the index folds them.
    const folded = storyTerms(
      { ...landslide, id: "b", title: "Sat lo tren Quoc lo 24 doan qua huyen Kon Plong" },
      48,
    ).map((t) => t.key);
    expect(folded).toEqual(
      expect.arrayContaining(
        storyTerms(landslide, 48)
          .slice(0, 3)
          .map((t) => t.key),
      ),
    );
  });
});

describe("queryTerms", () => {
  it("looks up the rarest usable terms: none unseen, none too common", () => {
    const terms = ["a", "b", "c", "d", "e"].map((key, i) => ({ key, weight: 5 - i }));
    const picked = queryTerms(terms, [0, 11, 4, 1, 4], settings);
    expect(picked.map((t) => t.key)).toEqual(["d", "c", "e"]);
  });
});

describe("rankCandidates", () => {
  it("ranks by the rarity-weighted terms shared, needs two of them and leaves the article itself out", () => {
    const looked = [
      { key: "violak", weight: 4, postings: 2 },
      { key: "km80", weight: 2, postings: 3 },
      { key: "huyen", weight: 1, postings: 9 },
    ];
    const postings = [
      ["self", "x", "y"],
      ["self", "x", "z"],
      ["self", "y", "z", "w"],
    ];
    expect(rankCandidates("self", looked, postings, settings)).toEqual(["x", "y"]);
    expect(rankCandidates("self", looked, postings, { ...settings, candidates: 5 })).toEqual(["x", "y", "z"]);
  });
});
