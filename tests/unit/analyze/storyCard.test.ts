import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprintArticle } from "../../../src/analyze/dedupe.ts";
import { dedupeFixtureSchema, materializeDedupe } from "../../../src/analyze/devsetScores.ts";
import { prepareDocument } from "../../../src/analyze/document.ts";
import { hashTermCounts, pickStory, preparedTermCounts, termCounts } from "../../../src/analyze/stories.ts";
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
  const counts = new Map([
    [7, 3],
    [1, 1],
    [4_000_000_000, 2],
    [9, 1],
  ]);
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
    expect([...heaviest(counts, 2)]).toEqual([
      [7, 3],
      [4_000_000_000, 2],
    ]);
    expect(decodeStoryCard(encodeStoryCard(card, 3)).counts).toEqual(
      new Map([
        [7, 3],
        [4_000_000_000, 2],
        [1, 1],
      ]),
    );
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

  it("pickStory decides the same on hashed counts as on texts", () => {
    // Without families: a family joins its story whatever the text says.
    const dated = items
      .filter((item) => item.published_at)
      .slice(0, 40)
      .map((item) => ({ ...item, family: null }));
    let joined = 0;
    for (const [i, article] of dated.entries()) {
      const others = dated.filter((_, j) => j !== i).map((c) => ({ ...c, story_id: `story-${c.id}` }));
      const onText = pickStory(article, others);
      const onCounts = pickStory(
        { ...article, counts: hashTermCounts(termCounts(article)) },
        others.map((c) => ({
          id: c.id,
          story_id: c.story_id,
          published_at: c.published_at,
          counts: hashTermCounts(termCounts(c)),
        })),
      );
      expect(onCounts?.story_id).toBe(onText?.story_id);
      if (onText) {
        joined++;
        expect(onCounts!.similarity).toBeCloseTo(onText.similarity, 6);
      }
    }
    // The fixture holds stories, so some articles join one: the comparison is not vacuous.
    expect(joined).toBeGreaterThan(5);
  });
});
