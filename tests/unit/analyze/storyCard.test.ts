import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprintArticle } from "../../../src/analyze/dedupe.ts";
import { dedupeFixtureSchema, materializeDedupe } from "../../../src/analyze/devsetScores.ts";
import { prepareDocument } from "../../../src/analyze/document.ts";
import { pickStory, preparedTermCounts, termCounts } from "../../../src/analyze/stories.ts";
import {
  decodeStoryCard,
  encodeStoryCard,
  heaviest,
  StoryCardError,
} from "../../../src/analyze/storyCard.ts";

const items = materializeDedupe(
  dedupeFixtureSchema.parse(
    JSON.parse(readFileSync(join(import.meta.dirname, "../../fixtures/analysis/dedupe.json"), "utf8")),
  ),
);

describe("story cards", () => {
  const counts = {
    keys: Uint32Array.from([1, 7, 9, 4_000_000_000]),
    counts: Float32Array.from([1, 3, 1, 2]),
  };
  const card = {
    id: "a1",
    story_id: "s1",
    cluster_id: "f1",
    published_at: "2024-04-12T01:00:00.000Z",
    counts,
  };

  it("decode(encode(card)) is the card, hashes above 2^31 included", () => {
    expect(decodeStoryCard(encodeStoryCard(card))).toEqual(card);
  });

  it("keeps the heaviest terms, ties by hash", () => {
    expect(heaviest(counts, 2)).toEqual({
      keys: Uint32Array.from([7, 4_000_000_000]),
      counts: Float32Array.from([3, 2]),
    });
    expect(decodeStoryCard(encodeStoryCard(card, 3)).counts).toEqual({
      keys: Uint32Array.from([1, 7, 4_000_000_000]),
      counts: Float32Array.from([1, 3, 2]),
    });
  });

  it("refuses a truncated or foreign value with a specific error", () => {
    const bytes = encodeStoryCard(card);
    expect(() => decodeStoryCard(bytes.subarray(0, bytes.length - 4))).toThrow(StoryCardError);
    expect(() => decodeStoryCard(Buffer.from("not a card at all"))).toThrow(/unreadable story card/);
  });
});

describe("counting once for analysis, fingerprint and story", () => {
  it("the prepared document gives the same term counts and fingerprint as the raw text", () => {
    for (const item of items) {
      const prepared = prepareDocument(item);
      expect(preparedTermCounts(prepared)).toEqual(termCounts(item));
      expect(fingerprintArticle(item, prepared)).toEqual(fingerprintArticle(item));
    }
  });

  it("pickStory on hashed counts finds the cosine of the plain term vectors", () => {
    // The reference: TF-IDF over the terms themselves in maps, as stories.ts describes it.
    const reference = (group: Array<ReadonlyMap<string, number>>) => {
      const df = new Map<string, number>();
      for (const c of group) for (const term of c.keys()) df.set(term, (df.get(term) ?? 0) + 1);
      return group.map((c) => {
        const v = new Map<string, number>();
        for (const [term, tf] of c)
          v.set(term, (1 + Math.log(tf)) * (1 + Math.log((group.length + 1) / (df.get(term)! + 1))));
        const norm = Math.sqrt([...v.values()].reduce((a, w) => a + w * w, 0)) || 1;
        for (const [term, w] of v) v.set(term, w / norm);
        return v;
      });
    };
    const cos = (a: Map<string, number>, b: Map<string, number>) =>
      [...a].reduce((dot, [term, w]) => dot + w * (b.get(term) ?? 0), 0);
    // Without families (a family joins its story whatever the text says), all on one day.
    const group = items.slice(0, 30).map((item) => ({
      ...item,
      family: null,
      published_at: "2024-04-12T08:00:00+07:00",
    }));
    let joined = 0;
    for (const [i, article] of group.entries()) {
      const others = group.filter((_, j) => j !== i).map((c) => ({ ...c, story_id: `story-${c.id}` }));
      const [own, ...vs] = reference([article, ...others].map(termCounts));
      const sims = vs.map((v) => cos(own!, v));
      const best = Math.max(...sims);
      const pick = pickStory(article, others);
      if (best < 0.3) {
        expect(pick).toBeNull();
        continue;
      }
      joined++;
      expect(pick!.similarity).toBeCloseTo(best, 6);
      expect(pick!.story_id).toBe(others[sims.indexOf(best)]!.story_id);
    }
    // The fixture holds stories, so some articles join one: the comparison is not vacuous.
    expect(joined).toBeGreaterThan(5);
  });
});
